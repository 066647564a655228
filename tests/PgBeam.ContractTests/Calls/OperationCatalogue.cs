using System.Collections.Generic;
using System.Linq;
using PgBeam.ContractTests.Contract;
using PgBeam.ContractTests.Derivation;

namespace PgBeam.ContractTests.Calls;

/// <summary>
/// Every call the suite makes through <see cref="PgBeamClient"/>, derived from the contract: for each public operation,
/// a call with only its required inputs, one with every input, and one with explicit nulls where its body has
/// nullable fields. No operation is listed by hand, so a new one is called the moment it appears in the contract. What
/// the calls cover is still measured, not assumed: <c>CoverageTests</c> compares what reached Prism with the contract.
/// </summary>
internal static class OperationCatalogue
{
    public static IReadOnlyList<OperationCall> All { get; } = Derive(PrismSuite.Contract).ToList();

    /// <summary>For <c>TestCaseSource</c>: one case per call, named after operation and variant.</summary>
    public static IEnumerable<NUnit.Framework.TestCaseData> Cases() =>
        All.Select(call => new NUnit.Framework.TestCaseData(call).SetArgDisplayNames(call.OperationId, call.Variant.ToString()));

    public static IEnumerable<OperationCall> Derive(ContractDocument contract)
    {
        foreach (var operation in contract.PublicOperations)
        {
            OperationBinding? binding = null;
            DerivationException? unbound = null;
            try
            {
                binding = OperationBinding.Bind(operation);
            }
            catch (DerivationException problem)
            {
                unbound = problem;
            }

            if (binding is null)
            {
                yield return OperationCall.Failed(operation.OperationId, CallVariant.RequiredOnly, unbound!);
                continue;
            }

            foreach (var variant in ExpectedRequest.Variants(operation))
            {
                OperationCall call;
                try
                {
                    call = OperationCall.From(binding.Derive(variant));
                }
                catch (DerivationException problem)
                {
                    call = OperationCall.Failed(operation.OperationId, variant, problem);
                }

                yield return call;
            }
        }
    }
}
