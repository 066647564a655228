using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using PgBeam.Testing.Routing;

namespace PgBeam.Testing.State;

/// <summary>
/// Everything the sandbox remembers. One lock (<see cref="Gate"/>) guards all of it: a request is handled
/// start to finish under the lock, so concurrent callers see the same serial order a real server's database would.
/// </summary>
internal sealed class SandboxState
{
    private const string Base32 = "0123456789abcdefghjkmnpqrstvwxyz";
    private const string Alphanumeric = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private readonly Random _random;
    private long _sequence;

    public SandboxState(PgBeamSandboxOptions options)
    {
        Clock = options.TimeProvider ?? TimeProvider.System;
        OrganizationId = options.OrganizationId;
        _random = options.RandomSeed is { } seed ? new Random(seed) : new Random();
    }

    public object Gate { get; } = new();

    public TimeProvider Clock { get; }

    public string OrganizationId { get; }

    public ResourceTable<Project> Projects { get; } = new();

    public ResourceTable<Database> Databases { get; } = new();

    public ResourceTable<PolicyProfile> Policies { get; } = new();

    public ResourceTable<StoredCredential> Credentials { get; } = new();

    public ResourceTable<ApprovalRequest> Approvals { get; } = new();

    public ResourceTable<StoredWebhook> Webhooks { get; } = new();

    // Gateway: honeytokens, anomaly rules and alerts, approval rules, and the scanText allowance.
    public ResourceTable<Honeytoken> Honeytokens { get; } = new();

    public ResourceTable<AnomalyRule> AnomalyRules { get; } = new();

    public ResourceTable<ApprovalRule> ApprovalRules { get; } = new();

    public ResourceTable<AnomalyAlert> AnomalyAlerts { get; } = new();

    /// <summary>Free scans used, by UTC day (scanText's daily allowance).</summary>
    public Dictionary<DateOnly, int> TextScansByDay { get; } = [];

    /// <summary>What derived operations created, by concrete collection path (see <c>DerivedResources</c>).</summary>
    public Dictionary<string, DerivedCollection> DerivedCollections { get; } = new(StringComparer.Ordinal);

    /// <summary>Custom domains of every project (<c>CustomDomainsApi</c>).</summary>
    public ResourceTable<CustomDomain> CustomDomains { get; } = new();

    /// <summary>TXT records published with <c>PgBeamSandbox.PublishDnsTxtRecord</c>, by host name: what domain verification finds in DNS.</summary>
    public Dictionary<string, HashSet<string>> DnsTxtRecords { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Read replicas of every database (<c>ReplicasApi</c>).</summary>
    public ResourceTable<Replica> Replicas { get; } = new();

    /// <summary>Schema annotations of every project (<c>SchemaAnnotationsApi</c>).</summary>
    public ResourceTable<SchemaAnnotation> SchemaAnnotations { get; } = new();

    /// <summary>Per-shape cache settings changed with <c>updateCacheRule</c>, by database id and query hash (<c>CacheRulesApi</c>).</summary>
    public Dictionary<string, StoredCacheRule> CacheRules { get; } = new(StringComparer.Ordinal);

    /// <summary>Sandbox branches seeded with <c>PgBeamSandbox.SeedDatabaseBranch</c> (<c>DatabaseBranchesApi</c>).</summary>
    public ResourceTable<StoredDatabaseBranch> DatabaseBranches { get; } = new();

    /// <summary>Self-host enrollments of the organization, with the hash of their current token (<c>SelfHostEnrollmentsApi</c>).</summary>
    public ResourceTable<StoredSelfHostEnrollment> SelfHostEnrollments { get; } = new();

    /// <summary>Audit entries of every project, in the order they were seeded.</summary>
    public List<AuditLogEntry> AuditEntries { get; } = [];

    /// <summary>The organizations the caller belongs to, made on first use (see <c>StoredOrganization</c>), by id.</summary>
    public Dictionary<string, StoredOrganization> Organizations { get; } = new(StringComparer.Ordinal);

    /// <summary>Support cases of every organization, with their messages.</summary>
    public ResourceTable<StoredSupportCase> SupportCases { get; } = new();

    /// <summary>Demo credentials issued, live or not.</summary>
    public ResourceTable<StoredDemoSession> DemoSessions { get; } = new();

    /// <summary>Queries bought for agent credentials through <c>createBudgetTopup</c>, in purchase order.</summary>
    public List<BudgetTopup> BudgetTopups { get; } = [];

    public List<SandboxRequest> Requests { get; } = [];

    public List<AgentCredentialSecrets> IssuedSecrets { get; } = [];

    public List<SandboxWebhookDelivery> WebhookDeliveries { get; } = [];

    public Dictionary<string, IdempotencyRecord> IdempotencyKeys { get; } = new(StringComparer.Ordinal);

    public List<SandboxFault> PendingFaults { get; } = [];

    /// <summary>The sandbox clock, to the millisecond (as a database would store it), in UTC.</summary>
    public DateTimeOffset Now()
    {
        var now = Clock.GetUtcNow().ToUniversalTime();
        return new DateTimeOffset(now.Ticks - (now.Ticks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
    }

    /// <summary>A number that only grows: creation order, and what page tokens point at.</summary>
    public long NextSequence() => ++_sequence;

    /// <summary>A prefixed id in the API's style (<c>prj_</c> + 26 lowercase base32 characters).</summary>
    public string NewId(string prefix) => prefix + "_" + Random(Base32, 26);

    /// <summary>Fake secret material. Not cryptographically strong: it only has to be unique and look the part.</summary>
    public string NewSecret(int length) => Random(Alphanumeric, length);

    public string NewHex(int length) => Random("0123456789abcdef", length);

    public Project RequireProject(string projectId) =>
        Projects.Find(projectId) ?? throw SandboxProblem.NotFound($"Project '{projectId}' does not exist.");

    public Database RequireDatabase(string projectId, string databaseId) =>
        Databases.Find(databaseId) is { } database && database.ProjectId == projectId
            ? database
            : throw SandboxProblem.NotFound($"Database '{databaseId}' does not exist in project '{projectId}'.");

    public PolicyProfile RequirePolicy(string projectId, string policyId) =>
        Policies.Find(policyId) is { } policy && policy.ProjectId == projectId
            ? policy
            : throw SandboxProblem.NotFound($"Policy profile '{policyId}' does not exist in project '{projectId}'.");

    public StoredCredential RequireCredential(string projectId, string agentId) =>
        Credentials.Find(agentId) is { } stored && stored.Credential.ProjectId == projectId
            ? stored
            : throw SandboxProblem.NotFound($"Agent credential '{agentId}' does not exist in project '{projectId}'.");

    public ApprovalRequest RequireApproval(string projectId, string approvalId) =>
        Approvals.Find(approvalId) is { } approval && approval.ProjectId == projectId
            ? approval
            : throw SandboxProblem.NotFound($"Approval request '{approvalId}' does not exist in project '{projectId}'.");

    public StoredWebhook RequireWebhook(string projectId, string webhookId) =>
        Webhooks.Find(webhookId) is { } stored && stored.Endpoint.ProjectId == projectId
            ? stored
            : throw SandboxProblem.NotFound($"Webhook endpoint '{webhookId}' does not exist in project '{projectId}'.");

    /// <summary>
    /// The host agents connect to. Under the reserved <c>.invalid</c> top-level domain, so a sandbox value that
    /// leaks into a real configuration fails to resolve instead of reaching someone's server.
    /// </summary>
    public static string ProxyHostOf(string projectId) => projectId.Replace('_', '-') + ".proxy.sandbox.pgbeam.invalid";

    /// <summary>Whether a credential's secrets open a connection right now.</summary>
    public bool IsUsable(StoredCredential stored)
    {
        var credential = stored.Credential;
        if (credential.Status != AgentCredentialStatus.Active || Credentials.Find(credential.Id) is null)
        {
            return false;
        }

        if (credential.ExpiresAt is { } expiresAt && expiresAt <= Now())
        {
            return false;
        }

        return Projects.Find(credential.ProjectId) is { } project && project.AgentsDisabled != true;
    }

    public IEnumerable<StoredCredential> CredentialsOf(string projectId) => Credentials.Live.Where(c => c.Credential.ProjectId == projectId);

    private string Random(string alphabet, int length)
    {
        var text = new StringBuilder(length);
        for (var i = 0; i < length; i++)
        {
            text.Append(alphabet[_random.Next(alphabet.Length)]);
        }

        return text.ToString();
    }
}
