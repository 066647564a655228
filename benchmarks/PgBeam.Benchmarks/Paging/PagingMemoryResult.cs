namespace PgBeam.Benchmarks.Paging;

/// <summary>One walk: how many pages, the most live heap seen during it (above the heap before it), and the bytes allocated per page.</summary>
public sealed record PagingMemoryResult(string Variant, int Pages, int Entries, long PeakLiveBytes, long AllocatedBytesPerPage);
