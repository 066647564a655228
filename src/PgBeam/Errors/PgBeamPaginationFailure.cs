namespace PgBeam;

/// <summary>Why an auto-paging walk stopped with a <see cref="PgBeamPaginationException"/>.</summary>
public enum PgBeamPaginationFailure
{
    /// <summary>The server answered a page with a page token the walk had already been asked with (at once or in a cycle); following it would loop forever.</summary>
    RepeatedPageToken,

    /// <summary>
    /// At least a page's worth of audit entries share one timestamp. The audit log pages by timestamp and contract
    /// 0.2.4 offers no finer cursor, so the walk cannot get past them without skipping or repeating entries.
    /// </summary>
    TimestampTieExceedsPage,

    /// <summary>An item lacks the value the walk pages by (an audit entry without <c>ts</c> or <c>id</c>).</summary>
    MissingCursorValue,

    /// <summary>
    /// The next cursor would not be older than the current one (timestamps finer than the microsecond the walk
    /// assumes, or entries newer than the cursor), so the walk could not make progress.
    /// </summary>
    CursorDidNotAdvance,
}
