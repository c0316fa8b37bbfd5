namespace Takt.Provenance.C2pa.Signing;

/// <summary>
/// How a workspace signs (<c>signing.json</c> in the workspace; every field optional). Without a
/// certificate the workspace's development CA (made by <c>takt init</c>) signs. Production
/// certificates are a PEM chain + key, or a PKCS#12 file whose password is the secret named by
/// <see cref="Pkcs12PasswordSecret"/> (never stored here). <see cref="TimestampUrl"/>, when set,
/// is an RFC 3161 authority every signature is time-stamped by. <see cref="TrainingMining"/> is
/// what outputs say about being trained on (CAWG keys → allowed/notAllowed/constrained), and
/// <see cref="Tenants"/> overrides both per tenant slug.
/// </summary>
public sealed record SigningOptions
{
    public bool Enabled { get; init; } = true;

    /// <summary><c>es256</c> (default) or <c>ed25519</c>: which development signer to use.</summary>
    public string Algorithm { get; init; } = "es256";

    public string? Certificate { get; init; }

    public string? Key { get; init; }

    public string? Pkcs12 { get; init; }

    public string? Pkcs12PasswordSecret { get; init; }

    public string? TimestampUrl { get; init; }

    public Dictionary<string, string> TrainingMining { get; init; } = new(StringComparer.Ordinal)
    {
        ["cawg.ai_generative_training"] = "notAllowed",
        ["cawg.ai_training"] = "notAllowed",
        ["cawg.data_mining"] = "notAllowed",
    };

    public Dictionary<string, TenantSigningOptions> Tenants { get; init; } = new(StringComparer.Ordinal);

    public (bool Enabled, IReadOnlyDictionary<string, string> TrainingMining) For(string? tenant) =>
        tenant is not null && Tenants.TryGetValue(tenant, out var own)
            ? (own.Enabled ?? Enabled, own.TrainingMining ?? TrainingMining)
            : (Enabled, TrainingMining);
}
