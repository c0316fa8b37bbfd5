using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Takt.TestKit.HostedVideo;

namespace Takt.TestKit.Timestamps;

/// <summary>
/// A real RFC 3161 time-stamp authority on loopback: it parses TimeStampReq DER, issues
/// TimeStampTokens (CMS SignedData over TSTInfo, ECDSA P-256, ESSCertIDv2) signed by a TSA
/// certificate with the critical id-kp-timeStamping EKU under its own test root, and answers
/// <c>application/timestamp-reply</c>. genTime comes from the injected TimeProvider; the
/// certificates are valid from a day before start to 30 days after, so moving a test clock
/// past that yields tokens outside the TSA certificate's validity. <see cref="Fault"/> makes it fail.
/// </summary>
public sealed partial class TestTimestampAuthority : IAsyncDisposable
{
    public const string Path = "/tsa";

    private readonly TimeProvider _time;
    private readonly ECDsa _tsaKey;
    private LoopbackServer? _server;
    private long _serial;
    private int _requests;

    private readonly TestTimestampAuthorityOptions _options;

    private TestTimestampAuthority(TimeProvider time, TestTimestampAuthorityOptions options)
    {
        _time = time;
        _options = options;
        var now = time.GetUtcNow();
        using var rootKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var rootRequest = new CertificateRequest("CN=Takt Test TSA Root", rootKey, HashAlgorithmName.SHA256);
        rootRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        rootRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        rootRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(rootRequest.PublicKey, false));
        using var root = rootRequest.CreateSelfSigned(now.AddDays(-2), now.AddYears(5));
        RootCertificate = X509CertificateLoader.LoadCertificate(root.RawData);

        _tsaKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var tsaRequest = new CertificateRequest("CN=Takt Test TSA", _tsaKey, HashAlgorithmName.SHA256);
        tsaRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        tsaRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        if (options.TimeStampingEku)
        {
            // RFC 3161 §2.3: exactly one EKU, id-kp-timeStamping, marked critical.
            tsaRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.8")], true));
        }

        tsaRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(tsaRequest.PublicKey, false));
        tsaRequest.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(root, true, false));
        using var tsa = tsaRequest.Create(root, now.AddDays(-1), now.AddDays(30), RandomNumberGenerator.GetBytes(12));
        TsaCertificate = tsa.CopyWithPrivateKey(_tsaKey);
    }

    /// <summary>The endpoint to POST TimeStampReq to.</summary>
    public Uri Url => new(_server?.BaseUri ?? throw new InvalidOperationException("Not started."), Path.TrimStart('/'));

    /// <summary>The trust anchor for this TSA's tokens (public certificate only).</summary>
    public X509Certificate2 RootCertificate { get; }

    /// <summary>The signing certificate, with its private key.</summary>
    public X509Certificate2 TsaCertificate { get; }

    public TestTimestampFault Fault { get; set; }

    public int RequestCount => Volatile.Read(ref _requests);

    public static Task<TestTimestampAuthority> StartAsync(TimeProvider time, CancellationToken cancellationToken) =>
        StartAsync(time, new TestTimestampAuthorityOptions(), cancellationToken);

    public static async Task<TestTimestampAuthority> StartAsync(
        TimeProvider time, TestTimestampAuthorityOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(options);
        var authority = new TestTimestampAuthority(time, options);
        authority._server = await LoopbackServer.StartAsync(app => app.MapPost(Path, authority.HandleAsync), cancellationToken);
        return authority;
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        TsaCertificate.Dispose();
        RootCertificate.Dispose();
        _tsaKey.Dispose();
    }

    private async Task HandleAsync(HttpContext context)
    {
        Interlocked.Increment(ref _requests);
        var cancellationToken = context.RequestAborted;
        if (!string.Equals(context.Request.ContentType, "application/timestamp-query", StringComparison.OrdinalIgnoreCase))
        {
            context.Response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
            return;
        }

        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, cancellationToken);
        switch (Fault)
        {
            case TestTimestampFault.ServerError:
                context.Response.StatusCode = StatusCodes.Status500InternalServerError;
                await context.Response.WriteAsync("TSA backend unavailable", cancellationToken);
                return;
            case TestTimestampFault.Hang:
                await Task.Delay(Timeout.Infinite, cancellationToken);
                return;
            case TestTimestampFault.Garbage:
                await ReplyAsync(context, "application/timestamp-reply", "<html>not DER</html>"u8.ToArray(), cancellationToken);
                return;
            default:
                break;
        }

        byte[] reply;
        if (Fault == TestTimestampFault.Rejection)
        {
            reply = RejectionReply("policy says no", failureBit: 0);
        }
        else if (TryReadRequest(body.ToArray()) is not { } request)
        {
            reply = RejectionReply("malformed TimeStampReq", failureBit: 5);
        }
        else
        {
            var nonce = Fault == TestTimestampFault.WrongNonce ? [0x01, 0x02, 0x03] : request.Nonce;
            reply = GrantedReply(IssueToken(request.MessageImprint, nonce, request.CertReq));
        }

        var mediaType = Fault == TestTimestampFault.WrongContentType ? "text/html" : "application/timestamp-reply";
        await ReplyAsync(context, mediaType, reply, cancellationToken);
    }

    private static async Task ReplyAsync(HttpContext context, string mediaType, byte[] body, CancellationToken cancellationToken)
    {
        context.Response.ContentType = mediaType;
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body, cancellationToken);
    }
}
