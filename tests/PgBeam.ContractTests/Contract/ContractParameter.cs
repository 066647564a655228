namespace PgBeam.ContractTests.Contract;

/// <summary>A parameter of an operation: where it goes (<c>path</c>, <c>query</c>, <c>header</c>), whether it is required, its schema.</summary>
internal sealed record ContractParameter(string Name, string In, bool Required, SchemaNode Schema)
{
    public override string ToString() => $"{In} parameter '{Name}'";
}
