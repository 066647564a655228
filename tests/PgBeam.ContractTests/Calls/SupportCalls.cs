using System.Collections.Generic;

namespace PgBeam.ContractTests.Calls;

/// <summary>The calls of <c>client.Support</c>.</summary>
internal static class SupportCalls
{
    public static IEnumerable<OperationCall> All() =>
    [
        OperationCall.Returning("listSupportCases", CallVariant.RequiredOnly, (c, ct) =>
            c.Support.ListSupportCasesAsync(SampleIds.Org, cancellationToken: ct)),
        OperationCall.Returning("listSupportCases", CallVariant.AllFields, (c, ct) =>
            c.Support.ListSupportCasesAsync(SampleIds.Org, new ListSupportCasesParams { Status = SupportCaseStatus.Open, Search = "replica lag", PageSize = 10, Page = 2 }, cancellationToken: ct)),

        OperationCall.Returning("createSupportCase", CallVariant.RequiredOnly, (c, ct) =>
            c.Support.CreateSupportCaseAsync(SampleIds.Org, new CreateSupportCaseRequest { OrgId = SampleIds.Org, Title = "Replica lag", Body = "Lag above 30 s since 09:00 UTC." }, cancellationToken: ct)),
        OperationCall.Returning("createSupportCase", CallVariant.AllFields, (c, ct) =>
            c.Support.CreateSupportCaseAsync(SampleIds.Org, new CreateSupportCaseRequest { OrgId = SampleIds.Org, Title = "Replica lag", Severity = 2, Body = "Lag above 30 s since 09:00 UTC." }, cancellationToken: ct)),

        .. OperationCall.Returning("getSupportCase", (c, ct) => c.Support.GetSupportCaseAsync(SampleIds.Org, SampleIds.SupportCase, cancellationToken: ct)),

        OperationCall.Returning("updateSupportCase", CallVariant.RequiredOnly, (c, ct) =>
            c.Support.UpdateSupportCaseAsync(SampleIds.Org, SampleIds.SupportCase, new UpdateSupportCaseRequest(), cancellationToken: ct)),
        OperationCall.Returning("updateSupportCase", CallVariant.AllFields, (c, ct) =>
            c.Support.UpdateSupportCaseAsync(SampleIds.Org, SampleIds.SupportCase, new UpdateSupportCaseRequest { Status = SupportCaseStatus.Closed }, cancellationToken: ct)),

        .. OperationCall.Returning("createSupportMessage", (c, ct) =>
            c.Support.CreateSupportMessageAsync(SampleIds.Org, SampleIds.SupportCase, new CreateSupportMessageRequest { Body = "Fixed after the failover, thanks." }, cancellationToken: ct)),
    ];
}
