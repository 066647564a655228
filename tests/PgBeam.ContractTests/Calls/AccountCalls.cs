using System.Collections.Generic;

namespace PgBeam.ContractTests.Calls;

/// <summary>The calls of <c>client.Account</c>.</summary>
internal static class AccountCalls
{
    public static IEnumerable<OperationCall> All() =>
    [
        .. OperationCall.Returning("exportAccountData", (c, ct) => c.Account.ExportAccountDataAsync(cancellationToken: ct)),
        .. OperationCall.Returning("getOnboardingProgress", (c, ct) => c.Account.GetOnboardingProgressAsync(SampleIds.Org, cancellationToken: ct)),
        OperationCall.Returning("updateOnboardingProgress", CallVariant.RequiredOnly, (c, ct) =>
            c.Account.UpdateOnboardingProgressAsync(SampleIds.Org, new UpdateOnboardingRequest(), cancellationToken: ct)),
        OperationCall.Returning("updateOnboardingProgress", CallVariant.AllFields, (c, ct) =>
            c.Account.UpdateOnboardingProgressAsync(SampleIds.Org, new UpdateOnboardingRequest { Step = OnboardingStep.ConnectionTested, Dismiss = false }, cancellationToken: ct)),
        .. OperationCall.Returning("listOrganizations", (c, ct) => c.Account.ListOrganizationsAsync(cancellationToken: ct)),
    ];
}
