using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using PgBeam.Testing.Routing;
using PgBeam.Testing.State;

namespace PgBeam.Testing.Endpoints;

/// <summary>
/// The caller's organizations, onboarding checklist and account export. The sandbox's key acts as one user (account
/// scoped, so roles are shown) who owns the sandbox's organization and every organization a project was created in.
/// The checklist keeps what PATCH ticked off, and also counts a step done once the state shows it
/// (<c>project_created</c>: a project of the organization exists; <c>database_added</c>: a database of one does;
/// <c>agent_credential_created</c>: a credential does; <c>first_query_run</c>: an audit entry of one does); a step,
/// once seen done, stays done. <c>completed</c> and <c>completed_at</c> are set when all six steps are. The export is
/// computed: the user, its organizations, their live projects and databases (no credentials: the schema has none)
/// and the latest 1000 audit entries of those projects, newest first; no sessions or consents (the sandbox keeps
/// none) and fixed email preferences.
/// </summary>
internal static class AccountApi
{
    private const int ExportedAuditEntries = 1000;

    public static SandboxResult ListOrganizations(SandboxCall call) =>
        SandboxResult.Json(HttpStatusCode.OK, new ListOrganizationsResponse
        {
            Organizations = call.State.OrganizationsOfCaller().Select(o => new OrganizationSummary
            {
                Id = o.Id,
                Name = o.Name,
                Slug = o.Slug,
                Role = o.Owner.Role.ToString(),
            }).ToList(),
        });

    public static SandboxResult GetOnboarding(SandboxCall call)
    {
        var organization = call.State.RequireOrganization(call.Path("org_id"));
        return SandboxResult.Json(HttpStatusCode.OK, ProgressOf(call.State, organization, call.Now));
    }

    /// <summary>PATCH: ticks off <c>step</c> and/or sets <c>dismiss</c>; a body with neither is a 400.</summary>
    public static SandboxResult UpdateOnboarding(SandboxCall call)
    {
        var state = call.State;
        var organization = state.RequireOrganization(call.Path("org_id"));
        var body = call.Body();
        var step = body.OneOf("step", OnboardingStep.KnownValues);
        var dismiss = body.Boolean("dismiss");
        if (step is null && dismiss is null)
        {
            throw SandboxProblem.BadRequest("The body names no change: send 'step' to tick off a checklist step, or 'dismiss'.");
        }

        if (step is not null)
        {
            organization.OnboardingSteps.TryAdd(step, call.Now);
        }

        if (dismiss is { } hide)
        {
            organization.OnboardingDismissed = hide;
        }

        return SandboxResult.Json(HttpStatusCode.OK, ProgressOf(state, organization, call.Now));
    }

    public static SandboxResult ExportAccountData(SandboxCall call)
    {
        var state = call.State;
        var organizations = state.OrganizationsOfCaller();
        var orgIds = organizations.Select(o => o.Id).ToHashSet(StringComparer.Ordinal);
        var projects = state.Projects.Live.Where(p => orgIds.Contains(p.OrgId)).ToList();
        var projectIds = projects.Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
        var owner = organizations[0].Owner;
        return SandboxResult.Json(HttpStatusCode.OK, new AccountExport
        {
            User = new AccountExportUser
            {
                Id = owner.UserId,
                Name = owner.Name,
                Email = owner.Email,
                EmailVerified = true,
                CreatedAt = organizations.Min(o => o.CreatedAt),
                UpdatedAt = organizations.Min(o => o.CreatedAt),
            },
            Organizations = organizations.Select(o => new AccountExportOrganization
            {
                Id = o.Id,
                Name = o.Name,
                Slug = o.Slug,
                Role = o.Owner.Role.ToString(),
                CreatedAt = o.Owner.CreatedAt,
            }).ToList(),
            Projects = projects.Select(p => new AccountExportProject
            {
                Id = p.Id,
                OrgId = p.OrgId,
                Name = p.Name,
                Description = p.Description ?? string.Empty,
                Status = p.Status.ToString(),
                CreatedAt = p.CreatedAt,
            }).ToList(),
            Databases = state.Databases.Live.Where(d => projectIds.Contains(d.ProjectId)).Select(d => new AccountExportDatabase
            {
                Id = d.Id,
                ProjectId = d.ProjectId,
                Host = d.Host,
                Port = d.Port,
                Name = d.Name,
                SslMode = d.SslMode.ToString(),
                Role = (d.Role ?? DatabaseRole.Primary).ToString(),
                CreatedAt = d.CreatedAt,
            }).ToList(),
            Sessions = [],
            EmailPreferences = new AccountExportEmailPreferences { MarketingEmails = false, UsageLimitAlerts = true },
            Consents = [],
            AuditLogs = state.AuditEntries
                .Where(e => projectIds.Contains(e.ProjectId))
                .OrderByDescending(e => e.Ts)
                .Take(ExportedAuditEntries)
                .Select(e => new AccountExportAuditLog
                {
                    Id = e.Id,
                    Action = e.Event,
                    ResourceType = e.CredentialId is null ? "project" : "agent_credential",
                    ResourceId = e.CredentialId ?? e.ProjectId,
                    IpAddress = e.ClientIp,
                    CreatedAt = e.Ts,
                })
                .ToList(),
            ExportedAt = call.Now,
        });
    }

    private static OnboardingProgress ProgressOf(SandboxState state, StoredOrganization organization, DateTimeOffset now)
    {
        var projectIds = state.Projects.Live.Where(p => p.OrgId == organization.Id).Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
        var seen = new Dictionary<string, bool>(StringComparer.Ordinal)
        {
            ["project_created"] = projectIds.Count > 0,
            ["database_added"] = state.Databases.Live.Any(d => projectIds.Contains(d.ProjectId)),
            ["agent_credential_created"] = state.Credentials.Live.Any(c => projectIds.Contains(c.Credential.ProjectId)),
            ["first_query_run"] = state.AuditEntries.Any(e => projectIds.Contains(e.ProjectId) && e.Event == "query"),
        };
        foreach (var (step, done) in seen)
        {
            if (done)
            {
                organization.OnboardingSteps.TryAdd(step, now);
            }
        }

        bool Done(OnboardingStep step) => organization.OnboardingSteps.ContainsKey(step.ToString());
        var completed = OnboardingStep.KnownValues.Count(Done);
        var all = completed == OnboardingStep.KnownValues.Count;
        if (all)
        {
            organization.OnboardingCompletedAt ??= OnboardingStep.KnownValues.Max(s => organization.OnboardingSteps[s.ToString()]);
        }

        return new OnboardingProgress
        {
            OrganizationId = organization.Id,
            OrgCreated = true,
            ProjectCreated = Done(OnboardingStep.ProjectCreated),
            DatabaseAdded = Done(OnboardingStep.DatabaseAdded),
            ConnectionTested = Done(OnboardingStep.ConnectionTested),
            ConnectionStringCopied = Done(OnboardingStep.ConnectionStringCopied),
            FirstQueryRun = Done(OnboardingStep.FirstQueryRun),
            AgentCredentialCreated = Done(OnboardingStep.AgentCredentialCreated),
            Dismissed = organization.OnboardingDismissed,
            Completed = all,
            StepsCompleted = completed,
            StepsTotal = OnboardingStep.KnownValues.Count,
            CompletedAt = all ? organization.OnboardingCompletedAt : null,
        };
    }
}
