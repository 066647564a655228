using System.Globalization;
using System.Linq;
using System.Text.Json.Nodes;
using PgBeam.CodeGen.Contract;

namespace PgBeam.CodeGen.Normalization;

/// <summary>
/// Stamps each operation with <c>x-pgbeam-exceptions</c>: for every error status it declares (anything but 2xx), the
/// exception type the SDK throws for it, read from the SDK's own table (<c>src/PgBeam/Errors/ErrorStatusTable.cs</c>,
/// compiled into this program), so Client.Method.Documentation.liquid prints what <c>PgBeamErrorFactory</c> builds.
/// Kept on the operation rather than on each response because responses are shared components (<c>$ref</c>).
/// A status that is not a number (<c>default</c>, <c>4XX</c>) gets the table's fallback, the base type.
/// </summary>
internal static class ErrorExceptions
{
    public const string Extension = "x-pgbeam-exceptions";

    public static void Apply(ContractDocument document)
    {
        foreach (var operation in document.Operations().ToList())
        {
            var exceptions = new JsonObject();
            foreach (var (status, _) in operation.Responses())
            {
                if (status.StartsWith('2'))
                {
                    continue;
                }

                exceptions[status] = int.TryParse(status, NumberStyles.None, CultureInfo.InvariantCulture, out var code)
                    ? ErrorStatusTable.TypeFor(code, errorCode: null)
                    : ErrorStatusTable.Fallback;
            }

            if (exceptions.Count > 0)
            {
                operation.Node[Extension] = exceptions;
            }
        }
    }
}
