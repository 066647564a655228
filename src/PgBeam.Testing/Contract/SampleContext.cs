using System;
using System.Collections.Generic;
using Newtonsoft.Json.Linq;

namespace PgBeam.Testing.Contract;

/// <summary>What a derived answer may draw on: the request's path values and body, the clock, and a seeded random source.</summary>
internal sealed class SampleContext(Random random, DateTimeOffset now, IReadOnlyDictionary<string, string> pathValues, JToken? requestBody)
{
    public Random Random { get; } = random;

    /// <summary>The sandbox clock, for every date-time the answer carries.</summary>
    public DateTimeOffset Now { get; } = now;

    /// <summary>The request's path values (<c>project_id</c>), which same-named properties echo.</summary>
    public IReadOnlyDictionary<string, string> PathValues { get; } = pathValues;

    /// <summary>The request body, whose top-level values same-named response properties echo when they fit.</summary>
    public JToken? RequestBody { get; } = requestBody;

    /// <summary>The id prefix of the resource the operation reads or creates (<c>hnt</c>), when the contract tells.</summary>
    public string? ResourcePrefix { get; init; }

    /// <summary>The id of the resource the path names (the last path value, when it is an id), for its <c>id</c>.</summary>
    public string? ResourceId { get; init; }
}
