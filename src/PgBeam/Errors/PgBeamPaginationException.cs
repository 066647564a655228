using System;

namespace PgBeam;

/// <summary>
/// An auto-paging walk (<c>…AutoPagingAsync</c>) could not continue safely: the server repeated a page token, or the
/// audit log has more entries on one timestamp than a page holds. Every item yielded before it was correct and
/// yielded once; the walk stops rather than loop or skip.
/// </summary>
public sealed class PgBeamPaginationException : PgBeamException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What stopped the walk; never contains a secret or a page token.</param>
    /// <param name="operationId">The contract operation id of the listing.</param>
    /// <param name="reason">Which check stopped the walk.</param>
    /// <param name="innerException">The underlying failure, if any.</param>
    public PgBeamPaginationException(string message, string operationId, PgBeamPaginationFailure reason, Exception? innerException = null)
        : base(message, innerException)
    {
        OperationId = operationId;
        Reason = reason;
    }

    /// <summary>The contract operation id of the listing (<c>listAuditLogs</c>).</summary>
    public string OperationId { get; }

    /// <summary>Which check stopped the walk.</summary>
    public PgBeamPaginationFailure Reason { get; }
}
