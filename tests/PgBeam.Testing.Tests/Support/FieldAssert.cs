using System.Linq;
using NUnit.Framework;

namespace PgBeam.Testing.Tests.Support;

/// <summary>Assertions on 400s for input the contract's schema already rejects.</summary>
internal static class FieldAssert
{
    /// <summary>
    /// The request was refused as invalid, naming <paramref name="field"/>. Through Prism a request that breaks the
    /// request schema is refused by Prism itself, before the sandbox sees it, so only the status is comparable there.
    /// </summary>
    public static void SchemaRefused(PgBeamValidationException? error, string field, SandboxTransport transport)
    {
        Assert.That(error, Is.Not.Null);
        if (transport == SandboxTransport.InProcess)
        {
            Assert.That(error!.Errors.Select(e => e.Field), Is.EqualTo(new[] { field }));
        }
    }
}
