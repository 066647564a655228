namespace PgBeam;

/// <summary>403 Forbidden: the credential may not do this, or the plan does not allow it.</summary>
public class PgBeamForbiddenException : PgBeamApiException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="details">What the SDK read from the response.</param>
    public PgBeamForbiddenException(PgBeamErrorDetails details)
        : base(details)
    {
    }
}
