using System.Collections.Generic;

namespace PgBeam.CodeGen.Normalization;

/// <summary>Inputs of a normalization besides the contract.</summary>
internal sealed class NormalizerOptions
{
    /// <summary>
    /// Operation ids that hand-written code implements (found in src/PgBeam/Services). An operation the templates cannot
    /// express (a success body that is not JSON) is left out of generation only when it is in this set.
    /// </summary>
    public ISet<string> HandWrittenOperations { get; init; } = new HashSet<string>();
}
