using System.Collections.Generic;

namespace PgBeam.CodeGen.Normalization;

/// <summary>
/// What the contract asks for that the generator cannot express. Every entry names the operation or schema and the
/// construct, and says what to do; any entry stops the build (nothing is silently dropped).
/// </summary>
internal sealed class ContractProblems
{
    private readonly List<string> _errors = [];

    public IReadOnlyList<string> Errors => _errors;

    public bool Any => _errors.Count > 0;

    public void Add(string message)
    {
        if (!_errors.Contains(message))
        {
            _errors.Add(message);
        }
    }
}
