using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using NUnit.Framework;
using PgBeam.ContractTests.Calls;
using PgBeam.ContractTests.Contract;

namespace PgBeam.ContractTests;

/// <summary>
/// Coverage measured, not declared: runs every call of the catalogue, then compares what actually reached Prism
/// cleanly with the contract's public operations (all but the <c>Internal</c> and <c>MCP</c> tags), read from
/// <c>openapi/pgbeam.yaml</c>. The calls are derived from the contract, so an operation added to it is called at once;
/// this test fails until those calls reach it cleanly with only its required inputs and with every input (and with
/// explicit nulls, where it has nullable fields), naming what kept them from it.
/// </summary>
public sealed class CoverageTests : PrismContractTest
{
    [Test]
    public async Task Every_public_operation_of_the_contract_reaches_Prism_minimal_and_complete()
    {
        var contract = PrismSuite.Contract;
        var failures = new Dictionary<string, List<string>>();
        foreach (var call in OperationCatalogue.All)
        {
            var outcome = await CallOutcome.RunAsync(Client, Log, call);
            var problems = outcome.Problems(contract);
            if (problems.Count > 0)
            {
                failures.TryAdd(call.OperationId, []);
                failures[call.OperationId].Add($"{call.Variant}: {string.Join("; ", problems)}");
            }
        }

        Log.AcceptViolations(); // each rejected call is named below with its reasons

        var clean = Log.Exchanges.Where(e => e.Violations.Count == 0 && (int)e.Status is >= 200 and < 300).ToList();
        var gaps = new List<string>();
        foreach (var operation in contract.PublicOperations)
        {
            var reached = clean.Where(e => e.OperationId == operation.OperationId).ToList();
            var missing = ExpectedRequest.Variants(operation)
                .Where(variant => !reached.Any(e => ExpectedRequest.For(operation, variant).Differences(e).Count == 0))
                .ToList();
            if (reached.Count == 0 && !failures.ContainsKey(operation.OperationId))
            {
                gaps.Add($"{operation}: no call of the catalogue reaches it");
            }
            else if (reached.Count < 2)
            {
                gaps.Add($"{operation} was reached cleanly {reached.Count} time(s); every operation is called at least twice" +
                    (failures.TryGetValue(operation.OperationId, out var failed) ? " — " + string.Join(" | ", failed) : string.Empty));
            }
            else if (missing.Count > 0)
            {
                var why = failures.TryGetValue(operation.OperationId, out var reasons) ? " — " + string.Join(" | ", reasons) : string.Empty;
                gaps.Add($"{operation} lacks a clean {string.Join(" and ", missing)} call{why}");
            }
        }

        var publicIds = contract.PublicOperations.Select(o => o.OperationId).ToHashSet();
        var strays = Log.Exchanges.Where(e => e.OperationId is null || !publicIds.Contains(e.OperationId)).Select(e => $"{e} is not a public operation of the contract").Distinct().ToList();

        var covered = contract.PublicOperations.Count - gaps.Count;
        TestContext.Progress.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Contract coverage against Prism: {covered}/{contract.PublicOperations.Count} public operations, {Log.Count} requests."));
        Assert.Multiple(() =>
        {
            Assert.That(gaps, Is.Empty, $"{covered}/{contract.PublicOperations.Count} public operations covered");
            Assert.That(strays, Is.Empty);
        });
    }

    [Test]
    public void The_contract_read_by_the_suite_has_the_operations_of_the_SDK_and_excludes_only_Internal_and_MCP()
    {
        var contract = PrismSuite.Contract;
        var excluded = contract.Operations.Except(contract.PublicOperations).Select(o => o.OperationId);

        Assert.Multiple(() =>
        {
            Assert.That(excluded, Is.EquivalentTo(new[] { "mcpTransport", "handleSlackSupportEvent" }));
            Assert.That(contract.PublicOperations, Has.Count.GreaterThanOrEqualTo(76));
            Assert.That(contract.PublicOperations.Select(o => o.OperationId), Does.Contain("exportAuditLogs"));
        });
    }
}
