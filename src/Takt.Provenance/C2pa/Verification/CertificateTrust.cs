using System.Security.Cryptography.X509Certificates;

namespace Takt.Provenance.C2pa.Verification;

/// <summary>
/// Chain-of-trust for the signer (§14.4): the leaf must chain, through the x5chain certificates,
/// to one of the configured anchors at the signing time. Revocation is not checked (no network).
/// </summary>
internal static class CertificateTrust
{
    public static void Check(X509Certificate2 leaf, IReadOnlyList<X509Certificate2> intermediates, X509Certificate2Collection anchors, DateTimeOffset signingTime, StatusLog log, string url)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(anchors);
        foreach (var cert in intermediates)
        {
            chain.ChainPolicy.ExtraStore.Add(cert);
        }

        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.DisableCertificateDownloads = true;
        chain.ChainPolicy.VerificationTime = signingTime.UtcDateTime;
        chain.ChainPolicy.VerificationTimeIgnored = false;

        bool built;
        try
        {
            built = chain.Build(leaf);
        }
        catch (System.Security.Cryptography.CryptographicException ex)
        {
            log.Failure(ValidationCodes.SigningCredentialUntrusted, url, $"signing certificate untrusted: chain could not be built ({ex.Message})");
            return;
        }

        if (built)
        {
            var root = chain.ChainElements[^1].Certificate;
            log.Success(ValidationCodes.SigningCredentialTrusted, url, $"signing certificate trusted, found in user trust anchors ({root.Subject})");
        }
        else
        {
            var why = string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation.Trim()).Where(s => s.Length > 0).Distinct());
            log.Failure(ValidationCodes.SigningCredentialUntrusted, url, $"signing certificate untrusted: {why}");
        }
    }
}
