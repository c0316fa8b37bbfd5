using Microsoft.EntityFrameworkCore;
using Takt.Archive.Ingest;

namespace Takt.Archive.Tests.Ingest;

public sealed class ManifestIngestTests : IAsyncLifetime
{
    private IngestHarness? _harness;

    private IngestHarness Harness => _harness ?? throw new InvalidOperationException("not initialised");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _harness = await IngestHarness.CreateAsync(Ct);

    public async ValueTask DisposeAsync()
    {
        if (_harness is not null)
        {
            await _harness.DisposeAsync();
        }
    }

    [Fact]
    public async Task IngestAsync_MalformedJsonManifest_FailsWholeIngestNamingLineAndPositionAndStoresNothing()
    {
        await File.WriteAllTextAsync(Harness.Input.Combine("show", "takt.json"), "{\n  \"project\": \"show\",\n  \"files\": [ { \"path\": \"a.png\" ,, } ]\n}\n", Ct);
        await File.WriteAllBytesAsync(Harness.Input.Combine("show", "a.png"), TestImages.Png(), Ct);

        var error = await Assert.ThrowsAsync<IngestInputException>(() => Harness.IngestAsync(Path.Combine(Harness.Input.Path, "show"), Ct));

        Assert.Contains("takt.json", error.Message, StringComparison.Ordinal);
        Assert.Contains("line 3, position", error.Message, StringComparison.Ordinal);
        await using var db = Harness.Contexts.Create();
        Assert.Equal(0, await db.Tenants.CountAsync(Ct));
        Assert.Equal(0, await db.AuditEntries.CountAsync(Ct));
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(Harness.Blobs.Root, "sha256"), "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task IngestAsync_YamlManifest_StoresFilesWithTheirRightsAndConsent()
    {
        const string yaml = """
            tenant: yaml-studio
            project: yaml-show
            contributors:
              - id: ann
                name: Ann
            defaults:
              author: ann
              licence: CC-BY-4.0
            files:
              - path: sc01/bg/sky.png
                layer: background
                work: sky
                consent:
                  generative-training: not-allowed
                  reference-use: allowed
            """;
        await File.WriteAllTextAsync(Harness.Input.Combine("yaml", "takt.yaml"), yaml, Ct);
        await File.WriteAllBytesAsync(Harness.Input.Combine("yaml", "sc01", "bg", "sky.png"), TestImages.Png(seed: 11), Ct);

        var report = await Harness.IngestAsync(Path.Combine(Harness.Input.Path, "yaml"), Ct);

        Assert.Empty(report.Failures);
        Assert.Equal(("yaml-studio", "yaml-show", 1), (report.Tenant, report.Project, report.FilesStored));
        await using var db = Harness.Contexts.Create();
        var asset = await db.Assets.SingleAsync(Ct);
        var work = await db.Works.SingleAsync(Ct);
        var grants = await db.ConsentGrants.OrderBy(g => g.Purpose).Select(g => new { g.Purpose, g.State, g.Source }).ToListAsync(Ct);
        Assert.Equal(("background", "sky", "CC-BY-4.0"), (asset.LayerKind, work.Key, work.LicenceId));
        Assert.Equal([new { Purpose = "generative-training", State = "not-allowed", Source = "agreement" }, new { Purpose = "reference-use", State = "allowed", Source = "agreement" }], grants);
        Assert.True((await Harness.VerifyAuditAsync(Ct)).IsIntact);
    }

    [Fact]
    public async Task IngestAsync_SamePixelsReencoded_DifferentSha256SameContentHash()
    {
        using var image = TestImages.Gradient(seed: 5);
        await File.WriteAllBytesAsync(Harness.Input.Combine("same", "fast.png"), image.PngsaveBuffer(compression: 0), Ct);
        await File.WriteAllBytesAsync(Harness.Input.Combine("same", "small.png"), image.PngsaveBuffer(compression: 9), Ct);
        await File.WriteAllBytesAsync(Harness.Input.Combine("same", "lossless.webp"), image.WebpsaveBuffer(lossless: true), Ct);

        var report = await Harness.IngestAsync(Path.Combine(Harness.Input.Path, "same"), Ct);

        Assert.Empty(report.Failures);
        await using var db = Harness.Contexts.Create();
        var assets = await db.Assets.ToListAsync(Ct);
        Assert.Equal(3, assets.Count);
        Assert.Equal(3, assets.Select(a => a.Sha256).Distinct(StringComparer.Ordinal).Count());
        Assert.Single(assets.Select(a => a.ContentHash).Distinct(StringComparer.Ordinal));
        Assert.NotNull(assets[0].ContentHash);
        Assert.Contains(assets, a => a.MediaType == "image/webp");
    }
    [Fact]
    public async Task IngestAsync_EveryFileRejected_RecordsTheTargetsWithAnIntactAudit()
    {
        const string json = """
            { "tenant": "t", "project": "p", "contributors": [{ "id": "ann", "name": "Ann", "email": "ann@example.com" }],
              "tenantName": "Studio \u2014 T", "projectTitle": "P \u2014 title",
              "files": [{ "path": "a.png", "rightsHolders": ["nobody"] }] }
            """;
        await File.WriteAllTextAsync(Harness.Input.Combine("none", "takt.json"), json, Ct);
        await File.WriteAllBytesAsync(Harness.Input.Combine("none", "a.png"), TestImages.Png(), Ct);

        var report = await Harness.IngestAsync(Path.Combine(Harness.Input.Path, "none"), Ct);
        var verification = await Harness.VerifyAuditAsync(Ct);

        Assert.Contains("rights holder 'nobody'", Assert.Single(report.Failures).Problem, StringComparison.Ordinal);
        Assert.True(verification.IsIntact, string.Join("; ", verification.Problems));
        Assert.Equal(3, verification.Entries);
    }
}
