using Takt.Provenance.C2pa.Containers;
using Takt.Provenance.C2pa.Reading;

namespace Takt.Provenance.C2pa.Verification;

/// <summary>
/// Reads and verifies the C2PA manifest store of an asset: claim, claim signature, certificate
/// profile and trust, assertion hashes, the hard binding of the active manifest, and ingredient
/// manifests, reporting c2pa-rs's status codes. Hostile input yields an Invalid report, never an
/// unhandled exception.
/// </summary>
public sealed partial class C2paVerifier(IReadOnlyList<IAssetContainer> containers, TimeProvider time, ITimestampCheck? timestamps = null)
{
    private const int HeadLength = 32;
    private readonly ITimestampCheck _timestamps = timestamps ?? NoTimestampCheck.Instance;

    /// <summary>Verifies the store embedded in <paramref name="asset"/>, including its hard binding.</summary>
    public async Task<C2paReport> VerifyAsync(Stream asset, C2paTrust trust, CancellationToken cancellationToken = default)
    {
        // Containers seek (store location, then the hash over everything but the store).
        ArgumentNullException.ThrowIfNull(asset);
        if (!asset.CanSeek)
        {
            throw new ArgumentException("the asset stream must be seekable", nameof(asset));
        }

        var head = new byte[HeadLength];
        asset.Position = 0;
        var read = await asset.ReadAtLeastAsync(head, HeadLength, throwOnEndOfStream: false, cancellationToken);
        asset.Position = 0;
        var container = containers.FirstOrDefault(c => c.Recognises(head.AsSpan(0, read)));
        if (container is null)
        {
            return Error(ValidationCodes.GeneralError, "the file is not in a format any C2PA container here reads");
        }

        byte[]? jumbf;
        try
        {
            jumbf = await container.ReadStoreAsync(asset, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // C2paFormatException is the contract, but a container parsing a hostile file may trip
            // over anything; the caller still gets a verdict.
            return Error(ValidationCodes.ManifestInaccessible, $"the {container.MediaType} file's manifest store could not be read: {ex.Message}");
        }

        if (jumbf is null)
        {
            return Error(ValidationCodes.ClaimMissing, $"the {container.MediaType} file holds no C2PA manifest store");
        }

        return await VerifyAsync(jumbf, new AssetBinding(asset, container), trust, cancellationToken);
    }

    /// <summary>Verifies a bare manifest store (raw JUMBF) without an asset: the hard binding is counted but not checked.</summary>
    public Task<C2paReport> VerifyStoreAsync(byte[] jumbf, C2paTrust trust, CancellationToken cancellationToken = default) =>
        VerifyAsync(jumbf, null, trust, cancellationToken);

    private async Task<C2paReport> VerifyAsync(byte[] jumbf, AssetBinding? binding, C2paTrust trust, CancellationToken cancellationToken)
    {
        ManifestStore store;
        try
        {
            store = ManifestStore.Parse(jumbf);
        }
        catch (FormatException ex)
        {
            return Error(ValidationCodes.ClaimMissing, $"the manifest store is malformed: {ex.Message}");
        }

        if (store.Active is not { } active)
        {
            return Error(ValidationCodes.ClaimMissing, "the manifest store holds no manifest");
        }

        var run = new VerificationRun(store, binding, trust);
        var log = new StatusLog();
        try
        {
            run.Visited.Add(active.Label);
            await ValidateManifestAsync(run, active, isActive: true, log, depth: 0, walkIngredients: true, cancellationToken);
        }
        catch (Exception ex) when (ex is FormatException or IOException or C2paFormatException or System.Security.Cryptography.CryptographicException or InvalidOperationException or ArgumentException)
        {
            // A check that tripped over malformed data it could not classify: still a verdict, not a crash.
            log.Failure(ValidationCodes.GeneralError, JumbfUri.Manifest(active.Label), $"verification stopped: {ex.Message}");
        }

        var summaries = store.Manifests.Select(m => ManifestSummaries.Read(store, m, run.Signatures.GetValueOrDefault(m.Label))).ToList();
        return Report(log, WithoutRecordedStatuses(store, active.Label, run.Deltas), active.Label, summaries);
    }

    private static C2paReport Report(StatusLog log, IReadOnlyList<C2paIngredientDelta> deltas, string? active, IReadOnlyList<C2paManifestSummary> manifests)
    {
        var success = log.Statuses.Where(s => s.Kind == ValidationStatusKind.Success).ToList();
        var failure = log.Statuses.Where(s => s.Kind == ValidationStatusKind.Failure).ToList();
        return new C2paReport
        {
            State = StateOf(success, failure, deltas),
            ActiveManifest = active,
            Manifests = manifests,
            Success = success,
            Informational = log.Statuses.Where(s => s.Kind == ValidationStatusKind.Informational).ToList(),
            Failure = failure,
            IngredientDeltas = deltas,
        };
    }

    /// <summary>
    /// c2pa-rs <c>ValidationResults::validation_state</c>: Valid needs a validated, in-validity
    /// signature and no failures but <c>signingCredential.untrusted</c>, in the active manifest or
    /// any ingredient delta; Trusted additionally needs <c>signingCredential.trusted</c> and no failure at all.
    /// </summary>
    private static C2paValidationState StateOf(List<ValidationStatus> success, List<ValidationStatus> failure, IReadOnlyList<C2paIngredientDelta> deltas)
    {
        static bool Tolerated(ValidationStatus s) => s.Code == ValidationCodes.SigningCredentialUntrusted || s.Code.StartsWith("cawg.x509.", StringComparison.Ordinal);
        var valid = success.Any(s => s.Code == ValidationCodes.ClaimSignatureValidated)
            && success.Any(s => s.Code == ValidationCodes.ClaimSignatureInsideValidity)
            && failure.All(Tolerated)
            && deltas.All(d => d.Failure.All(Tolerated));
        var trusted = valid
            && success.Any(s => s.Code == ValidationCodes.SigningCredentialTrusted)
            && failure.Count == 0
            && deltas.All(d => d.Failure.Count == 0);
        return trusted ? C2paValidationState.Trusted : valid ? C2paValidationState.Valid : C2paValidationState.Invalid;
    }

    private static C2paReport Error(string code, string explanation)
    {
        var log = new StatusLog();
        log.Failure(code, null, explanation);
        return Report(log, [], null, []);
    }

    private sealed record AssetBinding(Stream Asset, IAssetContainer Container);

    /// <summary>State shared by one verification: the store, what was visited, the deltas found.</summary>
    private sealed class VerificationRun(ManifestStore store, AssetBinding? binding, C2paTrust trust)
    {
        public ManifestStore Store { get; } = store;

        public AssetBinding? Binding { get; } = binding;

        public C2paTrust Trust { get; } = trust;

        public HashSet<string> Visited { get; } = new(StringComparer.Ordinal);

        public List<C2paIngredientDelta> Deltas { get; } = [];

        public Dictionary<string, C2paSignatureInfo> Signatures { get; } = new(StringComparer.Ordinal);
    }
}
