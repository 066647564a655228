namespace PgBeam;

/// <summary>
/// The event types the contract declares (<see cref="WebhookEventType"/>), as constants a <c>switch</c> on
/// <see cref="WebhookEvent.Type"/> can name. More types appear over time: keep a <c>default</c> branch that
/// acknowledges the delivery and ignores the event, as PgBeam asks of receivers. A test checks these stay equal
/// to <see cref="WebhookEventType.KnownValues"/>, which is generated from the contract.
/// </summary>
public static class WebhookEventTypes
{
    /// <summary><c>query_blocked</c>: a policy refused a query.</summary>
    public const string QueryBlocked = "query_blocked";

    /// <summary><c>budget_exhausted</c>: a query budget ran out.</summary>
    public const string BudgetExhausted = "budget_exhausted";

    /// <summary><c>kill_switch</c>: agent access was switched off.</summary>
    public const string KillSwitch = "kill_switch";

    /// <summary><c>masked</c>: a result had values masked.</summary>
    public const string Masked = "masked";

    /// <summary><c>migration_flagged</c>: a migration was flagged as unsafe.</summary>
    public const string MigrationFlagged = "migration_flagged";

    /// <summary><c>approval_requested</c>: a statement waits for a person's approval.</summary>
    public const string ApprovalRequested = "approval_requested";

    /// <summary><c>anomaly_alert</c>: an anomaly alert was raised.</summary>
    public const string AnomalyAlert = "anomaly_alert";

    /// <summary><c>canary_tripped</c>: a honeytoken was touched.</summary>
    public const string CanaryTripped = "canary_tripped";

    /// <summary><c>content_flagged</c>: content scanning flagged a result.</summary>
    public const string ContentFlagged = "content_flagged";

    /// <summary><c>audit_checkpoint</c>: an audit log checkpoint was written.</summary>
    public const string AuditCheckpoint = "audit_checkpoint";

    /// <summary><c>webhook.test</c>: a test delivery sent on request.</summary>
    public const string WebhookTest = "webhook.test";
}
