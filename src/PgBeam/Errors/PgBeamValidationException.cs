namespace PgBeam;

/// <summary>400 Bad Request or 422 Unprocessable Entity: the request was rejected as invalid.</summary>
public class PgBeamValidationException : PgBeamApiException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="details">What the SDK read from the response.</param>
    public PgBeamValidationException(PgBeamErrorDetails details)
        : base(details)
    {
    }
}
