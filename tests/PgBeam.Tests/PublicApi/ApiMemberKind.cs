namespace PgBeam.Tests.PublicApi;

/// <summary>What a member of a public API listing is.</summary>
internal enum ApiMemberKind
{
    Method,
    Constructor,
    Operator,
    Property,
    Indexer,
    Field,
    Event,
    EnumValue,
}
