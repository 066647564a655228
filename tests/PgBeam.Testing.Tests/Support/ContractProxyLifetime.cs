using NUnit.Framework;
using PgBeam.Testing.Tests.Support;

namespace PgBeam.Testing.Tests;

/// <summary>Stops the shared Prism proxy after the last test of the namespace (every test of this project).</summary>
[SetUpFixture]
public sealed class ContractProxyLifetime
{
    [OneTimeTearDown]
    public void StopPrism() => ContractProxy.StopIfStarted();
}
