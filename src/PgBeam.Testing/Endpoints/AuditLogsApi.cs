using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using PgBeam.Testing.Routing;

namespace PgBeam.Testing.Endpoints;

/// <summary>
/// The audit log (seeded with <see cref="PgBeamSandbox.SeedAuditEntry"/>): newest first, filtered by credential,
/// event, decision bucket, source and time window, paged by keyset: <c>next_page_token</c> is the timestamp of the
/// last entry of the page, to pass back as <c>before</c>.
/// </summary>
internal static class AuditLogsApi
{
    public static SandboxResult List(SandboxCall call)
    {
        var state = call.State;
        var project = state.RequireProject(call.Path("project_id"));
        var before = call.Query.Timestamp("before");
        var pageSize = call.Query.PageSize();

        var matching = Matching(call, project.Id)
            .Where(e => before is null || e.Ts < before)
            .OrderByDescending(e => e.Ts)
            .ThenByDescending(e => e.Seq)
            .Take(pageSize + 1)
            .ToList();

        var more = matching.Count > pageSize;
        var page = matching.Take(pageSize).ToList();
        return SandboxResult.Json(HttpStatusCode.OK, new ListAuditLogsResponse
        {
            Entries = page,
            NextPageToken = more ? FormatCursor(page[^1].Ts) : null,
        });
    }

    /// <summary>
    /// The project's entries that pass the filters list and export share (<c>credential_id</c>, <c>event</c>,
    /// <c>decision</c>, <c>source</c>, <c>start</c> included, <c>end</c> excluded), read from the query, in log order.
    /// </summary>
    public static IEnumerable<AuditLogEntry> Matching(SandboxCall call, string projectId)
    {
        var query = call.Query;
        var credentialId = query.String("credential_id", idPattern: true);
        var eventName = query.String("event");
        if (eventName is not null && !eventName.All(c => c is (>= 'a' and <= 'z') or '_'))
        {
            throw SandboxProblem.BadRequest("Query parameter 'event' may contain only lowercase letters and '_' (for example 'blocked').");
        }

        var decision = query.OneOf("decision", AuditDecision.KnownValues);
        var source = query.OneOf("source", AuditSource.KnownValues);
        var start = query.Timestamp("start");
        var end = query.Timestamp("end");
        return call.State.AuditEntries
            .Where(e => e.ProjectId == projectId)
            .Where(e => credentialId is null || e.CredentialId == credentialId)
            .Where(e => eventName is null || e.Event == eventName)
            .Where(e => decision is null || DecisionOf(e.Event) == decision)
            .Where(e => source is null || e.Source == source)
            .Where(e => start is null || e.Ts >= start)
            .Where(e => end is null || e.Ts < end)
            .ToList();
    }

    /// <summary>The bucket an event falls in, as the contract defines the <c>decision</c> filter.</summary>
    public static string? DecisionOf(string eventName) => eventName switch
    {
        "query" => "allow",
        "masked" => "mask",
        "truncated" => "truncate",
        "blocked" or "auth_failed" or "budget_exhausted" or "credential_expired" => "block",
        _ => null,
    };

    private static string FormatCursor(DateTimeOffset timestamp) =>
        timestamp.UtcDateTime.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fffffff'Z'", CultureInfo.InvariantCulture);
}
