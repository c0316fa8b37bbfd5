using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
using Takt.Provenance.C2pa.Signing;

namespace Takt.Provenance.C2pa.Verification;

/// <summary>
/// Checks an RFC 3161 time-stamp from a C2PA <c>sigTst</c>/<c>sigTst2</c> header the way c2pa-rs's
/// <c>verify_time_stamp</c> (sdk/src/crypto/time_stamp/verify.rs) does, and reports the same codes in
/// the same order: malformed (unparseable), untrusted (bad signature), outsideValidity (TSA
/// certificate not valid at the stamped time), mismatch (imprint is not over these bytes), then
/// validated, then trusted or untrusted (the TSA certificate lacks id-kp-timeStamping, does not
/// chain to an anchor at the stamped time, or, stricter than c2pa-rs, the token does not bind its
/// certificate with ESSCertID as .NET's RFC 3161 check requires). Hostile input never throws.
/// </summary>
/// <remarks>
/// Trust is only ever granted against the anchors given: with none, a good token is validated but
/// untrusted. (c2pa-rs reports trusted when its timestamp trust check is switched off; Takt has no
/// such switch.) The token may be a TimeStampToken or, as c2pa-rs wrote into v1 <c>sigTst</c>, a
/// whole TimeStampResp; a response that was not granted is malformed.
/// </remarks>
public static class TimestampVerifier
{
    private const string TimeStampingEku = "1.3.6.1.5.5.7.3.8";
    private const string SigningTimeOid = "1.2.840.113549.1.9.5";
    private const string TstInfoContentType = "1.2.840.113549.1.9.16.1.4";

    public static TimestampVerification Verify(
        ReadOnlyMemory<byte> token, ReadOnlySpan<byte> stampedData, X509Certificate2Collection? trustAnchors, string? url = null)
    {
        var report = new Report(url);
        try
        {
            if (Decode(token, report) is not { } decoded)
            {
                return report.Finish(null, trusted: false);
            }

            return Check(decoded.Der, decoded.Cms, decoded.Info, stampedData, trustAnchors, report);
        }
        catch (CryptographicException e)
        {
            return report.Malformed($"time-stamp could not be checked: {e.Message}");
        }
    }

    /// <remarks>
    /// Works from the SignedCms rather than <see cref="Rfc3161TimestampToken"/> alone because
    /// TryDecode also refuses tokens whose genTime falls outside the TSA certificate's validity,
    /// which c2pa-rs reports as outsideValidity, not malformed. .NET's full RFC 3161 check
    /// (ESSCertID binding, imprint) is still required before a token is called trusted.
    /// </remarks>
    private static TimestampVerification Check(
        ReadOnlyMemory<byte> der, SignedCms cms, Rfc3161TimestampTokenInfo info, ReadOnlySpan<byte> stampedData,
        X509Certificate2Collection? trustAnchors, Report report)
    {
        var signerInfo = cms.SignerInfos[0];
        if (signerInfo.Certificate is not { } signer)
        {
            return report.Informational(ValidationCodes.TimeStampUntrusted, "time-stamp does not carry its signing certificate");
        }

        try
        {
            signerInfo.CheckSignature(verifySignatureOnly: true);
        }
        catch (CryptographicException e)
        {
            return report.Informational(ValidationCodes.TimeStampUntrusted, $"time-stamp signature does not verify ({e.Message})");
        }

        var name = signer.GetNameInfo(X509NameType.SimpleName, false);
        var genTime = SignedSigningTime(signerInfo) ?? info.Timestamp;
        var margin = TimeSpan.FromTicks((long)Math.Min(info.AccuracyInMicroseconds ?? 0, long.MaxValue / 10) * 10);
        if (genTime < new DateTimeOffset(signer.NotBefore.ToUniversalTime()) - margin
            || genTime > new DateTimeOffset(signer.NotAfter.ToUniversalTime()) + margin)
        {
            return report.Informational(
                ValidationCodes.TimeStampOutsideValidity, $"time-stamp time {genTime:O} is outside the validity of {name}'s certificate");
        }

        if (!ImprintMatches(info, stampedData, out var algorithmKnown))
        {
            return algorithmKnown
                ? report.Informational(ValidationCodes.TimeStampMismatch, $"time-stamp message digest did not match: {name}")
                : report.Informational(ValidationCodes.TimeStampUntrusted, $"time-stamp imprint algorithm {info.HashAlgorithmId.Value} is unsupported");
        }

        report.Add(ValidationCodes.TimeStampValidated, ValidationStatusKind.Success, $"time-stamp message digest matched: {name}");
        var problem = TrustProblem(signer, cms.Certificates, trustAnchors, genTime)
            ?? Rfc3161Problem(der, stampedData, cms.Certificates, name);
        if (problem is not null)
        {
            report.Add(ValidationCodes.TimeStampUntrusted, ValidationStatusKind.Informational, problem);
            return report.Finish(genTime, trusted: false);
        }

        report.Add(ValidationCodes.TimeStampTrusted, ValidationStatusKind.Success, $"time-stamp cert trusted: {name}");
        return report.Finish(genTime, trusted: true);
    }

    private sealed record DecodedToken(ReadOnlyMemory<byte> Der, SignedCms Cms, Rfc3161TimestampTokenInfo Info);

    private static DecodedToken? Decode(ReadOnlyMemory<byte> token, Report report)
    {
        try
        {
            var tokenDer = token;
            if (TimeStampReply.LooksLikeResponse(token))
            {
                var reply = TimeStampReply.Parse(token);
                if (!reply.IsGranted || reply.Token is not { } inner)
                {
                    report.Malformed($"time-stamp response was not granted: {reply.Describe()}");
                    return null;
                }

                tokenDer = inner;
            }

            // SignedCms.Decode accepts trailing bytes; a token with any is not the DER it claims to be.
            if (new AsnReader(tokenDer, AsnEncodingRules.BER).ReadEncodedValue().Length != tokenDer.Length)
            {
                report.Malformed("time-stamp token has trailing bytes");
                return null;
            }

            var cms = new SignedCms();
            cms.Decode(tokenDer.Span);
            if (cms.ContentInfo.ContentType.Value != TstInfoContentType
                || !Rfc3161TimestampTokenInfo.TryDecode(cms.ContentInfo.Content, out var info, out var consumed)
                || consumed != cms.ContentInfo.Content.Length
                || cms.SignerInfos.Count == 0)
            {
                report.Malformed("time-stamp token does not hold a signed TSTInfo");
                return null;
            }

            return new DecodedToken(tokenDer, cms, info);
        }
        catch (Exception e) when (e is AsnContentException or CryptographicException)
        {
            report.Malformed($"time-stamp token could not be parsed: {e.Message}");
            return null;
        }
    }

    /// <summary>
    /// .NET's RFC 3161 validation on top of c2pa-rs's: the token must name its signing certificate
    /// (ESSCertID/ESSCertIDv2, RFC 5816) so a certificate cannot be swapped for another with the same key.
    /// </summary>
    private static string? Rfc3161Problem(
        ReadOnlyMemory<byte> der, ReadOnlySpan<byte> stampedData, X509Certificate2Collection certificates, string name)
    {
        if (!Rfc3161TimestampToken.TryDecode(der, out var token, out _))
        {
            return $"time-stamp cert untrusted: {name}, the token does not bind its signing certificate (ESSCertID)";
        }

        if (!token.VerifySignatureForData(stampedData, out var verifiedSigner, certificates))
        {
            return $"time-stamp cert untrusted: {name}, the token fails RFC 3161 verification";
        }

        verifiedSigner?.Dispose();
        return null;
    }

    /// <summary>c2pa-rs prefers a signed signing-time attribute over genTime when the TSA adds one.</summary>
    private static DateTimeOffset? SignedSigningTime(SignerInfo signerInfo)
    {
        foreach (var attribute in signerInfo.SignedAttributes)
        {
            if (attribute.Oid.Value == SigningTimeOid && attribute.Values.Count == 1)
            {
                var time = new Pkcs9SigningTime(attribute.Values[0].RawData).SigningTime;
                return new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc));
            }
        }

        return null;
    }

    private static bool ImprintMatches(Rfc3161TimestampTokenInfo info, ReadOnlySpan<byte> data, out bool algorithmKnown)
    {
        HashAlgorithmName? name = info.HashAlgorithmId.Value switch
        {
            "1.3.14.3.2.26" => HashAlgorithmName.SHA1,
            "2.16.840.1.101.3.4.2.1" => HashAlgorithmName.SHA256,
            "2.16.840.1.101.3.4.2.2" => HashAlgorithmName.SHA384,
            "2.16.840.1.101.3.4.2.3" => HashAlgorithmName.SHA512,
            _ => null,
        };
        algorithmKnown = name is not null;
        if (name is not { } known)
        {
            return false;
        }

        var digest = CryptographicOperations.HashData(known, data);
        return CryptographicOperations.FixedTimeEquals(digest, info.GetMessageHash().Span);
    }

    private static string? TrustProblem(
        X509Certificate2 signer, X509Certificate2Collection tokenCertificates, X509Certificate2Collection? anchors, DateTimeOffset genTime)
    {
        var name = signer.GetNameInfo(X509NameType.SimpleName, false);
        var ekus = signer.Extensions.OfType<X509EnhancedKeyUsageExtension>().SelectMany(e => e.EnhancedKeyUsages.Cast<Oid>());
        if (!ekus.Any(o => o.Value == TimeStampingEku))
        {
            return $"time-stamp cert untrusted: {name} lacks the id-kp-timeStamping extended key usage";
        }

        if (anchors is null || anchors.Count == 0)
        {
            return $"time-stamp cert untrusted: {name}, no trust anchors were given";
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(anchors);
        chain.ChainPolicy.ExtraStore.AddRange(tokenCertificates);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = genTime.UtcDateTime;
        chain.ChainPolicy.VerificationTimeIgnored = false;
        try
        {
            if (chain.Build(signer))
            {
                return null;
            }

            var reasons = chain.ChainStatus.Select(s => s.Status.ToString()).Distinct(StringComparer.Ordinal);
            return $"time-stamp cert untrusted: {name} ({string.Join(", ", reasons)})";
        }
        finally
        {
            foreach (var element in chain.ChainElements)
            {
                if (!ReferenceEquals(element.Certificate, signer))
                {
                    element.Certificate.Dispose();
                }
            }
        }
    }

    /// <summary>Collects statuses in c2pa-rs's order; every one carries the caller's JUMBF URI.</summary>
    private sealed class Report(string? url)
    {
        private readonly List<ValidationStatus> _statuses = [];

        public void Add(string code, ValidationStatusKind kind, string explanation) =>
            _statuses.Add(new ValidationStatus(code, kind, url, explanation));

        public TimestampVerification Malformed(string explanation) =>
            Informational(ValidationCodes.TimeStampMalformed, explanation);

        public TimestampVerification Informational(string code, string explanation)
        {
            Add(code, ValidationStatusKind.Informational, explanation);
            return Finish(null, trusted: false);
        }

        public TimestampVerification Finish(DateTimeOffset? genTime, bool trusted) => new(_statuses.ToList(), genTime, trusted);
    }
}
