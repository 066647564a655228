using PgBeam.ContractTests.Contract;

namespace PgBeam.Tests.Support;

/// <summary>The project's contract, <c>openapi/pgbeam.yaml</c>, read once: where the per-operation tests get their operations from.</summary>
internal static class TestContract
{
    private static ContractDocument? s_document;

    public static ContractDocument Document => s_document ??= ContractDocument.Load(RepoPaths.Combine("openapi", "pgbeam.yaml"));
}
