namespace PgBeam.ContractTests.Contract;

/// <summary>A success response of an operation: its status, and its media type and schema when it has a body.</summary>
internal sealed record ContractResponse(int Status, string? MediaType, SchemaNode? Schema);
