using System;
using System.Linq;
using System.Net;
using Newtonsoft.Json.Linq;
using PgBeam.Testing.Routing;
using PgBeam.Testing.State;

namespace PgBeam.Testing.Endpoints;

/// <summary>
/// Plans and billing. The plan list is fixed (starter, pro, scale, below). Every organization is on <c>starter</c>
/// (subscription <c>none</c>, billed by <c>stripe</c>, or by <c>vercel</c> once a Vercel installation is seeded), with
/// the starter limits; its spend limit is kept (a number of dollars, at least 0, or null to clear it; the field must
/// be sent) and <c>spend_capped</c> stays false, as the sandbox meters no spend. Cancellation feedback is recorded.
/// The Vercel installation answers 404 unless <c>PgBeamSandbox.SeedVercelInstallation</c> made one; its resources are
/// the seeded projects, <c>deleted</c> once the project is, with no usage this period. An organization the caller
/// does not belong to is a 403 where the operation declares no 404.
/// </summary>
internal static class BillingApi
{
    /// <summary>The plan every sandbox organization is on.</summary>
    public const string CurrentPlan = "starter";

    private static readonly PlanInfo[] Plans =
    [
        Plan("starter", "Starter", 0, null, "For side projects and evaluation.", null, null, Limits(100_000, 1, 1, 20, 10, 1L << 30, 50, 1, 3, 7, 1)),
        Plan("pro", "Pro", 49, 490, "For production applications.", "$0.40 per 1000 queries beyond the daily cap.", 14, Limits(5_000_000, 10, 5, 200, 100, 100L << 30, 500, 5, 25, 30, 5)),
        Plan("scale", "Scale", 499, 4990, "For teams running many databases and agents.", "$0.20 per 1000 queries beyond the daily cap.", 14, Limits(0, 100, 20, 1000, 1000, 0, 0, 20, 0, 365, 0)),
    ];

    public static SandboxResult ListPlans(SandboxCall call) =>
        SandboxResult.Json(HttpStatusCode.OK, new ListPlansResponse { Plans = Plans.Select(SandboxCopy.Of).ToList() });

    public static SandboxResult GetOrganizationPlan(SandboxCall call)
    {
        var organization = call.State.RequireOrganization(call.Path("org_id"), notFoundDeclared: false);
        return SandboxResult.Json(HttpStatusCode.OK, PlanOf(organization, call.Now));
    }

    public static SandboxResult UpdateSpendLimit(SandboxCall call)
    {
        var organization = call.State.RequireOrganization(call.Path("org_id"));
        var body = call.Body();
        var value = body.As<JObject>()["spend_limit"];
        if (value is null)
        {
            throw SandboxProblem.Field("spend_limit", "required", "Missing required field 'spend_limit': send a number of dollars, or null to clear the limit.");
        }

        double? limit = value.Type switch
        {
            JTokenType.Null => null,
            JTokenType.Integer or JTokenType.Float => value.Value<double>(),
            _ => throw body.Invalid("spend_limit", "must be a number of dollars or null", "invalid_type"),
        };
        if (limit is < 0 || (limit is { } dollars && (double.IsNaN(dollars) || double.IsInfinity(dollars))))
        {
            throw body.Invalid("spend_limit", "must be at least 0", "out_of_range");
        }

        organization.SpendLimit = limit;
        organization.BillingUpdatedAt = call.Now;
        return SandboxResult.Json(HttpStatusCode.OK, PlanOf(organization, call.Now));
    }

    public static SandboxResult SubmitCancellationFeedback(SandboxCall call)
    {
        var organization = call.State.RequireOrganization(call.Path("org_id"), notFoundDeclared: false);
        var body = call.Body();
        body.String("reason", maxLength: 256);
        body.String("feedback", maxLength: 10_000);
        organization.CancellationFeedback.Add(body.As<CancellationFeedbackRequest>());
        return SandboxResult.NoContent();
    }

    public static SandboxResult GetVercelInstallation(SandboxCall call)
    {
        var organization = call.State.RequireOrganization(call.Path("org_id"));
        var installation = organization.Vercel
            ?? throw SandboxProblem.NotFound($"Organization '{organization.Id}' did not come through the Vercel Marketplace.");
        return SandboxResult.Json(HttpStatusCode.OK, VercelStatusOf(call.State, organization, installation));
    }

    /// <summary>The installation with its resources as they are now (a deleted project is a deleted resource).</summary>
    public static VercelInstallationStatus VercelStatusOf(SandboxState state, StoredOrganization organization, StoredVercelInstallation installation) => new()
    {
        InstallationId = installation.InstallationId,
        VercelAccountId = installation.AccountId,
        Plan = CurrentPlan,
        Status = "active",
        CreatedAt = installation.CreatedAt,
        Resources = installation.Resources.Select(r => new VercelResourceStatus
        {
            ResourceId = r.ResourceId,
            ProjectId = r.ProjectId,
            Name = state.Projects.Find(r.ProjectId)?.Name ?? r.Name,
            BillingPlanId = CurrentPlan,
            Status = state.Projects.Find(r.ProjectId) is null ? VercelResourceState.Deleted : VercelResourceState.Ready,
            PeriodQueries = 0,
            PeriodBytes = 0,
        }).ToList(),
    };

    /// <summary>The limits of a plan of the list, by name.</summary>
    public static PlanLimits LimitsOf(string plan) => SandboxCopy.Of(Plans.Single(p => p.Name == plan).Limits);

    private static OrganizationPlan PlanOf(StoredOrganization organization, DateTimeOffset now)
    {
        var nextMonth = new DateTimeOffset(now.Year, now.Month, 1, 0, 0, 0, TimeSpan.Zero).AddMonths(1);
        return new OrganizationPlan
        {
            OrgId = organization.Id,
            Plan = PlanTier.Starter,
            BillingProvider = organization.Vercel is null ? BillingProvider.Stripe : BillingProvider.Vercel,
            SubscriptionStatus = SubscriptionStatus.None,
            CurrentPeriodEnd = nextMonth,
            Enabled = true,
            CustomPricing = false,
            SpendLimit = organization.SpendLimit,
            SpendCapped = false,
            SpendCappedAt = null,
            Limits = LimitsOf(CurrentPlan),
            CreatedAt = organization.CreatedAt,
            UpdatedAt = organization.BillingUpdatedAt,
        };
    }

    private static PlanInfo Plan(string name, string label, int monthly, int? annual, string description, string? overage, int? trialDays, PlanLimits limits) => new()
    {
        Name = name,
        Label = label,
        MonthlyPrice = monthly,
        AnnualPrice = annual,
        Description = description,
        OverageText = overage,
        TrialDays = trialDays,
        Limits = limits,
    };

    private static PlanLimits Limits(long queriesPerDay, int projects, int databases, int connections, int qps, long bytesPerMonth, int shapes, int seats, int agentCredentials, int auditDays, int branches) => new()
    {
        QueriesPerDay = queriesPerDay,
        MaxProjects = projects,
        MaxDatabases = databases,
        MaxConnections = connections,
        QueriesPerSecond = qps,
        BytesPerMonth = bytesPerMonth,
        MaxQueryShapes = shapes,
        IncludedSeats = seats,
        MaxAgentCredentials = agentCredentials,
        AuditRetentionDays = auditDays,
        SandboxMaxBranches = branches,
        SandboxMaxUpstreamBytes = branches == 0 ? 0 : 10L << 30,
        SandboxIdleSeconds = 300,
        SandboxTtlSeconds = 86_400,
    };
}
