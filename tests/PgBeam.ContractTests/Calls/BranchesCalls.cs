using System.Collections.Generic;

namespace PgBeam.ContractTests.Calls;

/// <summary>The calls of <c>client.Branches</c>.</summary>
internal static class BranchesCalls
{
    public static IEnumerable<OperationCall> All() =>
    [
        OperationCall.Returning("listDatabaseBranches", CallVariant.RequiredOnly, (c, ct) =>
            c.Branches.ListDatabaseBranchesAsync(SampleIds.Project, cancellationToken: ct)),
        OperationCall.Returning("listDatabaseBranches", CallVariant.AllFields, (c, ct) =>
            c.Branches.ListDatabaseBranchesAsync(SampleIds.Project, new ListDatabaseBranchesParams { Status = DatabaseBranchStatus.Ready, PageSize = 1, PageToken = SampleIds.PageToken }, cancellationToken: ct)),

        .. OperationCall.WithoutBody("discardDatabaseBranch", (c, ct) => c.Branches.DiscardDatabaseBranchAsync(SampleIds.Project, SampleIds.Branch, cancellationToken: ct)),
    ];
}
