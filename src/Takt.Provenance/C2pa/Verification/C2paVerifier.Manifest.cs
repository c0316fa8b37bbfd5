using System.Security.Cryptography;
using Takt.Provenance.C2pa.Containers;
using Takt.Provenance.C2pa.Reading;

namespace Takt.Provenance.C2pa.Verification;

public sealed partial class C2paVerifier
{
    // c2pa-rs codes not (yet) in ValidationCodes; kept here so the shared list stays the skeleton's.
    private const string AssertionOutsideManifest = "assertion.outsideManifest";
    private const string ManifestUpdateInvalid = "manifest.update.invalid";

    private static readonly HashSet<string> HardBindingLabels =
        ["c2pa.hash.data", "c2pa.hash.bmff", "c2pa.hash.bmff.v2", "c2pa.hash.bmff.v3", "c2pa.hash.boxes"];

    /// <summary>One manifest: claim, signature, assertion hashes, hard binding (active only), ingredients.</summary>
    private async Task ValidateManifestAsync(VerificationRun run, ManifestBox manifest, bool isActive, StatusLog log, int depth, bool walkIngredients, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (ParsedClaim.Read(run.Store, manifest, log) is not { } claim)
        {
            return;
        }

        var signatureUrl = JumbfUri.Signature(manifest.Label);
        if (manifest.Signature is not { } signatureBox || ManifestBox.ContentBox(signatureBox, "cbor") is not { } cose)
        {
            log.Failure(ValidationCodes.ClaimSignatureMissing, signatureUrl, "the manifest has no claim signature");
        }
        else
        {
            var info = await ClaimSignature.VerifyAsync(
                run.Store.Bytes.AsSpan(cose.ContentOffset, cose.ContentLength).ToArray(), claim.Bytes, signatureUrl, run.Trust, _timestamps, time, log, cancellationToken);
            if (info is not null)
            {
                run.Signatures[manifest.Label] = info;
            }
        }

        var referenced = CheckAssertionHashes(run.Store, manifest, claim, log);
        if (isActive)
        {
            await CheckHardBindingAsync(run, manifest, referenced, log, cancellationToken);
        }

        if (walkIngredients)
        {
            await CheckIngredientsAsync(run, manifest, claim, referenced, depth, cancellationToken);
        }
    }

    /// <summary>Checks every hashed URI of the claim; returns the labels that resolved in this manifest.</summary>
    private static List<string> CheckAssertionHashes(ManifestStore store, ManifestBox manifest, ParsedClaim claim, StatusLog log)
    {
        var resolved = new List<string>();
        foreach (var reference in claim.AssertionReferences)
        {
            if (HashedUri.From(reference) is not { } uri)
            {
                log.Failure(ValidationCodes.AssertionMissing, JumbfUri.Manifest(manifest.Label), "the claim lists an assertion reference that is not a hashed URI");
                continue;
            }

            var absolute = JumbfUri.Absolute(manifest.Label, uri.Url);
            if (JumbfUri.ManifestOf(absolute) is not { } owner || JumbfUri.AssertionOf(absolute) is not { } label)
            {
                log.Failure(ValidationCodes.AssertionHashedUriMismatch, uri.Url, $"assertion URI malformed: {uri.Url}");
                continue;
            }

            if (owner != manifest.Label)
            {
                log.Failure(AssertionOutsideManifest, uri.Url, $"assertion reference to external assertion store: {uri.Url}");
                continue;
            }

            if (manifest.Assertion(label) is not { } box)
            {
                log.Failure(ValidationCodes.AssertionMissing, absolute, $"cannot find matching assertion: {uri.Url}");
                continue;
            }

            var alg = uri.Alg ?? claim.Alg ?? "sha256";
            if (Digest(alg, store.Bytes.AsSpan(box.ContentOffset, box.ContentLength)) is not { } digest)
            {
                log.Failure(ValidationCodes.AlgorithmUnsupported, absolute, $"hash algorithm {alg} is not supported");
                continue;
            }

            if (CryptographicOperations.FixedTimeEquals(digest, uri.Hash))
            {
                log.Success(ValidationCodes.AssertionHashedUriMatch, absolute, $"hashed uri matched: {uri.Url}");
                resolved.Add(label);
            }
            else
            {
                log.Failure(ValidationCodes.AssertionHashedUriMismatch, absolute, $"hash does not match assertion data: {uri.Url}");
            }
        }

        return resolved;
    }

    private static async Task CheckHardBindingAsync(VerificationRun run, ManifestBox manifest, List<string> referenced, StatusLog log, CancellationToken cancellationToken)
    {
        var bindings = referenced.Where(l => HardBindingLabels.Contains(JumbfUri.BaseLabel(l))).ToList();
        var url = JumbfUri.Manifest(manifest.Label);
        if (manifest.IsUpdate(run.Store.Bytes))
        {
            // c2pa-rs binds an update manifest through the manifest it updates; that walk is not implemented here.
            if (bindings.Count > 0)
            {
                log.Failure(ManifestUpdateInvalid, url, "an update manifest must not carry a hard binding");
            }

            return;
        }

        if (bindings.Count == 0)
        {
            log.Failure(ValidationCodes.HardBindingsMissing, url, "claim missing data binding");
            return;
        }

        if (bindings.Count > 1)
        {
            log.Failure(ValidationCodes.HardBindingsMultiple, url, $"claim has multiple data bindings: {string.Join(", ", bindings)}");
            return;
        }

        if (run.Binding is not { } binding)
        {
            return;
        }

        var label = bindings[0];
        var assertionUrl = JumbfUri.Assertion(manifest.Label, label);
        if (AssertionContent.Cbor(run.Store, manifest.Assertion(label)!) is not { } cbor)
        {
            log.Failure(ValidationCodes.AssertionCborInvalid, assertionUrl, "the hard-binding assertion holds no CBOR");
            return;
        }

        binding.Asset.Position = 0;
        BindingCheck check;
        try
        {
            check = await binding.Container.VerifyBindingAsync(binding.Asset, JumbfUri.BaseLabel(label), cbor, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The binding assertion is attacker-controlled and the container is not this class's code:
            // whatever it trips over is a failed binding, reported, not a crash of the whole verification.
            log.Failure(ValidationCodes.GeneralError, assertionUrl, $"the hard binding could not be checked: {ex.Message}");
            return;
        }

        // Containers do not know the manifest label; point their statuses at the binding assertion.
        log.AddRange(check.Statuses.Select(s => s.Url is null || !s.Url.StartsWith("self#jumbf=/", StringComparison.Ordinal) ? s with { Url = assertionUrl } : s));
    }

    /// <summary>The digest of <paramref name="data"/> with a C2PA algorithm name, or null when it is not one.</summary>
    internal static byte[]? Digest(string alg, ReadOnlySpan<byte> data) => alg switch
    {
        "sha256" => SHA256.HashData(data),
        "sha384" => SHA384.HashData(data),
        "sha512" => SHA512.HashData(data),
        _ => null,
    };
}
