using Newtonsoft.Json.Linq;

namespace PgBeam.Testing.Contract;

/// <summary>One parameter of an operation as the contract states it (<c>$ref</c>s resolved).</summary>
internal sealed class ContractParameter(string name, string location, bool required, JObject schema, JObject declaration)
{
    /// <summary>The wire name (<c>project_id</c>, <c>If-Match</c>).</summary>
    public string Name { get; } = name;

    /// <summary><c>path</c>, <c>query</c>, <c>header</c> or <c>cookie</c>.</summary>
    public string Location { get; } = location;

    public bool Required { get; } = required;

    /// <summary>The parameter's schema; an empty object when the contract gives none.</summary>
    public JObject Schema { get; } = schema;

    /// <summary>The parameter's description, if the contract gives one.</summary>
    public string? Description { get; } = (string?)declaration["description"];
}
