namespace PgBeam;

public partial class PgBeamClient
{
    /// <summary>
    /// The version of the PgBeam API contract this SDK was generated from (<c>info.x-contract-version</c> of
    /// <c>openapi/pgbeam.yaml</c>, read when the SDK was built). It is independent of the SDK's own version, which is
    /// the package version, and both travel in the <c>User-Agent</c> of every request.
    /// </summary>
    /// <example><c>Console.WriteLine($"PgBeam API contract {PgBeamClient.ContractVersion}");</c></example>
    public static string ContractVersion => PgBeamBuildInfo.ContractVersion;
}
