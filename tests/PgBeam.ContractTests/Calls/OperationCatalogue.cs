using System.Collections.Generic;
using System.Linq;

namespace PgBeam.ContractTests.Calls;

/// <summary>
/// Every call the suite makes through <see cref="PgBeamClient"/>. What it covers is not declared here but measured:
/// <c>CoverageTests</c> runs these calls and compares what reached Prism with the contract.
/// </summary>
internal static class OperationCatalogue
{
    public static IReadOnlyList<OperationCall> All { get; } =
    [
        .. AccountCalls.All(),
        .. AgentsCalls.All(),
#if PGBEAM_AUDIT_EXPORT
        .. AuditExportCalls.All(),
#endif
        .. AnalyticsCalls.All(),
        .. AnomaliesCalls.All(),
        .. ApprovalsCalls.All(),
        .. BranchesCalls.All(),
        .. DatabasesCalls.All(),
        .. MigrationsCalls.All(),
        .. PlatformCalls.All(),
        .. PoliciesCalls.All(),
        .. ProjectsCalls.All(),
        .. SupportCalls.All(),
        .. WebhooksCalls.All(),
    ];

    /// <summary>For <c>TestCaseSource</c>: one case per call, named after operation and variant.</summary>
    public static IEnumerable<NUnit.Framework.TestCaseData> Cases() =>
        All.Select(call => new NUnit.Framework.TestCaseData(call).SetArgDisplayNames(call.OperationId, call.Variant.ToString()));
}
