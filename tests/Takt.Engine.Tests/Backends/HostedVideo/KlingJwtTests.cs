using Takt.Engine.Backends.HostedVideo.Kling;

namespace Takt.Engine.Tests.Backends.HostedVideo;

public sealed class KlingJwtTests
{
    /// <summary>
    /// Computed independently with Python's standard library, not with the code under test:
    /// <code>
    /// import hmac, hashlib, base64, json
    /// b64 = lambda b: base64.urlsafe_b64encode(b).rstrip(b'=').decode()
    /// h = b'{"alg":"HS256","typ":"JWT"}'
    /// p = json.dumps({"iss": "AK-test-0001", "exp": 1700001800, "nbf": 1699999995}, separators=(',', ':')).encode()
    /// si = b64(h) + '.' + b64(p)
    /// print(si + '.' + b64(hmac.new(b'SK-secret-0001', si.encode(), hashlib.sha256).digest()))
    /// </code>
    /// </summary>
    private const string Expected =
        "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJBSy10ZXN0LTAwMDEiLCJleHAiOjE3MDAwMDE4MDAsIm5iZiI6MTY5OTk5OTk5NX0.cPcCiKm1Pxu8bpq0leu-cgOlSNJdkb0mJmSUt0ltZhM";

    [Fact]
    public void Create_KnownVector_MatchesPythonsHmac()
    {
        var jwt = KlingJwt.Create("AK-test-0001", "SK-secret-0001", DateTimeOffset.FromUnixTimeSeconds(1700000000));

        Assert.Equal(Expected, jwt);
    }

    [Fact]
    public void Create_OtherSecret_ChangesOnlyTheSignature()
    {
        var jwt = KlingJwt.Create("AK-test-0001", "SK-secret-0002", DateTimeOffset.FromUnixTimeSeconds(1700000000));

        Assert.Equal(Expected[..Expected.LastIndexOf('.')], jwt[..jwt.LastIndexOf('.')]);
        Assert.NotEqual(Expected, jwt);
    }
}
