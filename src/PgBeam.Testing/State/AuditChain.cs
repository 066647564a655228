using System;
using System.Security.Cryptography;
using System.Text;

namespace PgBeam.Testing.State;

/// <summary>
/// The sandbox's tamper-evident audit chain: each entry's hash covers its canonical form (sequence, id, event,
/// timestamp, SQL) and the previous entry's hash; the first entry links to <see cref="GenesisHash"/>.
/// </summary>
internal static class AuditChain
{
    public const string GenesisHash = "0000000000000000000000000000000000000000000000000000000000000000";

    /// <summary>The hash <paramref name="entry"/> should carry, from its fields and its <c>prev_hash</c>.</summary>
    public static string HashOf(AuditLogEntry entry)
    {
        var canonical = string.Join('|', entry.Seq, entry.Id, entry.Event, entry.Ts.ToUnixTimeMilliseconds(), entry.Sql, entry.PrevHash);
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(canonical))).ToLowerInvariant();
    }
}
