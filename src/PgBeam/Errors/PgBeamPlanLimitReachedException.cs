namespace PgBeam;

/// <summary>
/// 403 with code <c>PLAN_LIMIT_REACHED</c>: the caller may do this, but the organization's plan allows no more of it
/// (projects, databases, credentials…). Upgrading the plan or removing something helps; another credential does not.
/// A 403 with any other code (<c>FORBIDDEN</c>) is a plain <see cref="PgBeamForbiddenException"/>: the role may not act.
/// </summary>
public sealed class PgBeamPlanLimitReachedException : PgBeamForbiddenException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="details">What the SDK read from the response.</param>
    public PgBeamPlanLimitReachedException(PgBeamErrorDetails details)
        : base(details)
    {
    }
}
