using System.Collections.Generic;
using System.Linq;

namespace PgBeam;

/// <summary>
/// 409 from <c>executeBatch</c> in <c>atomic</c> mode: an operation failed at run time and the whole batch was undone,
/// so nothing was applied. <see cref="Batch"/> is the server's answer (a <see cref="BatchResponse"/>, not a problem
/// document): <see cref="FailedOperations"/> says which operation failed and why; every other one is <c>not_applied</c>.
/// </summary>
public sealed class PgBeamBatchRolledBackException : PgBeamConflictException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="details">What the SDK read from the response.</param>
    /// <param name="batch">The body of the 409, read as the contract's batch response.</param>
    public PgBeamBatchRolledBackException(PgBeamErrorDetails details, BatchResponse batch)
        : base(details)
    {
        Batch = batch ?? throw new System.ArgumentNullException(nameof(batch));
    }

    /// <summary>The body of the 409: mode, <c>applied</c> (false), summary and one result per operation, in request order.</summary>
    public BatchResponse Batch { get; }

    /// <summary>The operations that failed themselves (status <c>failed</c>), each with its <c>error</c> (code and message).</summary>
    public IReadOnlyList<BatchOperationResult> FailedOperations =>
        (Batch.Results ?? []).Where(r => r.Status == BatchOperationResultStatus.Failed).ToList();
}
