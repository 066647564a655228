namespace PgBeam.ContractTests.Contract;

/// <summary>An operation's JSON request body: its schema, and whether the operation needs one at all.</summary>
internal sealed record ContractBodyShape(SchemaNode Schema, bool Required);
