using System.Formats.Asn1;
using System.Formats.Cbor;
using System.Security.Cryptography;
using Takt.Provenance.C2pa.Signing;
using Takt.Provenance.C2pa.Verification;
using Takt.TestKit.Timestamps;

namespace Takt.Provenance.Tests.C2pa;

public sealed class TimestampAuthorityTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly DateTimeOffset Start = new(2026, 3, 14, 15, 9, 26, TimeSpan.Zero);

    /// <summary>A COSE protected header {1: -7} (alg ES256), as a claim signature would carry.</summary>
    private static readonly byte[] ProtectedHeader = [0xA1, 0x01, 0x26];

    private sealed class SettableClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }

    private static byte[] StampedData() => CoseTimestamps.V2StampedData(ProtectedHeader, RandomNumberGenerator.GetBytes(64));

    private static string[] Codes(TimestampVerification verification) => [.. verification.Statuses.Select(s => s.Code)];

    [Fact]
    public async Task Stamp_TestAuthority_TokenValidatedAndTrustedWithItsRoot()
    {
        await using var tsa = await TestTimestampAuthority.StartAsync(new SettableClock(Start), Ct);
        using var http = new HttpClient();
        var data = StampedData();

        var token = await new Rfc3161TimestampAuthority(http, tsa.Url).StampAsync(data, Ct);
        var verification = TimestampVerifier.Verify(token, data, [tsa.RootCertificate], "self#jumbf=c2pa.signature");

        Assert.Equal([ValidationCodes.TimeStampValidated, ValidationCodes.TimeStampTrusted], Codes(verification));
        Assert.All(verification.Statuses, s => Assert.Equal(ValidationStatusKind.Success, s.Kind));
        Assert.All(verification.Statuses, s => Assert.Equal("self#jumbf=c2pa.signature", s.Url));
        Assert.True(verification.IsTrusted);
        Assert.Equal(Start, verification.GenTime);
        Assert.Equal(1, tsa.RequestCount);
    }

    [Fact]
    public async Task Verify_WithoutTheTsaRoot_ValidatedButUntrusted()
    {
        await using var tsa = await TestTimestampAuthority.StartAsync(new SettableClock(Start), Ct);
        await using var other = await TestTimestampAuthority.StartAsync(new SettableClock(Start), Ct);
        var data = StampedData();
        var token = tsa.IssueToken(data);

        var noAnchors = TimestampVerifier.Verify(token, data, trustAnchors: null);
        var wrongAnchor = TimestampVerifier.Verify(token, data, [other.RootCertificate]);

        Assert.Equal([ValidationCodes.TimeStampValidated, ValidationCodes.TimeStampUntrusted], Codes(noAnchors));
        Assert.Equal([ValidationCodes.TimeStampValidated, ValidationCodes.TimeStampUntrusted], Codes(wrongAnchor));
        Assert.False(wrongAnchor.IsTrusted);
        Assert.Equal(Start, wrongAnchor.GenTime);
    }

    [Fact]
    public async Task Verify_TsaCertificateWithoutTimeStampingEku_ValidatedButUntrusted()
    {
        var options = new TestTimestampAuthorityOptions { TimeStampingEku = false };
        await using var tsa = await TestTimestampAuthority.StartAsync(new SettableClock(Start), options, Ct);
        var data = StampedData();

        var verification = TimestampVerifier.Verify(tsa.IssueToken(data), data, [tsa.RootCertificate]);

        Assert.Equal([ValidationCodes.TimeStampValidated, ValidationCodes.TimeStampUntrusted], Codes(verification));
        Assert.Contains("id-kp-timeStamping", verification.Statuses[1].Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_TokenNotBindingItsCertificate_ValidatedButUntrusted()
    {
        // c2pa-rs does not look at ESSCertID; Takt additionally requires it before trusting a token.
        var options = new TestTimestampAuthorityOptions { SigningCertificateAttribute = false };
        await using var tsa = await TestTimestampAuthority.StartAsync(new SettableClock(Start), options, Ct);
        var data = StampedData();

        var verification = TimestampVerifier.Verify(tsa.IssueToken(data), data, [tsa.RootCertificate]);

        Assert.Equal([ValidationCodes.TimeStampValidated, ValidationCodes.TimeStampUntrusted], Codes(verification));
        Assert.Contains("ESSCertID", verification.Statuses[1].Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_OtherData_Mismatch()
    {
        await using var tsa = await TestTimestampAuthority.StartAsync(new SettableClock(Start), Ct);
        var data = StampedData();
        var token = tsa.IssueToken(data);
        data[^1] ^= 1;

        var verification = TimestampVerifier.Verify(token, data, [tsa.RootCertificate]);

        Assert.Equal([ValidationCodes.TimeStampMismatch], Codes(verification));
        Assert.Null(verification.GenTime);
        Assert.False(verification.IsValidated);
    }

    [Fact]
    public async Task Verify_StampedAfterTheTsaCertificateExpired_OutsideValidity()
    {
        var clock = new SettableClock(Start);
        await using var tsa = await TestTimestampAuthority.StartAsync(clock, Ct);
        clock.Now = Start.AddDays(60);
        var data = StampedData();

        var verification = TimestampVerifier.Verify(tsa.IssueToken(data), data, [tsa.RootCertificate]);

        Assert.True(Codes(verification).SequenceEqual([ValidationCodes.TimeStampOutsideValidity]), verification.Statuses[0].Explanation);
    }

    [Fact]
    public async Task Verify_GarbageOrTruncatedTokens_MalformedNeverThrows()
    {
        await using var tsa = await TestTimestampAuthority.StartAsync(new SettableClock(Start), Ct);
        var data = StampedData();
        var token = tsa.IssueToken(data);

        Assert.Equal([ValidationCodes.TimeStampMalformed], Codes(TimestampVerifier.Verify(Array.Empty<byte>(), data, null)));
        Assert.Equal([ValidationCodes.TimeStampMalformed], Codes(TimestampVerifier.Verify("garbage"u8.ToArray(), data, null)));
        Assert.Equal([ValidationCodes.TimeStampMalformed], Codes(TimestampVerifier.Verify(token.Concat(new byte[] { 0 }).ToArray(), data, null)));
        for (var length = 0; length < token.Length; length += 7)
        {
            Assert.Equal([ValidationCodes.TimeStampMalformed], Codes(TimestampVerifier.Verify(token.AsMemory(0, length), data, null)));
        }

        // Flipped bytes may land in unsigned parts (the certificate list), so any verdict is allowed; throwing is not.
        for (var position = 0; position < token.Length; position += 3)
        {
            var flipped = token.ToArray();
            flipped[position] ^= 0x5A;
            Assert.NotEmpty(TimestampVerifier.Verify(flipped, data, [tsa.RootCertificate]).Statuses);
        }
    }

    [Fact]
    public async Task Verify_WholeTimeStampRespAsV1SigTstCarries_Validated()
    {
        await using var tsa = await TestTimestampAuthority.StartAsync(new SettableClock(Start), Ct);
        var data = StampedData();
        var response = new AsnWriter(AsnEncodingRules.DER);
        using (response.PushSequence())
        {
            using (response.PushSequence())
            {
                response.WriteInteger(0);
            }

            response.WriteEncodedValue(tsa.IssueToken(data));
        }

        var verification = TimestampVerifier.Verify(response.Encode(), data, [tsa.RootCertificate]);

        Assert.Equal([ValidationCodes.TimeStampValidated, ValidationCodes.TimeStampTrusted], Codes(verification));
    }

    [Theory]
    [InlineData(TestTimestampFault.ServerError, "HTTP 500")]
    [InlineData(TestTimestampFault.Rejection, "status 2 (rejection), failInfo badAlg, \"policy says no\"")]
    [InlineData(TestTimestampFault.Garbage, "not a DER TimeStampResp")]
    [InlineData(TestTimestampFault.WrongContentType, "Content-Type is 'text/html'")]
    [InlineData(TestTimestampFault.WrongNonce, "does not answer this request")]
    public async Task Stamp_AuthorityFails_ThrowsNamingUrlAndProblem(TestTimestampFault fault, string problem)
    {
        await using var tsa = await TestTimestampAuthority.StartAsync(new SettableClock(Start), Ct);
        tsa.Fault = fault;
        using var http = new HttpClient();

        var error = await Assert.ThrowsAsync<TimestampAuthorityException>(
            () => new Rfc3161TimestampAuthority(http, tsa.Url).StampAsync(StampedData(), Ct));

        Assert.Contains(tsa.Url.ToString(), error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stamp_AuthorityHangs_ThrowsTimeout()
    {
        await using var tsa = await TestTimestampAuthority.StartAsync(new SettableClock(Start), Ct);
        tsa.Fault = TestTimestampFault.Hang;
        using var http = new HttpClient { Timeout = TimeSpan.FromMilliseconds(500) };

        var error = await Assert.ThrowsAsync<TimestampAuthorityException>(
            () => new Rfc3161TimestampAuthority(http, tsa.Url).StampAsync(StampedData(), Ct));

        Assert.Contains("no reply within 0.5 s", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stamp_NothingListening_ThrowsRequestFailed()
    {
        Uri url;
        await using (var tsa = await TestTimestampAuthority.StartAsync(new SettableClock(Start), Ct))
        {
            url = tsa.Url;
        }

        using var http = new HttpClient();
        var error = await Assert.ThrowsAsync<TimestampAuthorityException>(
            () => new Rfc3161TimestampAuthority(http, url).StampAsync(StampedData(), Ct));

        Assert.Contains($"{url}: the request failed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CounterSignatureData_IsTheRfc9052Structure()
    {
        // ["CounterSignature", h'A10126', h'', h'0102']
        byte[] expectedV1 = [0x84, 0x70, .. "CounterSignature"u8, 0x43, 0xA1, 0x01, 0x26, 0x40, 0x42, 0x01, 0x02];
        // v2 stamps the signature as a CBOR byte string: payload h'42AABB'
        byte[] expectedV2 = [0x84, 0x70, .. "CounterSignature"u8, 0x43, 0xA1, 0x01, 0x26, 0x40, 0x43, 0x42, 0xAA, 0xBB];

        Assert.Equal(expectedV1, CoseTimestamps.V1StampedData(ProtectedHeader, [0x01, 0x02]));
        Assert.Equal(expectedV2, CoseTimestamps.V2StampedData(ProtectedHeader, [0xAA, 0xBB]));
    }

    [Fact]
    public void SigTst2Entry_RoundTripsThroughAnUnprotectedHeader()
    {
        byte[] token = [0x30, 0x03, 0x02, 0x01, 0x07];
        var writer = new CborWriter(CborConformanceMode.Canonical);
        writer.WriteStartMap(2);
        writer.WriteTextString("pad");
        writer.WriteByteString(new byte[4]);
        CoseTimestamps.WriteSigTst2Entry(writer, token);
        writer.WriteEndMap();

        var reader = new CborReader(writer.Encode());
        reader.ReadStartMap();
        IReadOnlyList<byte[]>? tokens = null;
        while (reader.PeekState() != CborReaderState.EndMap)
        {
            if (reader.ReadTextString() == CoseTimestamps.V2Label)
            {
                tokens = CoseTimestamps.ReadTstContainer(reader);
            }
            else
            {
                reader.SkipValue();
            }
        }

        Assert.NotNull(tokens);
        Assert.Equal(token, Assert.Single(tokens));
    }

    [Theory]
    [InlineData("A0")] // {} : no tstTokens
    [InlineData("A169747374546F6B656E7380")] // {"tstTokens": []} is well formed, just empty
    [InlineData("A169747374546F6B656E7381A0")] // {"tstTokens": [{}]} : token without val
    [InlineData("A169747374546F6B656E7381A16376616C01")] // val is not a byte string
    [InlineData("A169747374546F6B656E73")] // truncated
    [InlineData("40")] // not a map
    public void ReadTstContainer_MalformedOrEmpty_NullOrNoTokens(string hex)
    {
        var tokens = CoseTimestamps.ReadTstContainer(new CborReader(Convert.FromHexString(hex)));

        Assert.True(tokens is null or { Count: 0 });
    }
}
