using Spectre.Console;
using Takt.Archive.Blobs;
using Takt.Cli.Hosting;
using Takt.Provenance.C2pa.Verification;

namespace Takt.Cli.Commands;

/// <summary>
/// The C2PA record an archived file arrived with. Ingest keeps the file byte for byte, manifest
/// included, and its training-mining entries became consent grants then; here the manifest is
/// read and checked again against the workspace's trust anchors, as it stands today.
/// </summary>
internal static class AssetProvenanceView
{
    public static async Task<C2paReport?> ReadAsync(TaktServices services, string sha256, string mediaType, CancellationToken ct)
    {
        if (mediaType is not ("image/png" or "image/jpeg" or "video/mp4"))
        {
            return null;
        }

        var path = services.Blobs.PathOf(BlobHash.Parse(sha256));
        var report = await VerifyCommand.CheckAsync(path, VerifyCommand.DefaultAnchors(services.Workspace.Root), services.Time, ct);
        // A file that never carried a manifest has no provenance to show, not an invalid one.
        return report.Manifests.Count == 0 && report.Failure.Any(f => f.Code == ValidationCodes.ClaimMissing) ? null : report;
    }

    public static object? Json(C2paReport? report) => report is null ? null : new
    {
        state = report.State.ToString(),
        manifest = report.ActiveManifest,
        manifests = report.Manifests.Select(m => new
        {
            m.Label,
            m.Title,
            claimGenerator = m.ClaimGeneratorName,
            signer = m.Signature?.CommonName,
            issuer = m.Signature?.Issuer,
            ingredients = m.Ingredients.Select(i => new { i.Title, i.Relationship }),
            m.TrainingMining,
        }),
        failures = report.Failure.Select(f => new { f.Code, f.Url }),
    };

    public static void Write(CliOutput cli, C2paReport? report)
    {
        if (report is null)
        {
            cli.Line("[grey]C2PA[/] none (the file came without a manifest)");
            return;
        }

        var active = report.Manifests.FirstOrDefault(m => m.Label == report.ActiveManifest);
        cli.Line($"[grey]C2PA[/] [bold]{report.State}[/]: {Markup.Escape(active?.Title ?? "?")} by {Markup.Escape(active?.ClaimGeneratorName ?? "?")}, signed by {Markup.Escape(active?.Signature?.CommonName ?? "?")} ({report.Manifests.Count} manifest(s))");
        if (active?.TrainingMining is { Count: > 0 } mining)
        {
            cli.Line($"  training and mining: {Markup.Escape(string.Join(", ", mining.Select(m => $"{m.Key}={m.Value}")))}");
        }

        foreach (var failure in report.Failure.Take(5))
        {
            cli.Line($"  [red]{Markup.Escape(failure.Code)}[/] {Markup.Escape(failure.Explanation)}");
        }
    }
}
