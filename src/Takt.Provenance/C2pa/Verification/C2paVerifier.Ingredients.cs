using System.Security.Cryptography;
using Takt.Provenance.C2pa.Reading;

namespace Takt.Provenance.C2pa.Verification;

public sealed partial class C2paVerifier
{
    // c2pa-rs allows 200; a real chain is a handful deep, and each level costs a signature check.
    private const int MaxIngredientDepth = 16;

    private static readonly HashSet<string> IngredientLabels = ["c2pa.ingredient", "c2pa.ingredient.v2", "c2pa.ingredient.v3"];

    /// <summary>
    /// c2pa-rs <c>Store::ingredient_checks</c>: each ingredient that points at a manifest in the store
    /// must match it by hash, and that manifest is validated in turn. What it finds goes into an
    /// ingredient delta, minus what the ingredient assertion already recorded when it was made
    /// (so an ingredient known to be broken at ingest does not make the new manifest Invalid).
    /// </summary>
    private async Task CheckIngredientsAsync(VerificationRun run, ManifestBox manifest, ParsedClaim claim, List<string> referenced, int depth, CancellationToken cancellationToken)
    {
        if (depth >= MaxIngredientDepth)
        {
            var log = new StatusLog();
            log.Failure(ValidationCodes.GeneralError, JumbfUri.Manifest(manifest.Label), $"ingredient chain deeper than {MaxIngredientDepth}; not followed further");
            AddDelta(run, JumbfUri.Manifest(manifest.Label), log);
            return;
        }

        foreach (var label in referenced.Where(l => IngredientLabels.Contains(JumbfUri.BaseLabel(l))))
        {
            var assertionUrl = JumbfUri.Assertion(manifest.Label, label);
            var log = new StatusLog();
            if (AssertionContent.Tree(run.Store, manifest.Assertion(label)!) is not Dictionary<string, object?> ingredient)
            {
                log.Failure(ValidationCodes.AssertionIngredientMalformed, assertionUrl, "ingredient assertion could not be parsed");
                AddDelta(run, assertionUrl, log);
                continue;
            }

            var manifestRef = HashedUri.From(ingredient.GetValueOrDefault("activeManifest")) ?? HashedUri.From(ingredient.GetValueOrDefault("c2pa_manifest"));
            if (manifestRef is null)
            {
                if (ingredient.Text("relationship") != "inputTo")
                {
                    log.Informational(ValidationCodes.IngredientUnknownProvenance, assertionUrl, $"{ingredient.Text("dc:title") ?? "no title"}: ingredient does not have provenance");
                }

                AddDelta(run, assertionUrl, log);
                continue;
            }

            var ingredientLabel = JumbfUri.ManifestOf(manifestRef.Url);
            if (ingredientLabel is null || run.Store.Find(ingredientLabel) is not { } target)
            {
                log.Failure(ValidationCodes.IngredientManifestMissing, manifestRef.Url, $"ingredient: {ingredientLabel ?? manifestRef.Url} is missing");
                AddDelta(run, assertionUrl, log);
                continue;
            }

            CheckIngredientHash(run.Store, target, manifestRef, log);
            var firstVisit = run.Visited.Add(target.Label);
            await ValidateManifestAsync(run, target, isActive: false, log, depth + 1, walkIngredients: firstVisit, cancellationToken);
            AddDelta(run, assertionUrl, log);
        }
    }

    private static void CheckIngredientHash(ManifestStore store, ManifestBox target, HashedUri reference, StatusLog log)
    {
        var targetClaim = ParsedClaim.Read(store, target, new StatusLog());
        var alg = reference.Alg ?? targetClaim?.Alg ?? "sha256";
        var boxHash = Digest(alg, store.Bytes.AsSpan(target.Box.ContentOffset, target.Box.ContentLength));
        if (boxHash is not null && CryptographicOperations.FixedTimeEquals(boxHash, reference.Hash))
        {
            log.Success(ValidationCodes.IngredientManifestValidated, reference.Url, "ingredient hash matched");
            return;
        }

        // Claims before 1.3 hashed the ingredient's claim, not its manifest box.
        var claimHash = targetClaim is null ? null : Digest(alg, targetClaim.Bytes.Span);
        if (claimHash is null || !CryptographicOperations.FixedTimeEquals(claimHash, reference.Hash))
        {
            log.Failure(ValidationCodes.IngredientManifestMismatch, reference.Url, "ingredient hash incorrect");
        }
    }

    /// <summary>
    /// c2pa-rs <c>ValidationResults::from_store</c>: a status about a manifest other than the active
    /// one is dropped when any ingredient assertion in the store already recorded it (same code
    /// and URL, made absolute against that ingredient's manifest). Deltas left empty disappear.
    /// </summary>
    private static List<C2paIngredientDelta> WithoutRecordedStatuses(ManifestStore store, string activeLabel, List<C2paIngredientDelta> deltas)
    {
        var recorded = new HashSet<(string Code, string? Url)>();
        foreach (var manifest in store.Manifests)
        {
            foreach (var box in manifest.AssertionStore?.Superboxes ?? [])
            {
                if (box.Label is { } label && IngredientLabels.Contains(JumbfUri.BaseLabel(label))
                    && AssertionContent.Tree(store, box) is Dictionary<string, object?> ingredient)
                {
                    var reference = HashedUri.From(ingredient.GetValueOrDefault("activeManifest")) ?? HashedUri.From(ingredient.GetValueOrDefault("c2pa_manifest"));
                    CollectRecorded(ingredient, reference is null ? null : JumbfUri.ManifestOf(reference.Url), recorded);
                }
            }
        }

        bool Keep(ValidationStatus s) => (s.Url is not null && JumbfUri.ManifestOf(s.Url) == activeLabel) || !recorded.Contains((s.Code, s.Url));
        return deltas
            .Select(d => d with { Success = [.. d.Success.Where(Keep)], Informational = [.. d.Informational.Where(Keep)], Failure = [.. d.Failure.Where(Keep)] })
            .Where(d => d.Success.Count + d.Informational.Count + d.Failure.Count > 0)
            .ToList();
    }

    private static void CollectRecorded(Dictionary<string, object?> ingredient, string? ingredientLabel, HashSet<(string Code, string? Url)> recorded)
    {
        void Collect(object? list)
        {
            if (list is not List<object?> items)
            {
                return;
            }

            foreach (var item in items.OfType<Dictionary<string, object?>>())
            {
                if (item.Text("code") is { } code)
                {
                    var url = item.Text("url");
                    recorded.Add((code, url is null || ingredientLabel is null ? url : JumbfUri.Absolute(ingredientLabel, url)));
                }
            }
        }

        Collect(ingredient.GetValueOrDefault("validationStatus"));
        if (ingredient.Map("validationResults") is { } results)
        {
            if (results.Map("activeManifest") is { } activeCodes)
            {
                Collect(activeCodes.GetValueOrDefault("success"));
                Collect(activeCodes.GetValueOrDefault("informational"));
                Collect(activeCodes.GetValueOrDefault("failure"));
            }

            foreach (var delta in results.List("ingredientDeltas")?.OfType<Dictionary<string, object?>>() ?? [])
            {
                if (delta.Map("validationDeltas") is { } codes)
                {
                    Collect(codes.GetValueOrDefault("success"));
                    Collect(codes.GetValueOrDefault("informational"));
                    Collect(codes.GetValueOrDefault("failure"));
                }
            }
        }
    }

    private static void AddDelta(VerificationRun run, string assertionUrl, StatusLog log)
    {
        var fresh = log.Statuses;
        if (fresh.Count == 0)
        {
            return;
        }

        run.Deltas.Add(new C2paIngredientDelta(
            assertionUrl,
            fresh.Where(s => s.Kind == ValidationStatusKind.Success).ToList(),
            fresh.Where(s => s.Kind == ValidationStatusKind.Informational).ToList(),
            fresh.Where(s => s.Kind == ValidationStatusKind.Failure).ToList()));
    }
}
