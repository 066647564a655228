namespace PgBeam.Testing.State;

/// <summary>What <c>updateCacheRule</c> set for one query shape of one database; the shape's statistics are computed, not stored.</summary>
internal sealed class StoredCacheRule
{
    public bool CacheEnabled { get; set; }

    public int? CacheTtlSeconds { get; set; }

    public int? CacheSwrSeconds { get; set; }
}
