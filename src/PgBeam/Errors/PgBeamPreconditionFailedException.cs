namespace PgBeam;

/// <summary>
/// 412 Precondition Failed (code <c>PRECONDITION_FAILED</c>): the <c>ifMatch</c> tag of a write is no longer current,
/// because someone changed the resource after the read the write was built on. Nothing was written. Read again, apply
/// the change to the fresh copy and write with its <c>ETag</c> (the <c>Modify…Async</c> helpers do this for you).
/// </summary>
public sealed class PgBeamPreconditionFailedException : PgBeamApiException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="details">What the SDK read from the response.</param>
    public PgBeamPreconditionFailedException(PgBeamErrorDetails details)
        : base(details)
    {
        CurrentETag = details?.Headers.TryGetValue("ETag", out var tags) == true && tags.Count > 0 ? tags[0] : null;
    }

    /// <summary>The resource's tag as it is now (the 412's <c>ETag</c> header), when the server sent it.</summary>
    public string? CurrentETag { get; }

    /// <summary>
    /// How many read-modify-write rounds a <c>Modify…Async</c> helper made before it gave up (each ended in a 412);
    /// 0 when the 412 answered a plain write.
    /// </summary>
    public int ModifyAttempts { get; init; }
}
