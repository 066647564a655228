using System.Collections.Generic;

namespace PgBeam.Testing.State;

/// <summary>A support case and its conversation, oldest message first.</summary>
internal sealed class StoredSupportCase(SupportCase supportCase)
{
    public SupportCase Case { get; } = supportCase;

    public List<SupportMessage> Messages { get; } = [];
}
