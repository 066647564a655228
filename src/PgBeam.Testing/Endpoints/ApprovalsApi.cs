using System;
using System.Linq;
using System.Net;
using PgBeam.Testing.Routing;
using PgBeam.Testing.State;

namespace PgBeam.Testing.Endpoints;

/// <summary>
/// Held statements (seeded with <see cref="PgBeamSandbox.SeedApproval"/>): list, approve, reject. A decision is
/// final: deciding again is a 409, as is deciding after the deadline (the request then reads as expired).
/// </summary>
internal static class ApprovalsApi
{
    /// <summary>Who decided, as the sandbox records it (the API records the caller's user).</summary>
    public const string Decider = "usr_sandbox";

    public static SandboxResult List(SandboxCall call)
    {
        var state = call.State;
        var project = state.RequireProject(call.Path("project_id"));
        var status = call.Query.OneOf("status", ApprovalRequestStatus.KnownValues);
        var pageSize = call.Query.PageSize();
        var token = call.Query.String("page_token", idPattern: true);
        ExpireOverdue(state, project.Id, call.Now);

        // Newest first, as a reviewer reads a queue; the order is by creation, so new holds never shift a page.
        var (approvals, next) = state.Approvals.Page(
            a => a.ProjectId == project.Id && (status is null || a.Status.Value == status),
            pageSize,
            token,
            rows => rows.OrderByDescending(r => r.Sequence));
        return SandboxResult.Json(HttpStatusCode.OK, new ListApprovalRequestsResponse { Approvals = approvals, NextPageToken = next });
    }

    public static SandboxResult Approve(SandboxCall call) => Decide(call, ApprovalRequestStatus.Approved);

    public static SandboxResult Reject(SandboxCall call) => Decide(call, ApprovalRequestStatus.Rejected);

    /// <summary>Marks pending requests whose deadline has passed as expired.</summary>
    public static void ExpireOverdue(SandboxState state, string projectId, DateTimeOffset now)
    {
        foreach (var approval in state.Approvals.Live.Where(a => a.ProjectId == projectId))
        {
            if (approval.Status == ApprovalRequestStatus.Pending && approval.ExpiresAt <= now)
            {
                approval.Status = ApprovalRequestStatus.Expired;
            }
        }
    }

    private static SandboxResult Decide(SandboxCall call, ApprovalRequestStatus decision)
    {
        var state = call.State;
        var project = state.RequireProject(call.Path("project_id"));
        var approval = state.RequireApproval(project.Id, call.Path("approval_id"));
        var body = call.OptionalBody();
        var reason = body.String("reason", maxLength: 500);
        ExpireOverdue(state, project.Id, call.Now);
        if (approval.Status != ApprovalRequestStatus.Pending)
        {
            throw SandboxProblem.InvalidState($"Approval request '{approval.Id}' is already {approval.Status}; a decision cannot be made or changed twice.");
        }

        approval.Status = decision;
        if (reason is not null)
        {
            approval.Reason = reason;
        }

        approval.DecidedAt = call.Now;
        approval.DecidedBy = Decider;
        return SandboxResult.Json(HttpStatusCode.OK, approval);
    }
}
