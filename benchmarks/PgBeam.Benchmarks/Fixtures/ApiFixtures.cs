using System;
using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace PgBeam.Benchmarks.Fixtures;

/// <summary>
/// The response bodies every variant reads, written once with <see cref="Utf8JsonWriter"/> (neither of the two
/// serializers under test), in the shape and size the contract describes: snake_case names, every documented field.
/// </summary>
public static class ApiFixtures
{
    public const string ProjectId = "prj_01h455vb4pex5vsknk084sn02q";
    public const string PolicyProfileId = "pol_01h455vb4pex5vsknk084sn02q";
    public const string ApiKey = "pgb_benchmark0000000000000000000000";

    /// <summary>The newest audit entry's timestamp; entry <c>i</c> is <c>i</c> milliseconds older.</summary>
    public static readonly DateTimeOffset NewestAuditTimestamp = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);

    /// <summary>The body of <c>getProject</c>.</summary>
    public static byte[] Project() => Write(writer =>
    {
        writer.WriteStartObject();
        writer.WriteString("id", ProjectId);
        writer.WriteString("org_id", "org_abc123");
        writer.WriteString("name", "analytics-prod");
        writer.WriteString("description", "Production database proxy for the analytics team");
        writer.WriteStartArray("tags");
        writer.WriteStringValue("production");
        writer.WriteStringValue("us-east-1");
        writer.WriteStringValue("analytics");
        writer.WriteEndArray();
        writer.WriteString("cloud", "aws");
        writer.WriteBoolean("self_hosted", false);
        writer.WriteString("proxy_host", "analytics-prod.proxy.pgbeam.app");
        writer.WriteNumber("queries_per_second", 1000);
        writer.WriteNumber("burst_size", 200);
        writer.WriteNumber("max_connections", 500);
        writer.WriteStartArray("allowed_cidrs");
        WriteCidr(writer, "10.0.0.0/8", "VPC");
        WriteCidr(writer, "2001:db8::/32", "IPv6 range");
        writer.WriteEndArray();
        writer.WriteString("default_policy_profile_id", PolicyProfileId);
        writer.WriteString("residency", "eu");
        writer.WriteBoolean("agents_disabled", false);
        writer.WriteNumber("database_count", 3);
        writer.WriteNumber("active_connections", 42);
        writer.WriteString("status", "active");
        writer.WriteString("created_at", "2026-03-14T09:26:53.589793Z");
        writer.WriteString("updated_at", "2026-10-30T17:02:11.314159Z");
        writer.WriteEndObject();
    });

    /// <summary>The body of <c>createAgentCredential</c> (201): the credential and its one-time secrets.</summary>
    public static byte[] AgentCredentialSecrets() => Write(writer =>
    {
        writer.WriteStartObject();
        writer.WriteStartObject("credential");
        writer.WriteString("id", "agt_01h455vb4pex5vsknk084sn02q");
        writer.WriteString("project_id", ProjectId);
        writer.WriteString("policy_profile_id", PolicyProfileId);
        writer.WriteString("name", "claude-analytics");
        writer.WriteString("pg_username", "agent_a1b2c3d4e5f6");
        writer.WriteString("status", "active");
        writer.WriteString("principal_type", "agent");
        writer.WriteString("auth_method", "scram-sha-256");
        writer.WriteNull("last_used_at");
        writer.WriteNull("expires_at");
        writer.WriteString("created_at", "2026-11-01T12:00:00.123456Z");
        writer.WriteString("updated_at", "2026-11-01T12:00:00.123456Z");
        writer.WriteEndObject();
        writer.WriteString("connection_string", "postgresql://agent_a1b2c3d4e5f6:s3cr3t-Pa55w0rd-f00dfeed@analytics-prod.proxy.pgbeam.app:5432/analytics");
        writer.WriteString("mcp_url", "https://analytics-prod.proxy.pgbeam.app/mcp");
        writer.WriteString("mcp_token", "pba_a1b2c3d4e5f6g7h8i9j0k1l2m3n4o5p6");
        writer.WriteEndObject();
    });

    /// <summary>
    /// One <c>listAuditLogs</c> page: entries <paramref name="first"/> to <paramref name="first"/> + <paramref name="count"/> − 1
    /// of the synthetic log, newest first, and no <c>next_page_token</c> (audit pages end by being short).
    /// </summary>
    public static byte[] AuditLogPage(int first, int count) => Write(writer =>
    {
        writer.WriteStartObject();
        writer.WriteStartArray("entries");
        for (var i = first; i < first + count; i++)
        {
            WriteAuditEntry(writer, i);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    });

    /// <summary>The timestamp of audit entry <paramref name="index"/> (0 is the newest).</summary>
    public static DateTimeOffset AuditTimestamp(int index) => NewestAuditTimestamp.AddMilliseconds(-index);

    private static void WriteAuditEntry(Utf8JsonWriter writer, int index)
    {
        var blocked = index % 7 == 3;
        writer.WriteStartObject();
        writer.WriteString("id", string.Create(CultureInfo.InvariantCulture, $"aud_01h455vb4pex5vsk{index:D10}"));
        writer.WriteString("project_id", ProjectId);
        writer.WriteString("credential_id", "agt_01h455vb4pex5vsknk084sn02q");
        writer.WriteString("region", "us-east-1");
        writer.WriteString("event", blocked ? "blocked" : "query");
        writer.WriteString("sql", string.Create(CultureInfo.InvariantCulture, $"SELECT id, email, created_at FROM customers WHERE region = 'eu' AND created_at > now() - interval '{index % 30} days' LIMIT 100"));
        writer.WriteString("normalized_sql", "SELECT id, email, created_at FROM customers WHERE region = $1 AND created_at > now() - interval $2 LIMIT $3");
        writer.WriteString("query_hash", "9f2c4e1a7b3d5f60");
        writer.WriteString("statement_kind", "select");
        writer.WriteString("decision_rule", blocked ? "deny_pii_columns" : string.Empty);
        writer.WriteString("reason", blocked ? "the statement reads a column the profile masks" : "allowed by profile analytics-readonly");
        writer.WriteNumber("rows_returned", blocked ? 0 : 100);
        writer.WriteNumber("bytes_out", blocked ? 0 : 18_432 + index % 1000);
        writer.WriteNumber("latency_ms", 3.25 + (index % 100) / 10.0);
        writer.WriteString("cache_status", index % 3 == 0 ? "hit" : "miss");
        writer.WriteString("client_ip", "203.0.113.17");
        writer.WriteString("session_id", string.Create(CultureInfo.InvariantCulture, $"ses_{index / 50:D8}"));
        writer.WriteString("source", "mcp");
        writer.WriteString("ts", AuditTimestamp(index).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture));
        writer.WriteNumber("seq", 1_000_000 - index);
        writer.WriteString("prev_hash", "3a7bd3e2360a3d29eea436fcfb7e44c735d117c42d1c1835420b6b9942dd4f1b");
        writer.WriteString("entry_hash", "b5bb9d8014a0f9b1d61e21e796d78dccdf1352f23cd32812f4850b878ae4944c");
        writer.WriteEndObject();
    }

    private static void WriteCidr(Utf8JsonWriter writer, string cidr, string label)
    {
        writer.WriteStartObject();
        writer.WriteString("cidr", cidr);
        writer.WriteString("label", label);
        writer.WriteEndObject();
    }

    private static byte[] Write(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }
}
