using System.Threading.Tasks;
using NUnit.Framework;
using PgBeam.ContractTests.Calls;

namespace PgBeam.ContractTests;

/// <summary>Each call of the catalogue, on its own, against Prism.</summary>
public sealed class OperationTests : PrismContractTest
{
    [TestCaseSource(typeof(OperationCatalogue), nameof(OperationCatalogue.Cases))]
    public async Task Call_reaches_its_operation_passes_Prism_delivers_every_input_it_set_and_reads_the_typed_result(OperationCall call)
    {
        var outcome = await CallOutcome.RunAsync(Client, Log, call);

        var problems = outcome.Problems(PrismSuite.Contract);
        Log.AcceptViolations(); // reported by the assertion below, with Prism's reasons; the teardown need not repeat them

        Assert.That(problems, Is.Empty, $"{call} against Prism");
    }
}
