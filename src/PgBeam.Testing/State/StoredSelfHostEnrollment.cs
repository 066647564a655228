using System;
using System.Security.Cryptography;
using System.Text;

namespace PgBeam.Testing.State;

/// <summary>
/// A self-host enrollment and the SHA-256 of its current token. The token itself is never kept: it is shown once,
/// in the create or rotate answer, and afterwards only compared by hash.
/// </summary>
internal sealed class StoredSelfHostEnrollment(SelfHostEnrollment enrollment)
{
    public SelfHostEnrollment Enrollment { get; } = enrollment;

    /// <summary>The hash of the token that authenticates now; a rotation replaces it.</summary>
    public string TokenHash { get; private set; } = string.Empty;

    public static string Hash(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>Makes <paramref name="token"/> the only token of this enrollment.</summary>
    public void Accept(string token) => TokenHash = Hash(token);

    /// <summary>Names the enrollment, never its token.</summary>
    public override string ToString() => $"Self-host enrollment {Enrollment.Id} (token hidden)";
}
