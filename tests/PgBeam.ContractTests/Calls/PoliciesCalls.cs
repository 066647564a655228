using System.Collections.Generic;

namespace PgBeam.ContractTests.Calls;

/// <summary>The calls of <c>client.Policies</c>: profiles, dry evaluation and replay.</summary>
internal static class PoliciesCalls
{
    public static IEnumerable<OperationCall> All() =>
    [
        OperationCall.Returning("createPolicyProfile", CallVariant.RequiredOnly, (c, ct) =>
            c.Policies.CreatePolicyProfileAsync(SampleIds.Project, RequestSamples.MinimalPolicy(), cancellationToken: ct)),
        OperationCall.Returning("createPolicyProfile", CallVariant.AllFields, (c, ct) =>
            c.Policies.CreatePolicyProfileAsync(SampleIds.Project, RequestSamples.CompletePolicy(), cancellationToken: ct)),

        OperationCall.Returning("listPolicyProfiles", CallVariant.RequiredOnly, (c, ct) =>
            c.Policies.ListPolicyProfilesAsync(SampleIds.Project, cancellationToken: ct)),
        OperationCall.Returning("listPolicyProfiles", CallVariant.AllFields, (c, ct) =>
            c.Policies.ListPolicyProfilesAsync(SampleIds.Project, new ListPolicyProfilesParams { PageSize = 2, PageToken = SampleIds.PageToken }, cancellationToken: ct)),

        .. OperationCall.Returning("getPolicyProfile", (c, ct) => c.Policies.GetPolicyProfileAsync(SampleIds.Project, SampleIds.Policy, cancellationToken: ct)),

        OperationCall.Returning("updatePolicyProfile", CallVariant.RequiredOnly, (c, ct) =>
            c.Policies.UpdatePolicyProfileAsync(SampleIds.Project, SampleIds.Policy, RequestSamples.MinimalPolicy(), cancellationToken: ct)),
        OperationCall.Returning("updatePolicyProfile", CallVariant.AllFields, (c, ct) =>
            c.Policies.UpdatePolicyProfileAsync(SampleIds.Project, SampleIds.Policy, RequestSamples.CompletePolicy(), cancellationToken: ct)),

        .. OperationCall.WithoutBody("deletePolicyProfile", (c, ct) => c.Policies.DeletePolicyProfileAsync(SampleIds.Project, SampleIds.Policy, cancellationToken: ct)),

        OperationCall.Returning("dryEvalPolicy", CallVariant.RequiredOnly, (c, ct) =>
            c.Policies.DryEvalPolicyAsync(SampleIds.Project, new DryEvalInput { Sql = "SELECT * FROM orders" }, cancellationToken: ct)),
        OperationCall.Returning("dryEvalPolicy", CallVariant.AllFields, (c, ct) =>
            c.Policies.DryEvalPolicyAsync(SampleIds.Project, new DryEvalInput { Sql = "DELETE FROM orders", PolicyId = SampleIds.Policy, Policy = RequestSamples.CompletePolicy() }, cancellationToken: ct)),

        OperationCall.Returning("replayPolicy", CallVariant.RequiredOnly, (c, ct) =>
            c.Policies.ReplayPolicyAsync(SampleIds.Project, new PolicyReplayInput(), cancellationToken: ct)),
        OperationCall.Returning("replayPolicy", CallVariant.AllFields, (c, ct) =>
            c.Policies.ReplayPolicyAsync(SampleIds.Project, new PolicyReplayInput
            {
                PolicyId = SampleIds.Policy,
                Policy = RequestSamples.CompletePolicy(),
                CredentialId = SampleIds.Agent,
                StartTs = SampleIds.WindowStart,
                EndTs = SampleIds.WindowEnd,
                Limit = 500,
            }, cancellationToken: ct)),
    ];
}
