using System;

namespace PgBeam.ContractTests.Calls;

/// <summary>Path ids and values valid under the contract's patterns (Prism checks them).</summary>
internal static class SampleIds
{
    public const string Org = "org_abc123";
    public const string Project = "prj_01hzx4k2";
    public const string Database = "db_01hzx4k3";
    public const string Agent = "agt_01hzx4k4";
    public const string Anomaly = "anm_01hzx4k5";
    public const string Approval = "apr_01hzx4k6";
    public const string Branch = "br_01hzx4k7";
    public const string Domain = "dom_01hzx4k8";
    public const string Replica = "rep_01hzx4k9";
    public const string Policy = "pol_01hzx4ka";
    public const string Webhook = "whk_01hzx4kb";
    public const string SupportCase = "case_01hzx4kc";
    public const string Enrollment = "she_01h455vb4pex5vsknk084sn02q";

    /// <summary>16 lower-case hex digits (xxhash64 of a normalized query).</summary>
    public const string QueryHash = "b522c442292eaa5b";

    public const string PageToken = "tok_2.page-3";

    public static readonly DateTimeOffset WindowStart = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset WindowEnd = new(2026, 1, 31, 23, 59, 59, TimeSpan.Zero);
    public static readonly DateTimeOffset Expiry = new(2026, 12, 31, 12, 0, 0, TimeSpan.FromHours(2));
}
