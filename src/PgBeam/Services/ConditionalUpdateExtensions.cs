namespace PgBeam;

/// <summary>
/// Read-modify-write helpers, one per resource whose update takes <c>If-Match</c> (generated from the contract, e.g.
/// <c>client.Policies.ModifyPolicyProfileAsync(projectId, policyId, p =&gt; p.MaxRows = 500)</c>): each reads the
/// resource with its <c>ETag</c>, applies your change to its input form (<c>ToInput()</c>) and writes with
/// <c>ifMatch</c>. When another writer got there first (412), it reads again and re-applies your change, up to
/// <c>maxAttempts</c> rounds, then throws <see cref="PgBeamPreconditionFailedException"/> with
/// <see cref="PgBeamPreconditionFailedException.ModifyAttempts"/>.
/// </summary>
/// <remarks>
/// The change may run more than once, on a fresher copy each time: make it a plain edit of the input it is given
/// (set a value, add to a list), without side effects. Extension methods over the service interfaces, so they also
/// work on test doubles of those interfaces.
/// </remarks>
public static partial class ConditionalUpdateExtensions
{
}
