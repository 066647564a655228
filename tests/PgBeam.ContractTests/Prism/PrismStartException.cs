using System;

namespace PgBeam.ContractTests.Prism;

/// <summary>Prism did not come up; <see cref="PortTaken"/> says whether another port may work.</summary>
internal sealed class PrismStartException : Exception
{
    public PrismStartException(string message, bool portTaken)
        : base(message) => PortTaken = portTaken;

    public bool PortTaken { get; }
}
