using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;
using PgBeam.Testing.Endpoints;
using PgBeam.Testing.Routing;
using PgBeam.Testing.State;
using PgBeam.Testing.Validation;

namespace PgBeam.Testing;

/// <summary>
/// An in-memory, stateful fake of the PgBeam API, as an <see cref="HttpMessageHandler"/>: give it to a
/// <see cref="PgBeamClient"/> (<see cref="CreateClient"/>, or <see cref="PgBeamClientOptions.HttpClient"/> with
/// <see cref="CreateHttpClient"/>) and your code runs against realistic behaviour with no network and no account.
/// </summary>
/// <remarks>
/// <para>
/// Every public operation of the contract is modelled (<see cref="ModelledOperations"/>): projects and databases,
/// policy profiles, agent credentials (secrets shown once; rotate and revoke invalidate them), approvals (seeded with
/// <see cref="SeedApproval"/>), webhooks (test deliveries recorded), the audit log (seeded with
/// <see cref="SeedAuditEntry"/>) and the reports computed from it, honeytokens, anomaly and approval rules, anomaly
/// alerts (<see cref="SeedAnomalyAlert"/>), custom domains, replicas, schema annotations, cache rules, branches,
/// self-host enrollments, the organization, billing, payments, the demo, support cases and batch. An operation new to
/// the contract is answered from the contract itself (<see cref="DerivedOperations"/>) until it is modelled; only the
/// operations outside the SDK (Internal, MCP) answer 501.
/// </para>
/// <para>
/// Answers follow the contract's protocol: errors are problem documents (<c>application/problem+json</c> with
/// <c>type</c>, <c>title</c>, <c>status</c>, <c>detail</c>, <c>code</c>, <c>request_id</c>, and <c>errors</c> naming
/// each rejected field), 404 for unknown ids, 409 for conflicts, 401 without a bearer key (any key is accepted), 413
/// over 2 MB, 415 for a body that is not JSON, and an <c>X-Request-Id</c> on every answer. Reads carry a strong
/// <c>ETag</c>; a matching <c>If-None-Match</c> gets 304, and a write whose <c>If-Match</c> is stale gets 412
/// <c>PRECONDITION_FAILED</c>. POST and PATCH honour <c>Idempotency-Key</c>: a retry with the same key and body gets
/// the first answer back with <c>Idempotent-Replayed: true</c>, another body a 409 <c>IDEMPOTENCY_KEY_REUSED</c>.
/// Thread-safe. Disposing it does not clear its state, so it can be handed to <c>IHttpClientFactory</c>, which
/// disposes handlers when it recycles them.
/// </para>
/// </remarks>
/// <example>
/// <code>
/// var sandbox = new PgBeamSandbox();
/// using var client = sandbox.CreateClient();
/// var project = sandbox.SeedProject();
/// var profile = await client.Policies.CreatePolicyProfileAsync(project.Id, new PolicyProfileInput { Name = "read-only" });
/// </code>
/// </example>
public sealed partial class PgBeamSandbox : HttpMessageHandler
{
    /// <summary>The base URL <see cref="CreateClient"/> uses; <c>.invalid</c> never resolves, so nothing can leak to a real host.</summary>
    public const string BaseUrl = "https://sandbox.pgbeam.invalid";

    /// <summary>The key <see cref="CreateClient"/> uses. The sandbox accepts any bearer key; it only requires one.</summary>
    public const string ApiKey = "pgb_sandbox_not_a_real_key";

    private readonly SandboxState _state;
    private readonly SandboxDispatcher _dispatcher;

    /// <summary>Creates an empty sandbox with the default settings.</summary>
    public PgBeamSandbox()
        : this(new PgBeamSandboxOptions())
    {
    }

    /// <summary>Creates an empty sandbox.</summary>
    /// <param name="options">Clock, organization id and random seed.</param>
    public PgBeamSandbox(PgBeamSandboxOptions options)
        : this(options, SandboxRouteTable.Default)
    {
    }

    /// <summary>A sandbox that routes by another contract's table (tests of contract-driven behaviour).</summary>
    internal PgBeamSandbox(PgBeamSandboxOptions options, SandboxRouteTable table)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.OrganizationId, "options.OrganizationId");
        _state = new SandboxState(options);
        Faults = new SandboxFaults(_state);
        _dispatcher = new SandboxDispatcher(_state, Faults, table);
    }

    /// <summary>
    /// The contract operation ids the sandbox answers with hand-written, stateful behaviour (<c>createAgentCredential</c>,
    /// …), in the contract's order.
    /// </summary>
    public static IReadOnlyList<string> ModelledOperations => SandboxRouteTable.Default.Modelled;

    /// <summary>
    /// The other public operation ids of the contract, which the sandbox answers from the contract itself: the request
    /// is checked (path ids, required query parameters, the body against its schema) and the declared success status
    /// comes back with a body that fits the response schema; a collection's creates are kept, listed, read, replaced
    /// and deleted. Empty for the contract this package states: an operation new to the contract lands here with no
    /// code change, until it is modelled.
    /// </summary>
    public static IReadOnlyList<string> DerivedOperations => SandboxRouteTable.Default.Derived;

    /// <summary>The organization <see cref="SeedProject"/> creates projects in.</summary>
    public string OrganizationId => _state.OrganizationId;

    /// <summary>Injected faults (429, 503, dropped connections) for testing retry and error handling.</summary>
    public SandboxFaults Faults { get; }

    /// <summary>Every request received so far, oldest first (a snapshot).</summary>
    public IReadOnlyList<SandboxRequest> Requests
    {
        get
        {
            lock (_state.Gate)
            {
                return _state.Requests.ToArray();
            }
        }
    }

    /// <summary>
    /// Every set of secrets the sandbox issued (by create and by rotate), oldest first, as copies: what a caller
    /// was shown once. Compare them with what your code stored or printed.
    /// </summary>
    public IReadOnlyList<AgentCredentialSecrets> IssuedSecrets
    {
        get
        {
            lock (_state.Gate)
            {
                return _state.IssuedSecrets.Select(SandboxCopy.Of).ToArray();
            }
        }
    }

    /// <summary>Webhook deliveries recorded instead of sent (test deliveries), oldest first.</summary>
    public IReadOnlyList<SandboxWebhookDelivery> WebhookDeliveries
    {
        get
        {
            lock (_state.Gate)
            {
                return _state.WebhookDeliveries.ToArray();
            }
        }
    }

    /// <summary>
    /// A <see cref="PgBeamClient"/> that talks to this sandbox through the SDK's whole pipeline (auth, idempotency
    /// keys, retries, error mapping).
    /// </summary>
    /// <param name="configure">Changes the options before the client is built (a fake <c>TimeProvider</c>, retry settings).</param>
    public PgBeamClient CreateClient(Action<PgBeamClientOptions>? configure = null)
    {
        var options = new PgBeamClientOptions
        {
            ApiKey = ApiKey,
            BaseUrl = BaseUrl,
            HttpClient = CreateHttpClient(),
        };
        configure?.Invoke(options);
        return new PgBeamClient(options);
    }

    /// <summary>
    /// An <see cref="HttpClient"/> over this sandbox, for <see cref="PgBeamClientOptions.HttpClient"/> (set
    /// <see cref="PgBeamClientOptions.BaseUrl"/> to any https URL, such as <see cref="BaseUrl"/>). Disposing it leaves
    /// the sandbox usable.
    /// </summary>
    public HttpClient CreateHttpClient() => new(this, disposeHandler: false);

    /// <summary>Forgets the recorded requests (state stays).</summary>
    public void ClearRequests()
    {
        lock (_state.Gate)
        {
            _state.Requests.Clear();
        }
    }

    /// <summary>
    /// Whether an agent connecting with <paramref name="connectionString"/> would get in now: it must be the current
    /// secret of a credential that is active, not expired, not revoked, in a project that exists and whose agent
    /// kill-switch is off. A rotation makes the previous connection string invalid at once.
    /// </summary>
    /// <param name="connectionString">A connection string the sandbox issued.</param>
    public bool IsConnectionStringValid(string connectionString)
    {
        ArgumentNullException.ThrowIfNull(connectionString);
        lock (_state.Gate)
        {
            var stored = _state.Credentials.Live.FirstOrDefault(c => string.Equals(c.ConnectionString, connectionString, StringComparison.Ordinal));
            return stored is not null && _state.IsUsable(stored);
        }
    }

    /// <summary>Whether an MCP client presenting <paramref name="mcpToken"/> would get in now (same rules as <see cref="IsConnectionStringValid"/>).</summary>
    /// <param name="mcpToken">An MCP token the sandbox issued.</param>
    public bool IsMcpTokenValid(string mcpToken)
    {
        ArgumentNullException.ThrowIfNull(mcpToken);
        lock (_state.Gate)
        {
            var stored = _state.Credentials.Live.FirstOrDefault(c => string.Equals(c.McpToken, mcpToken, StringComparison.Ordinal));
            return stored is not null && _state.IsUsable(stored);
        }
    }

    /// <summary>Creates a project in <see cref="OrganizationId"/>, with a primary database, without a request.</summary>
    /// <param name="name">The project name; default <c>sandbox</c>, then <c>sandbox-2</c>, … so each call gets a new project.</param>
    /// <returns>A copy of the project.</returns>
    /// <exception cref="InvalidOperationException">The organization already has a project named <paramref name="name"/>.</exception>
    public Project SeedProject(string? name = null)
    {
        lock (_state.Gate)
        {
            var taken = _state.Projects.Live.Where(p => p.OrgId == _state.OrganizationId).Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
            if (name is null)
            {
                name = "sandbox";
                for (var n = 2; taken.Contains(name); n++)
                {
                    name = FormattableString.Invariant($"sandbox-{n}");
                }
            }
            else if (taken.Contains(name))
            {
                throw new InvalidOperationException($"The sandbox organization already has a project named '{name}'.");
            }

            var now = _state.Now();
            var request = new CreateProjectRequest
            {
                Name = name,
                OrgId = _state.OrganizationId,
                Database = new CreateDatabaseRequest { Host = "db.sandbox.internal", Port = 5432, Name = "app", Username = "app", Password = "unused" },
            };
            var project = ProjectsApi.AddProject(_state, request, now);
            DatabasesApi.AddDatabase(_state, project, request.Database, now);
            return SandboxCopy.Of(project);
        }
    }

    /// <summary>
    /// Holds a statement for approval in <paramref name="projectId"/>, as the gateway does when a policy demands
    /// sign-off. Fields left empty in <paramref name="template"/> get plausible values: a pending <c>DELETE</c>,
    /// requested now, expiring after the policy's approval timeout (300 s by default).
    /// </summary>
    /// <param name="projectId">An existing project.</param>
    /// <param name="template">Values to use (<c>Sql</c>, <c>CredentialId</c>, <c>PolicyProfileId</c>, <c>ExpiresAt</c>, <c>Status</c>…); the id is always new.</param>
    /// <returns>A copy of the held request, with its id.</returns>
    /// <exception cref="ArgumentException">The project does not exist.</exception>
    /// <exception cref="InvalidOperationException">No policy profile was named and the project has none.</exception>
    public ApprovalRequest SeedApproval(string projectId, ApprovalRequest? template = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(projectId);
        lock (_state.Gate)
        {
            var project = FindProject(projectId);
            var approval = template is null ? new ApprovalRequest() : SandboxCopy.Of(template);
            approval.Id = _state.NewId("apr");
            approval.ProjectId = project.Id;
            if (string.IsNullOrEmpty(approval.PolicyProfileId))
            {
                var credential = approval.CredentialId is { } credentialId ? _state.Credentials.Find(credentialId)?.Credential : null;
                approval.PolicyProfileId = credential?.PolicyProfileId
                    ?? _state.Policies.Live.FirstOrDefault(p => p.ProjectId == project.Id)?.Id
                    ?? throw new InvalidOperationException($"Project '{project.Id}' has no policy profile to hold the statement under: create one first, or set PolicyProfileId in the template.");
            }

            if (string.IsNullOrEmpty(approval.Sql))
            {
                approval.Sql = "DELETE FROM orders WHERE created_at < now() - interval '1 year'";
                approval.NormalizedSql ??= "DELETE FROM orders WHERE created_at < now() - interval $1";
                approval.StatementKind ??= "delete";
                approval.TargetTables ??= ["orders"];
            }

            var now = _state.Now();
            var timeout = _state.Policies.Find(approval.PolicyProfileId)?.ApprovalTimeoutSeconds ?? 300;
            // Required response fields are not nullable: a seed that left one unset holds its default.
            approval.Status = approval.Status == default ? ApprovalRequestStatus.Pending : approval.Status;
            approval.RequestedAt = approval.RequestedAt == default ? now : approval.RequestedAt;
            approval.ExpiresAt = approval.ExpiresAt == default ? approval.RequestedAt.AddSeconds(timeout) : approval.ExpiresAt;
            approval.Region ??= "us-east-1";
            approval.SessionId ??= _state.NewId("ses");
            _state.Approvals.Add(approval.Id, _state.NextSequence(), approval);
            return SandboxCopy.Of(approval);
        }
    }

    /// <summary>
    /// Raises an anomaly alert in <paramref name="projectId"/>, as the gateway's detectors do, for
    /// <c>listAnomalyAlerts</c> and triage to act on. Fields left empty in <paramref name="template"/> get plausible
    /// values: kind <c>volume_spike</c>, severity <c>warning</c>, a title for the kind, status <c>open</c>, raised now
    /// over the hour before.
    /// </summary>
    /// <param name="projectId">An existing project.</param>
    /// <param name="template">Values to use (<c>Kind</c>, <c>Severity</c>, <c>CredentialId</c>, <c>Status</c>, <c>CreatedAt</c>, <c>Details</c>…); the id is always new.</param>
    /// <returns>A copy of the alert, with its id.</returns>
    /// <exception cref="ArgumentException">The project does not exist, or <c>CredentialId</c> names no credential of it.</exception>
    public AnomalyAlert SeedAnomalyAlert(string projectId, AnomalyAlert? template = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(projectId);
        lock (_state.Gate)
        {
            var project = FindProject(projectId);
            var alert = template is null ? new AnomalyAlert() : SandboxCopy.Of(template);
            if (alert.CredentialId is { } credentialId && _state.Credentials.Find(credentialId)?.Credential.ProjectId != project.Id)
            {
                throw new ArgumentException($"Agent credential '{credentialId}' does not exist in project '{project.Id}'.", nameof(template));
            }

            var now = _state.Now();
            alert.Id = _state.NewId("ano");
            alert.ProjectId = project.Id;
            alert.Kind = string.IsNullOrEmpty(alert.Kind) ? AnomalyKind.VolumeSpike.ToString() : alert.Kind;
            alert.Severity = alert.Severity == default ? AnomalyAlertSeverity.Warning : alert.Severity;
            alert.Title = string.IsNullOrEmpty(alert.Title) ? AnomalyAlertsApi.TitleOf(alert.Kind) : alert.Title;
            alert.Status = alert.Status == default ? AnomalyAlertStatus.Open : alert.Status;
            alert.CreatedAt = alert.CreatedAt == default ? now : alert.CreatedAt;
            if (alert.WindowStart is null && alert.WindowEnd is null)
            {
                alert.WindowStart = alert.CreatedAt.AddHours(-1);
                alert.WindowEnd = alert.CreatedAt;
            }

            if (alert.Status != AnomalyAlertStatus.Open && alert.AcknowledgedAt is null)
            {
                alert.AcknowledgedAt = alert.CreatedAt;
                alert.AcknowledgedBy = ApprovalsApi.Decider;
            }

            _state.AnomalyAlerts.Add(alert.Id, _state.NextSequence(), alert);
            return SandboxCopy.Of(alert);
        }
    }

    /// <summary>
    /// Appends an entry to the audit log of <paramref name="projectId"/>, as the gateway does for each statement
    /// an agent runs. Fields left empty in <paramref name="template"/> are filled: event <c>query</c>, source
    /// <c>wire</c>, a timestamp of now (later than every earlier entry, so keyset paging never skips it), the
    /// chain position and hashes.
    /// </summary>
    /// <param name="projectId">An existing project.</param>
    /// <param name="template">Values to use (<c>Event</c>, <c>Source</c>, <c>CredentialId</c>, <c>Ts</c>, <c>Sql</c>…); the id is always new.</param>
    /// <returns>A copy of the entry, with its id.</returns>
    /// <exception cref="ArgumentException">The project does not exist.</exception>
    public AuditLogEntry SeedAuditEntry(string projectId, AuditLogEntry? template = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(projectId);
        lock (_state.Gate)
        {
            var project = FindProject(projectId);
            var entry = template is null ? new AuditLogEntry() : SandboxCopy.Of(template);
            AppendAuditEntry(project, entry, defaultTimestamp: null);
            return SandboxCopy.Of(entry);
        }
    }

    /// <summary>
    /// Appends <paramref name="count"/> varied entries (queries, blocks, masks, truncations; wire, MCP and REST;
    /// spread over the project's credentials) one minute apart, the newest now: enough to exercise filters and paging.
    /// </summary>
    /// <param name="projectId">An existing project.</param>
    /// <param name="count">How many; 1 to 10,000.</param>
    /// <returns>Copies of the entries, oldest first.</returns>
    /// <exception cref="ArgumentException">The project does not exist.</exception>
    public IReadOnlyList<AuditLogEntry> SeedAuditEntries(string projectId, int count)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(projectId);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, 10_000);
        string[] events = ["query", "query", "blocked", "masked", "query", "truncated", "auth_failed", "query", "budget_exhausted", "credential_expired"];
        string[] sources = ["wire", "mcp", "rest"];
        lock (_state.Gate)
        {
            var project = FindProject(projectId);
            var credentials = _state.CredentialsOf(project.Id).Select(c => c.Credential.Id).ToArray();
            var now = _state.Now();
            var seeded = new List<AuditLogEntry>(count);
            for (var i = 0; i < count; i++)
            {
                var eventName = events[i % events.Length];
                var entry = new AuditLogEntry
                {
                    Event = eventName,
                    Source = sources[i % sources.Length],
                    Sql = eventName == "blocked" ? "DELETE FROM users" : "SELECT id, email FROM users ORDER BY id LIMIT 50",
                    StatementKind = eventName == "blocked" ? "delete" : "select",
                    DecisionRule = eventName == "blocked" ? "read_only" : string.Empty,
                    RowsReturned = eventName is "query" or "masked" or "truncated" ? 50 : 0,
                    LatencyMs = 1.5 + (i % 7),
                };
                if (credentials.Length > 0)
                {
                    entry.CredentialId = credentials[i % credentials.Length];
                }

                AppendAuditEntry(project, entry, now.AddMinutes(i - (count - 1)));
                seeded.Add(SandboxCopy.Of(entry));
            }

            return seeded;
        }
    }

    /// <summary>
    /// Whether a self-hosted proxy presenting <paramref name="token"/> would be let in now: it must be the current
    /// token of a self-host enrollment that is not revoked and not expired. A rotation makes the previous token
    /// invalid at once.
    /// </summary>
    /// <param name="token">A <c>pbh_</c> token the sandbox issued (by create or rotate).</param>
    public bool IsSelfHostTokenValid(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        var hash = StoredSelfHostEnrollment.Hash(token);
        lock (_state.Gate)
        {
            var now = _state.Now();
            return _state.SelfHostEnrollments.Live.Any(e => string.Equals(e.TokenHash, hash, StringComparison.Ordinal)
                && e.Enrollment.RevokedAt is null
                && (e.Enrollment.ExpiresAt is not { } expiresAt || expiresAt > now));
        }
    }

    /// <summary>
    /// Puts a sandbox branch in place in <paramref name="projectId"/>, as the gateway does when an agent under a
    /// policy with <c>write_mode: sandbox</c> writes. Fields left empty in <paramref name="template"/> are filled: the
    /// project's first database, status <c>ready</c>, a generated branch name and session id, created now, expiring
    /// an hour later; a branch seeded as <c>discarded</c> gets <c>discarded_at</c> now.
    /// </summary>
    /// <param name="projectId">An existing project.</param>
    /// <param name="template">Values to use (<c>DatabaseId</c>, <c>CredentialId</c>, <c>Status</c>, <c>Error</c>, <c>ExpiresAt</c>…); the id is always new.</param>
    /// <returns>A copy of the branch, with its id.</returns>
    /// <exception cref="ArgumentException">The project does not exist, or the template names a database or credential that is not the project's.</exception>
    /// <exception cref="InvalidOperationException">No database was named and the project has none.</exception>
    public DatabaseBranch SeedDatabaseBranch(string projectId, DatabaseBranch? template = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(projectId);
        lock (_state.Gate)
        {
            var project = FindProject(projectId);
            var branch = template is null ? new DatabaseBranch() : SandboxCopy.Of(template);
            Database database;
            if (string.IsNullOrEmpty(branch.DatabaseId))
            {
                database = _state.Databases.Live.FirstOrDefault(d => d.ProjectId == project.Id)
                    ?? throw new InvalidOperationException($"Project '{project.Id}' has no database to branch from: add one first, or set DatabaseId in the template.");
            }
            else
            {
                database = _state.Databases.Find(branch.DatabaseId) is { } named && named.ProjectId == project.Id
                    ? named
                    : throw new ArgumentException($"Database '{branch.DatabaseId}' is not a database of project '{project.Id}'.", nameof(template));
            }

            if (branch.CredentialId is { } credentialId && _state.Credentials.Find(credentialId)?.Credential.ProjectId != project.Id)
            {
                throw new ArgumentException($"Agent credential '{credentialId}' is not a credential of project '{project.Id}'.", nameof(template));
            }

            var now = _state.Now();
            branch.Id = _state.NewId("brn");
            branch.DatabaseId = database.Id;
            branch.BranchName = string.IsNullOrEmpty(branch.BranchName) ? database.Name + "_sbx_" + _state.NewHex(8) : branch.BranchName;
            branch.SessionId ??= _state.NewId("ses");
            // Required response fields are not nullable: a seed that left one unset holds its default.
            branch.Status = branch.Status == default ? DatabaseBranchStatus.Ready : branch.Status;
            branch.CreatedAt = branch.CreatedAt == default ? now : branch.CreatedAt;
            if (!branch.ShouldSerializeExpiresAt())
            {
                branch.ExpiresAt = branch.CreatedAt.AddHours(1);
            }

            if (!branch.ShouldSerializeCredentialId())
            {
                branch.CredentialId = null;
            }

            if (branch.Status == DatabaseBranchStatus.Discarded && branch.DiscardedAt is null)
            {
                branch.DiscardedAt = now;
            }
            else if (!branch.ShouldSerializeDiscardedAt())
            {
                branch.DiscardedAt = null;
            }

            _state.DatabaseBranches.Add(branch.Id, _state.NextSequence(), new StoredDatabaseBranch(project.Id, branch));
            return SandboxCopy.Of(branch);
        }
    }

    /// <summary>
    /// Publishes a TXT record in the sandbox's DNS, which is what <c>verifyCustomDomain</c> looks in: publish the
    /// <c>dns_instructions.txt_value</c> of a custom domain at its <c>txt_host</c> and the next verify succeeds. Until
    /// then verification answers <c>verified: false</c>, as the real API does before the record propagates.
    /// </summary>
    /// <param name="host">The record's host name, such as <c>_pgbeam-verify.db.example.com</c> (compared without regard to case).</param>
    /// <param name="value">The record's text, such as <c>pgbeam-verify=…</c>.</param>
    public void PublishDnsTxtRecord(string host, string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(host);
        ArgumentNullException.ThrowIfNull(value);
        lock (_state.Gate)
        {
            var name = host.TrimEnd('.');
            if (!_state.DnsTxtRecords.TryGetValue(name, out var values))
            {
                values = new HashSet<string>(StringComparer.Ordinal);
                _state.DnsTxtRecords.Add(name, values);
            }

            values.Add(value);
        }
    }

    /// <inheritdoc/>
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var body = request.Content is null ? null : await request.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        return _dispatcher.Dispatch(request, body);
    }

    /// <inheritdoc/>
    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        byte[]? body = null;
        if (request.Content is not null)
        {
            using var buffer = new MemoryStream();
            request.Content.CopyTo(buffer, null, cancellationToken);
            body = buffer.ToArray();
        }

        cancellationToken.ThrowIfCancellationRequested();
        return _dispatcher.Dispatch(request, body);
    }

    private Project FindProject(string projectId) =>
        _state.Projects.Find(projectId) ?? throw new ArgumentException($"Project '{projectId}' does not exist in the sandbox.", nameof(projectId));

    private void AppendAuditEntry(Project project, AuditLogEntry entry, DateTimeOffset? defaultTimestamp)
    {
        var earlier = _state.AuditEntries.Where(e => e.ProjectId == project.Id).ToList();
        var latest = earlier.Count == 0 ? (DateTimeOffset?)null : earlier.Max(e => e.Ts);
        var now = _state.Now();
        entry.Id = _state.NewId("aud");
        entry.ProjectId = project.Id;
        entry.Event = string.IsNullOrEmpty(entry.Event) ? "query" : entry.Event;
        entry.Source ??= "wire";
        entry.Region ??= "us-east-1";
        entry.Ts = entry.Ts != default ? entry.Ts : defaultTimestamp ?? (latest is { } last && last >= now ? last.AddMilliseconds(1) : now);
        entry.Seq = earlier.Count == 0 ? 1 : earlier.Max(e => e.Seq ?? 0) + 1;
        entry.PrevHash = earlier.Count == 0 ? AuditChain.GenesisHash : earlier[^1].EntryHash;
        entry.EntryHash = AuditChain.HashOf(entry);
        _state.AuditEntries.Add(entry);
    }
}
