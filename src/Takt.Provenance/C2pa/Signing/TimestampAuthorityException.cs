namespace Takt.Provenance.C2pa.Signing;

/// <summary>
/// A time-stamp authority could not be reached, refused the request, or answered with something
/// that is not a valid time-stamp for it. The message names the authority's URL and the problem.
/// </summary>
public sealed class TimestampAuthorityException : Exception
{
    public TimestampAuthorityException()
    {
    }

    public TimestampAuthorityException(string message)
        : base(message)
    {
    }

    public TimestampAuthorityException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
