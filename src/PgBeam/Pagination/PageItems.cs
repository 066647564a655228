using System;
using System.Collections.Generic;

namespace PgBeam.Pagination;

/// <summary>The items of a page as the read-only list <see cref="PgBeamPage{T}"/> exposes, without copying when it can.</summary>
internal static class PageItems
{
    /// <summary>
    /// <paramref name="items"/> itself when it is already a read-only list (the DTOs deserialize to
    /// <see cref="List{T}"/>), an empty list when the server left the array out.
    /// </summary>
    public static IReadOnlyList<T> Of<T>(IList<T>? items) => items switch
    {
        null => Array.Empty<T>(),
        IReadOnlyList<T> readOnly => readOnly,
        _ => new List<T>(items),
    };
}
