namespace PgBeam.ContractTests.Contract;

/// <summary>A query parameter of an operation.</summary>
internal sealed record ContractQueryParameter(string Name, bool Required);
