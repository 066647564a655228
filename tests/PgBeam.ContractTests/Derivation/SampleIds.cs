using System;
using System.Collections.Generic;

namespace PgBeam.ContractTests.Derivation;

/// <summary>
/// Ids in PgBeam's formats (<c>prj_…</c>, <c>db_…</c>) and times inside one sample window, valid under the contract's
/// patterns (Prism checks them). <see cref="For"/> picks the id of a resource from a parameter or property name.
/// </summary>
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

    /// <summary>The resources whose id format is known, by the snake_case name an id parameter or property carries.</summary>
    private static readonly Dictionary<string, string> ByResource = new(StringComparer.Ordinal)
    {
        ["org"] = Org,
        ["organization"] = Org,
        ["project"] = Project,
        ["database"] = Database,
        ["agent"] = Agent,
        ["credential"] = Agent,
        ["agent_credential"] = Agent,
        ["anomaly"] = Anomaly,
        ["anomaly_alert"] = Anomaly,
        ["approval"] = Approval,
        ["approval_request"] = Approval,
        ["branch"] = Branch,
        ["database_branch"] = Branch,
        ["domain"] = Domain,
        ["custom_domain"] = Domain,
        ["replica"] = Replica,
        ["policy"] = Policy,
        ["policy_profile"] = Policy,
        ["default_policy_profile"] = Policy,
        ["webhook"] = Webhook,
        ["webhook_endpoint"] = Webhook,
        ["case"] = SupportCase,
        ["support_case"] = SupportCase,
        ["enrollment"] = Enrollment,
        ["self_host_enrollment"] = Enrollment,
    };

    /// <summary>
    /// The id of <paramref name="resource"/> (snake_case words before <c>_id</c>, or the schema owning an <c>id</c>):
    /// a known format, or <c>&lt;resource&gt;_01hzx4kz</c> for a resource this table does not know yet.
    /// </summary>
    public static string For(string resource)
    {
        var words = NameRules.Words(resource);
        var key = string.Join('_', words);
        if (ByResource.TryGetValue(key, out var id) || (words.Length > 0 && ByResource.TryGetValue(words[^1], out id)))
        {
            return id;
        }

        return key.Length == 0 ? "res_01hzx4kz" : key + "_01hzx4kz";
    }
}
