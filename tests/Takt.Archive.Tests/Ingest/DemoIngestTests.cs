using Microsoft.EntityFrameworkCore;
using Takt.Domain.Archive;

namespace Takt.Archive.Tests.Ingest;

public sealed class DemoIngestTests(DemoIngestFixture demo) : IClassFixture<DemoIngestFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void IngestAsync_Demo_StoresEveryFileWithoutFailures()
    {
        foreach (var report in new[] { demo.KumoReport, demo.YoruReport })
        {
            Assert.Empty(report.Failures);
            Assert.Equal(report.FilesSeen, report.FilesStored);
        }

        Assert.Equal(("studio-kumo", "hanabi"), (demo.KumoReport.Tenant, demo.KumoReport.Project));
        Assert.Equal(DemoIngestFixture.Manifest(demo.Kumo).Files.Count, demo.KumoReport.FilesStored);
        Assert.Equal(3, demo.YoruReport.FilesStored);
    }

    [Fact]
    public async Task IngestAsync_Ora_StoresContainerAndFourteenLayers()
    {
        await using var db = demo.Harness.Contexts.Create();
        var container = await db.Assets.SingleAsync(a => a.OriginalPath == "chars/hana.ora", Ct);
        var layers = await db.Assets.Where(a => a.OriginalPath.StartsWith("chars/hana.ora#")).ToListAsync(Ct);

        Assert.Null(container.ContainerId);
        Assert.Equal("character", container.LayerKind);
        Assert.Equal(14, layers.Count);
        Assert.All(layers, l => Assert.Equal(container.Id, l.ContainerId));
        Assert.All(layers, l => Assert.Equal(container.WorkId, l.WorkId));
        Assert.Contains(layers, l => l.LayerKind == "line-art");
        Assert.Equal(15, demo.KumoReport.AssetsStored - (demo.KumoReport.FilesStored - 1));
    }

    [Fact]
    public async Task IngestAsync_Demo_LayerKindOfEveryFileMatchesItsManifest()
    {
        await using var db = demo.Harness.Contexts.Create();
        foreach (var folder in new[] { demo.Kumo, demo.Yoru })
        {
            var manifest = DemoIngestFixture.Manifest(folder);
            var project = await db.Projects.SingleAsync(p => p.Slug == manifest.Project, Ct);
            foreach (var file in manifest.Files)
            {
                var asset = await db.Assets.SingleAsync(a => a.ProjectId == project.Id && a.OriginalPath == file.Path, Ct);
                Assert.True(LayerKinds.TryParse(file.Layer!, out var kind));
                Assert.Equal(LayerKinds.Name(kind), asset.LayerKind);
            }
        }
    }

    [Fact]
    public async Task IngestAsync_Images_HaveContentHashAndTrueBitDepth()
    {
        await using var db = demo.Harness.Contexts.Create();
        var images = await db.Assets.Where(a => a.MediaType == "image/png").ToListAsync(Ct);
        var deep = await db.Assets.SingleAsync(a => a.OriginalPath == "sc01/c002/key_01_colour.png", Ct);
        var line = await db.Assets.SingleAsync(a => a.OriginalPath == "sc01/c002/key_01_lineart.png", Ct);

        Assert.NotEmpty(images);
        Assert.All(images, a => Assert.Matches("^[0-9a-f]{64}$", a.ContentHash));
        Assert.Equal(16, deep.BitDepth);
        Assert.Equal(8, line.BitDepth);
        Assert.Equal((1280, 720), (deep.Width, deep.Height));
    }

    [Fact]
    public async Task IngestAsync_ManifestConsent_RecordedAsAgreements()
    {
        await using var db = demo.Harness.Contexts.Create();
        foreach (var folder in new[] { demo.Kumo, demo.Yoru })
        {
            var manifest = DemoIngestFixture.Manifest(folder);
            var project = await db.Projects.SingleAsync(p => p.Slug == manifest.Project, Ct);
            foreach (var file in manifest.Files.Where(f => f.Consent is not null).DistinctBy(f => f.Work))
            {
                var work = await db.Works.SingleAsync(w => w.ProjectId == project.Id && w.Key == file.Work, Ct);
                var grants = await db.ConsentGrants.Where(g => g.WorkId == work.Id).ToListAsync(Ct);
                Assert.Equal(file.Consent!.Keys.Order(StringComparer.Ordinal), grants.Select(g => g.Purpose).Order(StringComparer.Ordinal));
                Assert.All(grants, g => Assert.Equal("agreement", g.Source));
            }
        }

        var colour = await db.Works.SingleAsync(w => w.Key == "sc01-c002-key-01-colour", Ct);
        var refused = await db.ConsentGrants.SingleAsync(g => g.WorkId == colour.Id && g.Purpose == "generative-training", Ct);
        Assert.Equal("not-allowed", refused.State);
    }

    [Fact]
    public async Task IngestAsync_Demo_AuditLogIsIntact()
    {
        var verification = await demo.Harness.VerifyAuditAsync(Ct);

        Assert.True(verification.IsIntact, string.Join("; ", verification.Problems));
        Assert.True(verification.Entries > 30);
    }

    [Fact]
    public async Task IngestAsync_SameFoldersAgain_StoresNothingNew()
    {
        var before = await CountsAsync();

        var kumo = await demo.Harness.IngestAsync(demo.Kumo, Ct);
        var yoru = await demo.Harness.IngestAsync(demo.Yoru, Ct);

        foreach (var (again, first) in new[] { (kumo, demo.KumoReport), (yoru, demo.YoruReport) })
        {
            Assert.Equal(0, again.AssetsStored);
            Assert.Equal(0, again.FilesStored);
            Assert.Equal(first.FilesSeen, again.FilesUnchanged);
            Assert.Empty(again.Failures);
        }

        Assert.Equal(before, await CountsAsync());
        Assert.True((await demo.Harness.VerifyAuditAsync(Ct)).IsIntact);
    }

    private async Task<(int Assets, int Works, int Grants, int Tenants, int Audit, string? Head)> CountsAsync()
    {
        await using var db = demo.Harness.Contexts.Create();
        var head = await db.AuditEntries.OrderByDescending(e => e.Sequence).Select(e => e.Hash).FirstOrDefaultAsync(Ct);
        return (await db.Assets.CountAsync(Ct), await db.Works.CountAsync(Ct), await db.ConsentGrants.CountAsync(Ct),
            await db.Tenants.CountAsync(Ct), await db.AuditEntries.CountAsync(Ct), head);
    }
}
