namespace PgBeam;

/// <summary>404 Not Found: the resource does not exist or is not visible to this credential.</summary>
public class PgBeamNotFoundException : PgBeamApiException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="details">What the SDK read from the response.</param>
    public PgBeamNotFoundException(PgBeamErrorDetails details)
        : base(details)
    {
    }
}
