using System.Linq;
using System.Text.Json.Nodes;
using PgBeam.CodeGen.Contract;

namespace PgBeam.CodeGen.Normalization;

/// <summary>
/// Marks each component schema with the direction it travels, for Class.liquid: <c>x-pgbeam-input</c> when a request
/// body reaches it (its required properties become C# <c>required</c> members), <c>x-pgbeam-output</c> when a success
/// body reaches it (a required, non-nullable property the server omits is a serialization error).
/// </summary>
internal static class ModelRoles
{
    public static void Apply(ContractDocument document)
    {
        var operations = document.Operations().ToList();
        var inputs = OperationSelection.Reachable(document, operations
            .Select(o => o.Node["requestBody"])
            .OfType<JsonNode>());
        var outputs = OperationSelection.Reachable(document, operations
            .SelectMany(o => o.SuccessResponses().Select(r => (JsonNode)r.Response)));
        foreach (var (name, node) in document.Schemas)
        {
            if (node is not JsonObject schema)
            {
                continue;
            }

            if (inputs.Contains(name))
            {
                schema["x-pgbeam-input"] = true;
            }

            if (outputs.Contains(name))
            {
                schema["x-pgbeam-output"] = true;
            }
        }
    }
}
