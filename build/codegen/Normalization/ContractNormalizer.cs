using System.Text.Json.Nodes;
using PgBeam.CodeGen.Contract;

namespace PgBeam.CodeGen.Normalization;

/// <summary>
/// Turns the project's contract into the derived copy NSwag reads: the same facts on the wire, with every name the
/// C# code needs computed by rule and every construct the templates rely on made explicit (see each step).
/// </summary>
internal static class ContractNormalizer
{
    public static ContractProblems Normalize(JsonObject root, NormalizerOptions options)
    {
        var document = new ContractDocument(root);
        var problems = new ContractProblems();
        OperationSelection.Apply(document, options, problems);
        ComponentNames.Apply(document, problems);
        InlineObjects.Apply(document, problems);
        InlineEnums.Apply(document, problems);
        PropertyDescriptions.Apply(document);
        EnumMembers.Apply(document, problems);
        HeaderParameters.Apply(document, problems);
        ErrorExceptions.Apply(document);
        OperationFacts.Apply(document);
        PaginationInference.Apply(document);
        InputForms.Apply(document);
        ModelRoles.Apply(document);
        UnsupportedConstructs.Apply(document, problems);
        return problems;
    }
}
