using System;
using System.Globalization;
using System.Linq;
using System.Net;
using PgBeam.Testing.Routing;
using PgBeam.Testing.State;

namespace PgBeam.Testing.Endpoints;

/// <summary>
/// The keyless demo. Its description is fixed (two tiers, a three-table dataset, a four-step walkthrough) except for
/// the live session count, computed from the credentials issued. A credential (<c>dmo_</c> session, connection string
/// and <c>pbd_</c> MCP token, shown once) lasts its tier's TTL; the <c>extended</c> tier needs a non-blank
/// <c>payment_proof</c> (any: the sandbox takes no money), else 402 with the payment challenge. One client (the
/// sandbox has one) gets at most 10 credentials in any hour (429 with <c>Retry-After</c>), and at most 50 are live at
/// once (503 <c>DEMO_CAPACITY_FULL</c> with <c>Retry-After</c>). Releasing takes the MCP token (401 if it is not the
/// session's, 404 for an unknown session) and ends the session: <c>released=true</c> the first time, <c>false</c>
/// once released or expired; <c>PgBeamSandbox.IsDemoCredentialValid</c> then says false.
/// </summary>
internal static class DemoApi
{
    public const int MaxLiveSessions = 50;

    public const int MaxSessionsPerHour = 10;

    public const string ExtendedResource = "pgbeam.demo.credential.extended";

    private const string Host = "demo.proxy.sandbox.pgbeam.invalid";

    public static SandboxResult Describe(SandboxCall call)
    {
        var live = LiveSessions(call.State, call.Now);
        var full = live >= MaxLiveSessions;
        return SandboxResult.Json(HttpStatusCode.OK, new DemoInfo
        {
            Available = !full,
            UnavailableReason = full ? "capacity_full" : null,
            RetryAfterSeconds = full ? SecondsUntilASlotFrees(call.State, call.Now) : null,
            Tiers = [Tier(DemoTierName.Free), Tier(DemoTierName.Extended)],
            Dataset = Dataset(),
            Walkthrough = Walkthrough(),
            LiveSessions = live,
            MaxLiveSessions = MaxLiveSessions,
            MaxSessionsPerHourPerClient = MaxSessionsPerHour,
            Upgrade = Upgrade(null),
        });
    }

    public static SandboxResult Issue(SandboxCall call)
    {
        var state = call.State;
        var body = call.OptionalBody();
        var tierName = new DemoTierName(body.OneOf("tier", DemoTierName.KnownValues) ?? DemoTierName.Free.ToString());
        var label = body.String("label", maxLength: 64);
        var proof = body.String("payment_proof", maxLength: 8192);

        var lastHour = state.DemoSessions.Live.Where(s => s.IssuedAt > call.Now.AddHours(-1)).ToList();
        if (lastHour.Count >= MaxSessionsPerHour)
        {
            var wait = lastHour.Min(s => s.IssuedAt).AddHours(1) - call.Now;
            return SandboxResult.Error(HttpStatusCode.TooManyRequests, "RATE_LIMITED", FormattableString.Invariant($"This client has had {MaxSessionsPerHour} demo credentials in the last hour; wait and try again."), wait);
        }

        var tier = Tier(tierName);
        if (tier.PriceUsdCents > 0 && string.IsNullOrWhiteSpace(proof))
        {
            return SandboxResult.Json(HttpStatusCode.PaymentRequired, new DemoPaymentChallenge
            {
                Resource = ExtendedResource,
                Tier = tierName.ToString(),
                Reason = FormattableString.Invariant($"The {tierName} tier costs {tier.PriceUsdCents} US cents and the request carried no payment_proof; pay, then send the request again with payment_proof (the sandbox accepts any)."),
                Accepts =
                [
                    new DemoPaymentMethod
                    {
                        Scheme = "exact",
                        Network = "base-sepolia",
                        Asset = "USDC",
                        Amount = (tier.PriceUsdCents * 10_000L).ToString(CultureInfo.InvariantCulture),
                        Currency = "USDC",
                        PayTo = "0x0000000000000000000000000000000000000000",
                        MaxTimeoutSeconds = 300,
                    },
                ],
            });
        }

        if (LiveSessions(state, call.Now) >= MaxLiveSessions)
        {
            return SandboxResult.Error(HttpStatusCode.ServiceUnavailable, "DEMO_CAPACITY_FULL", FormattableString.Invariant($"All {MaxLiveSessions} demo slots are taken; one frees up when the oldest live credential expires."), TimeSpan.FromSeconds(SecondsUntilASlotFrees(state, call.Now)));
        }

        var sessionId = state.NewId("dmo");
        var user = "demo_" + sessionId[4..16];
        var session = new StoredDemoSession(sessionId, tierName.ToString(), call.Now, call.Now.AddSeconds(tier.TtlSeconds))
        {
            Label = label,
            McpToken = "pbd_" + state.NewSecret(32),
            ConnectionString = $"postgresql://{user}:{state.NewSecret(24)}@{Host}:5432/demo?sslmode=require",
        };
        state.DemoSessions.Add(sessionId, state.NextSequence(), session);
        return SandboxResult.Json(HttpStatusCode.Created, new DemoCredential
        {
            SessionId = sessionId,
            Tier = session.Tier,
            ConnectionString = session.ConnectionString,
            McpUrl = $"https://{Host}/mcp",
            McpToken = session.McpToken,
            ExpiresAt = session.ExpiresAt,
            TtlSeconds = tier.TtlSeconds,
            QueryBudget = tier.QueryBudget,
            Dataset = Dataset(),
            Walkthrough = Walkthrough(),
            PolicyTemplate = PolicyTemplate(tier),
            Upgrade = Upgrade(sessionId),
        });
    }

    public static SandboxResult Release(SandboxCall call)
    {
        var state = call.State;
        var sessionId = call.Path("session_id");
        var token = call.Body().String("mcp_token", required: true, minLength: 1)!;
        var session = state.DemoSessions.Find(sessionId) ?? throw SandboxProblem.NotFound($"Demo session '{sessionId}' does not exist.");
        if (!string.Equals(session.McpToken, token, StringComparison.Ordinal))
        {
            throw new SandboxProblem(HttpStatusCode.Unauthorized, SandboxProblem.UnauthorizedCode, $"The mcp_token is not the one issued with demo session '{sessionId}'.");
        }

        var released = session.IsLive(call.Now);
        if (released)
        {
            session.ReleasedAt = call.Now;
        }

        return SandboxResult.Json(HttpStatusCode.OK, new DemoReleaseResult { SessionId = sessionId, Released = released, LiveSessions = LiveSessions(state, call.Now) });
    }

    /// <summary>Whether a demo credential's connection string or MCP token gets in now.</summary>
    public static bool IsValid(SandboxState state, string secret) =>
        state.DemoSessions.Live.Any(s => (s.McpToken == secret || s.ConnectionString == secret) && s.IsLive(state.Now()));

    private static int LiveSessions(SandboxState state, DateTimeOffset now) => state.DemoSessions.Live.Count(s => s.IsLive(now));

    private static int SecondsUntilASlotFrees(SandboxState state, DateTimeOffset now) =>
        (int)Math.Ceiling(Math.Max(1, state.DemoSessions.Live.Where(s => s.IsLive(now)).Min(s => s.ExpiresAt - now).TotalSeconds));

    private static DemoTier Tier(DemoTierName name) => name == DemoTierName.Extended
        ? new DemoTier { Name = name, TtlSeconds = 86_400, QueryBudget = 10_000, MaxRows = 1_000, PriceUsdCents = 500, Purchasable = true, Resource = ExtendedResource }
        : new DemoTier { Name = DemoTierName.Free, TtlSeconds = 900, QueryBudget = 200, MaxRows = 100, PriceUsdCents = 0, Purchasable = true };

    private static DemoDataset Dataset() => new()
    {
        Schema = "demo",
        Tables =
        [
            new DemoTable
            {
                Name = "demo.customers",
                Reachable = true,
                Description = "Invented customers; contact details come back masked.",
                Columns = [Column("id", "bigint", DemoColumnTreatment.Visible), Column("name", "text", DemoColumnTreatment.Visible), Column("email", "text", DemoColumnTreatment.Redacted), Column("phone", "text", DemoColumnTreatment.Hashed)],
            },
            new DemoTable
            {
                Name = "demo.orders",
                Reachable = true,
                Description = "Their orders, readable as they are.",
                Columns = [Column("id", "bigint", DemoColumnTreatment.Visible), Column("customer_id", "bigint", DemoColumnTreatment.Visible), Column("total_cents", "integer", DemoColumnTreatment.Visible), Column("placed_at", "timestamptz", DemoColumnTreatment.Visible)],
            },
            new DemoTable
            {
                Name = "demo.payment_methods",
                Reachable = false,
                Description = "Card data, present in the database and outside the allowlist: any statement naming it is blocked.",
                Columns = [Column("id", "bigint", DemoColumnTreatment.Visible), Column("customer_id", "bigint", DemoColumnTreatment.Visible), Column("card_number", "text", DemoColumnTreatment.Nulled)],
            },
        ],
    };

    private static DemoWalkthroughStep[] Walkthrough() =>
    [
        new() { Step = 1, Title = "Read freely", Sql = "SELECT id, total_cents FROM demo.orders LIMIT 5", Expect = DemoExpectedOutcome.Allow, Why = "demo.orders is on the allowlist and has no masked column." },
        new() { Step = 2, Title = "Masked contact details", Sql = "SELECT name, email, phone FROM demo.customers LIMIT 5", Expect = DemoExpectedOutcome.Masked, ExpectColumns = [Column("email", "text", DemoColumnTreatment.Redacted), Column("phone", "text", DemoColumnTreatment.Hashed)], Why = "The policy's masking rules redact email and hash phone." },
        new() { Step = 3, Title = "A table outside the allowlist", Sql = "SELECT * FROM demo.payment_methods", Expect = DemoExpectedOutcome.Blocked, ExpectRule = "table_not_allowed", Why = "demo.payment_methods is not on the table allowlist." },
        new() { Step = 4, Title = "Writes are refused", Sql = "DELETE FROM demo.orders", Expect = DemoExpectedOutcome.Blocked, ExpectRule = "read_only", Why = "The policy's access mode is read_only." },
    ];

    private static PolicyProfileInput PolicyTemplate(DemoTier tier) => new()
    {
        Name = "demo",
        AccessMode = PolicyProfileAccessMode.ReadOnly,
        TableAllowlist = ["demo.customers", "demo.orders"],
        MaskingRules =
        [
            new MaskingRule { Table = "demo.customers", Column = "email", Kind = MaskKind.Redact },
            new MaskingRule { Table = "demo.customers", Column = "phone", Kind = MaskKind.Hash },
        ],
        MaxRows = tier.MaxRows,
        BudgetQueriesPerDay = tier.QueryBudget,
    };

    private static DemoUpgrade Upgrade(string? sessionId) => new()
    {
        SignupUrl = "https://sandbox.pgbeam.invalid/signup" + (sessionId is null ? string.Empty : "?demo_session=" + sessionId),
        DocsUrl = "https://pgbeam.com/docs/demo",
        PolicyEndpoint = "POST /v1/projects/{project_id}/policies",
        Description = "Create a project, then POST policy_template to its policies to get the same guardrails on your own database.",
    };

    private static DemoColumn Column(string name, string type, DemoColumnTreatment treatment) => new() { Name = name, Type = type, Treatment = treatment };
}
