#if PGBEAM_AUDIT_EXPORT
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace PgBeam.ContractTests.Calls;

/// <summary>
/// The calls of the hand-written <c>client.Agents.ExportAuditLogsAsync</c> (the operation answers <c>text/csv</c>, so it
/// is not generated). Each call reads the whole CSV stream, as a caller would.
/// </summary>
internal static class AuditExportCalls
{
    public static IEnumerable<OperationCall> All() =>
    [
        OperationCall.Returning("exportAuditLogs", CallVariant.RequiredOnly, (c, ct) =>
            ReadAllAsync(c.Agents.ExportAuditLogsAsync(SampleIds.Project, cancellationToken: ct), ct)),
        OperationCall.Returning("exportAuditLogs", CallVariant.AllFields, (c, ct) =>
            ReadAllAsync(c.Agents.ExportAuditLogsAsync(SampleIds.Project, new ExportAuditLogsParams
            {
                CredentialId = SampleIds.Agent,
                Event = "query_blocked",
                Decision = AuditDecision.Mask,
                Source = AuditSource.Wire,
                Start = SampleIds.WindowStart,
                End = SampleIds.WindowEnd,
            }, cancellationToken: ct), ct)),
    ];

    private static async Task<string> ReadAllAsync(Task<Stream> export, CancellationToken cancellationToken)
    {
        await using var csv = await export;
        using var reader = new StreamReader(csv);
        return await reader.ReadToEndAsync(cancellationToken);
    }
}
#endif
