namespace PgBeam.Tests.PublicApi;

/// <summary>A parameter of a method, constructor, operator or indexer: type (with <c>ref</c>/<c>params</c>/<c>this</c>), name, default.</summary>
internal sealed record ApiParameter(string Type, string Name, string? Default)
{
    public override string ToString() => Default is null ? $"{Type} {Name}" : $"{Type} {Name} = {Default}";
}
