namespace Takt.TestKit.Timestamps;

/// <summary>How <see cref="TestTimestampAuthority"/> misbehaves, to test a client's error paths.</summary>
public enum TestTimestampFault
{
    None,

    /// <summary>HTTP 500 with a text body.</summary>
    ServerError,

    /// <summary>HTTP 200 with a TimeStampResp whose status is rejection (badAlg).</summary>
    Rejection,

    /// <summary>HTTP 200, the right Content-Type, bytes that are not DER.</summary>
    Garbage,

    /// <summary>A granted reply sent as text/html, as a captive portal or proxy error page would be.</summary>
    WrongContentType,

    /// <summary>A granted reply whose token carries a different nonce than the request's.</summary>
    WrongNonce,

    /// <summary>Never answers, so the client's timeout fires.</summary>
    Hang,
}
