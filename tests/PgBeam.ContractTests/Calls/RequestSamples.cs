namespace PgBeam.ContractTests.Calls;

/// <summary>Request bodies shared by several operations, minimal and complete, with values inside the contract's limits.</summary>
internal static class RequestSamples
{
    public static PolicyProfileInput MinimalPolicy() => new() { Name = "analytics-readonly" };

    /// <summary>Every field of <c>PolicyProfileInput</c>, nested ones included.</summary>
    public static PolicyProfileInput CompletePolicy() => new()
    {
        Name = "analytics-readonly",
        AccessMode = PolicyProfileAccessMode.ReadOnly,
        StatementRules = new StatementRules { Allow = ["select"], Deny = ["drop", "truncate"] },
        TableAllowlist = ["public.orders", "public.customers"],
        TableDenylist = ["public.secrets"],
        MaskingRules = [new MaskingRule { Table = "public.customers", Column = "email", Kind = MaskKind.Hash }],
        BudgetQueriesPerHour = 500,
        BudgetQueriesPerDay = 5000,
        MaxRows = 1000,
        StatementTimeoutMs = 15000,
        RowFilters = [new RowFilter { Table = "public.orders", Predicate = "tenant_id = 42" }],
        WriteMode = PolicyProfileWriteMode.Rollback,
        ApprovalMode = PolicyProfileApprovalMode.Writes,
        ApprovalAutoMaxRows = 10,
        ApprovalTimeoutSeconds = 600,
        MigrationSafety = PolicyProfileMigrationSafety.Block,
        EgressBytesPerDay = 5_000_000_000L,
        MaxAffectedRows = 100,
    };

    public static CreateDatabaseRequest MinimalDatabase() => new()
    {
        Host = "db.internal.example.com",
        Port = 5432,
        Name = "app",
        Username = "pgbeam",
        Password = "s3cret-password",
    };

    /// <summary>Every field of <c>CreateDatabaseRequest</c>, with complete cache and pool settings.</summary>
    public static CreateDatabaseRequest CompleteDatabase() => new()
    {
        Host = "db.internal.example.com",
        Port = 5432,
        Name = "app",
        Username = "pgbeam",
        Password = "s3cret-password",
        SslMode = SslMode.VerifyFull,
        Role = DatabaseRole.Primary,
        PoolRegion = "us-east-1",
        QueryTimeoutMs = 30000,
        AutoReadRouting = true,
        CacheConfig = CompleteCache(),
        PoolConfig = CompletePool(),
    };

    public static CacheConfig CompleteCache() => new() { Enabled = true, TtlSeconds = 60, MaxEntries = 10000, SwrSeconds = 30 };

    public static PoolConfig CompletePool() => new() { PoolSize = 20, MinPoolSize = 2, PoolMode = PoolMode.Transaction, MaxActive = 50 };
}
