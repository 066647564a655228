using System;

namespace PgBeam.ContractTests.Derivation;

/// <summary>
/// The tests could not derive a call from the contract and the SDK on their own. The message says what is missing and
/// exactly what to add where; it is a guard asking for human work, never a flaky failure.
/// </summary>
public sealed class DerivationException : Exception
{
    public DerivationException(string message)
        : base(message)
    {
    }

    public DerivationException()
    {
    }

    public DerivationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
