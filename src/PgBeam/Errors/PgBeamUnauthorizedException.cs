namespace PgBeam;

/// <summary>401 Unauthorized: the API key or token is missing, wrong, expired or revoked.</summary>
public class PgBeamUnauthorizedException : PgBeamApiException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="details">What the SDK read from the response.</param>
    public PgBeamUnauthorizedException(PgBeamErrorDetails details)
        : base(details)
    {
    }
}
