using System;
using System.Collections.Generic;

namespace PgBeam.ContractTests.Calls;

/// <summary>The calls of <c>client.Analytics</c>: plans, spend limit, insights and usage.</summary>
internal static class AnalyticsCalls
{
    private static readonly DateOnly From = new(2026, 1, 1);
    private static readonly DateOnly To = new(2026, 1, 31);

    public static IEnumerable<OperationCall> All() =>
    [
        .. OperationCall.Returning("listPlans", (c, ct) => c.Analytics.ListPlansAsync(cancellationToken: ct)),
        .. OperationCall.Returning("getOrganizationPlan", (c, ct) => c.Analytics.GetOrganizationPlanAsync(SampleIds.Org, cancellationToken: ct)),
        .. OperationCall.Returning("getVercelInstallation", (c, ct) => c.Analytics.GetVercelInstallationAsync(SampleIds.Org, cancellationToken: ct)),

        OperationCall.Returning("updateSpendLimit", CallVariant.RequiredOnly, (c, ct) =>
            c.Analytics.UpdateSpendLimitAsync(SampleIds.Org, new UpdateSpendLimitRequest(), cancellationToken: ct)),
        OperationCall.Returning("updateSpendLimit", CallVariant.AllFields, (c, ct) =>
            c.Analytics.UpdateSpendLimitAsync(SampleIds.Org, new UpdateSpendLimitRequest { SpendLimit = 250.5 }, cancellationToken: ct)),
        OperationCall.Returning("updateSpendLimit", CallVariant.ExplicitNulls, (c, ct) =>
            c.Analytics.UpdateSpendLimitAsync(SampleIds.Org, new UpdateSpendLimitRequest { SpendLimit = null }, cancellationToken: ct)),

        OperationCall.WithoutBody("submitCancellationFeedback", CallVariant.RequiredOnly, (c, ct) =>
            c.Analytics.SubmitCancellationFeedbackAsync(SampleIds.Org, new CancellationFeedbackRequest(), cancellationToken: ct)),
        OperationCall.WithoutBody("submitCancellationFeedback", CallVariant.AllFields, (c, ct) =>
            c.Analytics.SubmitCancellationFeedbackAsync(SampleIds.Org, new CancellationFeedbackRequest { Reason = "too_expensive", Feedback = "We moved the workload in-house." }, cancellationToken: ct)),

        OperationCall.Returning("getProjectInsights", CallVariant.RequiredOnly, (c, ct) =>
            c.Analytics.GetProjectInsightsAsync(SampleIds.Project, cancellationToken: ct)),
        OperationCall.Returning("getProjectInsights", CallVariant.AllFields, (c, ct) =>
            c.Analytics.GetProjectInsightsAsync(SampleIds.Project, new GetProjectInsightsParams { Range = ProjectInsightsRange.SevenDays, Limit = 5 }, cancellationToken: ct)),

        .. OperationCall.Returning("getOrganizationUsage", (c, ct) => c.Analytics.GetOrganizationUsageAsync(SampleIds.Org, From, To, cancellationToken: ct)),
        .. OperationCall.Returning("getProjectUsage", (c, ct) => c.Analytics.GetProjectUsageAsync(SampleIds.Project, From, To, cancellationToken: ct)),
    ];
}
