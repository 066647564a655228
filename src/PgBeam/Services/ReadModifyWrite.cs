using System;
using System.Threading;
using System.Threading.Tasks;

namespace PgBeam;

/// <summary>
/// The loop behind every <c>Modify…Async</c> helper: read with the <c>ETag</c>, apply the caller's change to the
/// input form of what was read, write with <c>If-Match</c>; on 412 read again and re-apply, at most a bounded number
/// of rounds, then fail with <see cref="PgBeamPreconditionFailedException"/>.
/// </summary>
internal static class ReadModifyWrite
{
    /// <summary>Rounds a <c>Modify…Async</c> helper makes by default before it gives up.</summary>
    public const int DefaultMaxAttempts = 5;

    public static async Task<TResource> RunAsync<TResource, TInput>(
        string operation,
        Func<CancellationToken, Task<PgBeamResponse<TResource>>> read,
        Func<TResource, TInput> toInput,
        Action<TInput> change,
        Func<TInput, string, CancellationToken, Task<TResource>> write,
        int maxAttempts,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxAttempts, 1);
        for (var attempt = 1; ; attempt++)
        {
            var current = await read(cancellationToken).ConfigureAwait(false);
            var etag = current.ETag
                ?? throw new InvalidOperationException($"{operation}: the read returned no ETag, so the write cannot be made conditional; nothing was written.");
            var input = toInput(current.Value);
            change(input);
            try
            {
                return await write(input, etag, cancellationToken).ConfigureAwait(false);
            }
            catch (PgBeamPreconditionFailedException) when (attempt < maxAttempts)
            {
                // Someone else wrote in between: start again from their version, so their change is kept.
            }
            catch (PgBeamPreconditionFailedException lost)
            {
                throw PgBeamErrorFactory.ModifyLost(lost, attempt);
            }
        }
    }
}
