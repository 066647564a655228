namespace PgBeam;

/// <summary>409 Conflict: the request clashes with the resource's current state.</summary>
public class PgBeamConflictException : PgBeamApiException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="details">What the SDK read from the response.</param>
    public PgBeamConflictException(PgBeamErrorDetails details)
        : base(details)
    {
    }
}
