namespace PgBeam.Tests.PublicApi;

/// <summary>One classified difference between two public API listings.</summary>
/// <param name="Kind">What kind of change it is.</param>
/// <param name="Subject">The type or member (<c>PgBeam.Project.Name</c>).</param>
/// <param name="Detail">What changed, in a phrase (<c>int? → int</c>); for an addition, the added line.</param>
internal sealed record ApiChange(ApiChangeKind Kind, string Subject, string Detail)
{
    public bool IsBreaking => Kind != ApiChangeKind.Added;

    public override string ToString() => $"{Label(Kind),-20} {Subject}{(Detail.Length == 0 ? string.Empty : ": " + Detail)}";

    public static string Label(ApiChangeKind kind) => kind switch
    {
        ApiChangeKind.Added => "added",
        ApiChangeKind.Removed => "removed",
        ApiChangeKind.Renamed => "renamed",
        ApiChangeKind.OptionalToRequired => "optional → required",
        ApiChangeKind.TypeChanged => "type changed",
        _ => "changed",
    };
}
