using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace PgBeam;

/// <summary>Helpers over <c>executeBatch</c> for the common jobs, written with the batch's typed operations and results.</summary>
public static class BatchExtensions
{
    /// <summary>The most operations one batch may carry (the contract's <c>maxItems</c>).</summary>
    public const int MaxOperations = 100;

    /// <summary>
    /// Revokes many agent credentials of a project in one call (say, during an incident). Each operation is labelled
    /// <c>revoke-&lt;n&gt;</c> (its index in <paramref name="agentIds"/>, from 0), and its result carries the same label.
    /// </summary>
    /// <param name="batch">The service (<c>client.Batch</c>).</param>
    /// <param name="projectId">The project the credentials belong to.</param>
    /// <param name="agentIds">The credentials to revoke: 1 to 100 distinct ids.</param>
    /// <param name="mode">
    /// <see cref="BatchMode.Atomic"/> (the default: all or none) or <see cref="BatchMode.Independent"/> (each on its own;
    /// check <see cref="BatchResponse.Summary"/> and each result's status).
    /// </param>
    /// <param name="requestOptions">Per-call settings.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>What the batch did, one result per id in order.</returns>
    /// <exception cref="PgBeamBatchRolledBackException">Atomic mode: one revocation failed and nothing was applied; it names the failure.</exception>
    /// <exception cref="ArgumentException"><paramref name="agentIds"/> is empty, longer than 100, or repeats an id.</exception>
    public static Task<BatchResponse> RevokeAgentCredentialsAsync(
        this IBatchClient batch,
        string projectId,
        IEnumerable<string> agentIds,
        BatchMode? mode = null,
        RequestOptions? requestOptions = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(agentIds);
        var ids = agentIds.ToList();
        if (ids.Count is 0 or > MaxOperations)
        {
            throw new ArgumentException($"A batch takes 1 to {MaxOperations} operations; {ids.Count} ids were given. Nothing was sent.", nameof(agentIds));
        }

        if (ids.Distinct(StringComparer.Ordinal).Count() != ids.Count)
        {
            throw new ArgumentException("The same credential appears twice; a batch may aim at each resource once. Nothing was sent.", nameof(agentIds));
        }

        var request = new BatchRequest
        {
            Mode = mode ?? BatchMode.Atomic,
            Operations = ids.Select((id, index) => new BatchOperation
            {
                Id = "revoke-" + index.ToString(CultureInfo.InvariantCulture),
                Op = BatchOperationOp.RevokeAgentCredential,
                AgentId = id,
            }).ToList(),
        };
        return batch.ExecuteBatchAsync(projectId, request, requestOptions, cancellationToken);
    }
}
