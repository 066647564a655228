using System.Collections.Generic;

namespace PgBeam.ContractTests.Calls;

/// <summary>The calls of <c>client.Approvals</c>. The decision body is optional in the contract: the minimal call sends none.</summary>
internal static class ApprovalsCalls
{
    public static IEnumerable<OperationCall> All() =>
    [
        OperationCall.Returning("listApprovalRequests", CallVariant.RequiredOnly, (c, ct) =>
            c.Approvals.ListApprovalRequestsAsync(SampleIds.Project, cancellationToken: ct)),
        OperationCall.Returning("listApprovalRequests", CallVariant.AllFields, (c, ct) =>
            c.Approvals.ListApprovalRequestsAsync(SampleIds.Project, new ListApprovalRequestsParams { Status = ApprovalRequestStatus.Pending, PageSize = 25, PageToken = SampleIds.PageToken }, cancellationToken: ct)),

        OperationCall.Returning("approveApprovalRequest", CallVariant.RequiredOnly, (c, ct) =>
            c.Approvals.ApproveApprovalRequestAsync(SampleIds.Project, SampleIds.Approval, null, cancellationToken: ct)),
        OperationCall.Returning("approveApprovalRequest", CallVariant.AllFields, (c, ct) =>
            c.Approvals.ApproveApprovalRequestAsync(SampleIds.Project, SampleIds.Approval, new ApprovalDecisionRequest { Reason = "Reviewed: touches 3 rows." }, cancellationToken: ct)),

        OperationCall.Returning("rejectApprovalRequest", CallVariant.RequiredOnly, (c, ct) =>
            c.Approvals.RejectApprovalRequestAsync(SampleIds.Project, SampleIds.Approval, null, cancellationToken: ct)),
        OperationCall.Returning("rejectApprovalRequest", CallVariant.AllFields, (c, ct) =>
            c.Approvals.RejectApprovalRequestAsync(SampleIds.Project, SampleIds.Approval, new ApprovalDecisionRequest { Reason = "Deletes without a WHERE clause." }, cancellationToken: ct)),
    ];
}
