using System;
using System.Globalization;
using System.Linq;
using System.Net;
using PgBeam.Testing.Routing;
using PgBeam.Testing.State;

namespace PgBeam.Testing.Endpoints;

/// <summary>
/// Support cases and their messages. A case (<c>sc_</c>, numbered 1, 2… per organization, severity 4 unless given)
/// opens with the request's body as its first message (<c>sm_</c>, source <c>user</c>, by the caller); the body's
/// <c>org_id</c> must be the path's (400 on <c>org_id</c>). Lists are newest first, filtered by <c>status</c> and by
/// <c>search</c> (case-insensitive, in titles), with <c>total</c> the filter's count, paged by <c>page_token</c> or,
/// without one, by <c>page</c> (from 1). PATCH sets the status: closing stamps <c>closed_at</c>, reopening clears
/// it. A reply is appended (shown by <c>getSupportCase</c>, counted in <c>message_count</c>) and moves
/// <c>updated_at</c>; replying on a closed case is a 409 (reopen it first). An organization the caller is not in is
/// 403 where the operation declares no 404.
/// </summary>
internal static class SupportApi
{
    public static SandboxResult List(SandboxCall call)
    {
        var state = call.State;
        var organization = state.RequireOrganization(call.Path("org_id"), notFoundDeclared: false);
        var status = call.Query.OneOf("status", SupportCaseStatus.KnownValues);
        var search = call.Query.String("search");
        var pageSize = call.Query.PageSize();
        var token = call.Query.String("page_token", idPattern: true);
        var page = PageNumber(call);

        bool Include(StoredSupportCase c) =>
            c.Case.OrgId == organization.Id
            && (status is null || c.Case.Status.ToString() == status)
            && (search is null || c.Case.Title.Contains(search, StringComparison.OrdinalIgnoreCase));

        var (cases, next) = state.SupportCases.Page(Include, pageSize, token, rows => rows.Reverse());
        for (var skipped = 1; token is null && skipped < page; skipped++)
        {
            (cases, next) = next is null ? ([], null) : state.SupportCases.Page(Include, pageSize, next, rows => rows.Reverse());
        }

        return SandboxResult.Json(HttpStatusCode.OK, new ListSupportCasesResponse
        {
            Cases = cases.ConvertAll(c => c.Case),
            NextPageToken = next,
            Total = state.SupportCases.Live.Count(Include),
        });
    }

    public static SandboxResult Create(SandboxCall call)
    {
        var state = call.State;
        var organization = state.RequireOrganization(call.Path("org_id"), notFoundDeclared: false);
        var body = call.Body();
        var orgId = body.String("org_id", required: true, minLength: 1)!;
        var title = body.String("title", required: true, minLength: 1, maxLength: 500)!;
        var severity = (int)(body.Integer("severity", minimum: 1, maximum: 4) ?? 4);
        var text = body.String("body", required: true, minLength: 1, maxLength: 50_000)!;
        if (orgId != organization.Id)
        {
            throw body.Invalid("org_id", $"must be the organization of the path, '{organization.Id}'");
        }

        var id = state.NewId("sc");
        var stored = new StoredSupportCase(new SupportCase
        {
            Id = id,
            CaseNumber = state.SupportCases.Live.Count(c => c.Case.OrgId == organization.Id) + 1,
            OrgId = organization.Id,
            UserId = organization.OwnerUserId,
            Title = title,
            Severity = severity,
            Status = SupportCaseStatus.Open,
            CreatedAt = call.Now,
            ClosedAt = null,
        });
        state.SupportCases.Add(id, state.NextSequence(), stored);
        Append(state, organization, stored, text, call.Now);
        return SandboxResult.Json(HttpStatusCode.Created, stored.Case);
    }

    public static SandboxResult Get(SandboxCall call)
    {
        var stored = Require(call);
        return SandboxResult.Json(HttpStatusCode.OK, new GetSupportCaseResponse { Case = stored.Case, Messages = stored.Messages.ToList() });
    }

    /// <summary>PATCH: only <c>status</c> changes; a body without it changes nothing.</summary>
    public static SandboxResult Update(SandboxCall call)
    {
        var stored = Require(call);
        var status = call.Body().OneOf("status", SupportCaseStatus.KnownValues);
        var supportCase = stored.Case;
        if (status is not null && status != supportCase.Status.ToString())
        {
            supportCase.Status = new SupportCaseStatus(status);
            supportCase.ClosedAt = supportCase.Status == SupportCaseStatus.Closed ? call.Now : null;
            supportCase.UpdatedAt = call.Now;
        }

        return SandboxResult.Json(HttpStatusCode.OK, supportCase);
    }

    public static SandboxResult CreateMessage(SandboxCall call)
    {
        var state = call.State;
        var organization = state.RequireOrganization(call.Path("org_id"));
        var stored = Require(call);
        var text = call.Body().String("body", required: true, minLength: 1, maxLength: 50_000)!;
        if (stored.Case.Status == SupportCaseStatus.Closed)
        {
            throw SandboxProblem.InvalidState($"Support case '{stored.Case.Id}' is closed; reopen it (status open) before replying.");
        }

        return SandboxResult.Json(HttpStatusCode.Created, Append(state, organization, stored, text, call.Now));
    }

    private static SupportMessage Append(SandboxState state, StoredOrganization organization, StoredSupportCase stored, string text, DateTimeOffset now)
    {
        var message = new SupportMessage
        {
            Id = state.NewId("sm"),
            CaseId = stored.Case.Id,
            Source = SupportMessageSource.User,
            AuthorName = organization.Owner.Name,
            Body = text,
            CreatedAt = now,
        };
        stored.Messages.Add(message);
        stored.Case.MessageCount = stored.Messages.Count;
        stored.Case.UpdatedAt = now;
        return message;
    }

    private static StoredSupportCase Require(SandboxCall call)
    {
        var organization = call.State.RequireOrganization(call.Path("org_id"));
        var caseId = call.Path("case_id");
        return call.State.SupportCases.Find(caseId) is { } stored && stored.Case.OrgId == organization.Id
            ? stored
            : throw SandboxProblem.NotFound($"Support case '{caseId}' does not exist in organization '{organization.Id}'.");
    }

    private static int PageNumber(SandboxCall call)
    {
        var text = call.Query.String("page");
        if (text is null)
        {
            return 1;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var page) && page >= 1
            ? page
            : throw SandboxProblem.Field("page", "out_of_range", "Query parameter 'page' must be an integer from 1.");
    }
}
