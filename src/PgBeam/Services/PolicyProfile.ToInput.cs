using PgBeam.Serialization;

namespace PgBeam;

public partial class PolicyProfile
{
    /// <summary>
    /// An input carrying every current setting of this profile, for a read-modify-write update:
    /// <c>UpdatePolicyProfileAsync</c> replaces the whole profile, so a setting left out of the input would be reset.
    /// </summary>
    /// <remarks>
    /// Lists and nested rules are copied, so changing the input leaves this profile as it is. Fields this SDK version
    /// does not know (<see cref="AdditionalProperties"/>) are carried over too, so a newer server setting is sent back
    /// unchanged rather than reset by the replacement.
    /// </remarks>
    /// <returns>A new <see cref="PolicyProfileInput"/>; change what you need and pass it to <c>UpdatePolicyProfileAsync</c>.</returns>
    /// <example>
    /// <code>
    /// var profile = await client.Policies.GetPolicyProfileAsync(projectId, "pol_xxx");
    /// var input = profile.ToInput();
    /// input.MaxRows = 500;
    /// await client.Policies.UpdatePolicyProfileAsync(projectId, profile.Id, input);
    /// </code>
    /// </example>
    public PolicyProfileInput ToInput() => new()
    {
        Name = Name,
        AccessMode = AccessMode,
        StatementRules = ModelCopy.Deep(StatementRules),
        TableAllowlist = ModelCopy.Values(TableAllowlist),
        TableDenylist = ModelCopy.Values(TableDenylist),
        MaskingRules = ModelCopy.List(MaskingRules),
        BudgetQueriesPerHour = BudgetQueriesPerHour,
        BudgetQueriesPerDay = BudgetQueriesPerDay,
        MaxRows = MaxRows,
        StatementTimeoutMs = StatementTimeoutMs,
        RowFilters = ModelCopy.List(RowFilters),
        WriteMode = WriteMode,
        ApprovalMode = ApprovalMode,
        ApprovalAutoMaxRows = ApprovalAutoMaxRows,
        ApprovalTimeoutSeconds = ApprovalTimeoutSeconds,
        MigrationSafety = MigrationSafety,
        EgressBytesPerDay = EgressBytesPerDay,
        MaxAffectedRows = MaxAffectedRows,
        ContentScanMode = ContentScanMode,
        ContentScanMaxBytes = ContentScanMaxBytes,
        AdditionalProperties = ModelCopy.AdditionalProperties<PolicyProfileInput>(AdditionalProperties),
    };
}
