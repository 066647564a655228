namespace PgBeam.Benchmarks.HandWritten;

/// <summary>A user's own model of an allowed CIDR range.</summary>
public sealed class CidrEntryDto
{
    public string Cidr { get; set; } = "";
    public string? Label { get; set; }
}
