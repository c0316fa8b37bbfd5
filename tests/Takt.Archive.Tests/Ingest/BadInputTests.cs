using Microsoft.EntityFrameworkCore;

namespace Takt.Archive.Tests.Ingest;

public sealed class BadInputTests(BadInputFixture bad) : IClassFixture<BadInputFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("empty.png", "empty (0 bytes)")]
    [InlineData("truncated.png", "cannot decode")]
    [InlineData("random.png", "unrecognised or unsupported file type")]
    [InlineData("bomb.png", "100000×100000")]
    [InlineData("missing.png", "the file does not exist")]
    [InlineData("../outside.png", "must not climb out")]
    [InlineData("/etc/hostname", "must be relative")]
    [InlineData("odd-kind.png", "unknown layer kind 'sparkles'")]
    [InlineData("odd-licence.png", "is not an SPDX licence id")]
    [InlineData("odd-category.png", "unknown category 'fanfic'")]
    [InlineData("corrupt.ora", "not a usable OpenRaster file")]
    public async Task IngestAsync_BadFile_FailsThatFileByNameAndStoresNothingForIt(string path, string problem)
    {
        var failure = Assert.Single(bad.Report.Failures, f => f.Path == path);

        Assert.Contains(problem, failure.Problem, StringComparison.Ordinal);
        await using var db = bad.Harness.Contexts.Create();
        Assert.False(await db.Assets.AnyAsync(a => a.OriginalPath == path || a.OriginalPath.StartsWith(path + "#"), Ct));
    }

    [Fact]
    public void IngestAsync_Bomb_RefusedByThePixelCapBeforeDecoding()
    {
        // The IDAT holds 64 bytes for 10^10 pixels: decoding would fail differently, so this message proves no decode ran.
        var failure = Assert.Single(bad.Report.Failures, f => f.Path == "bomb.png");

        Assert.Contains("over the limit", failure.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IngestAsync_FileListedTwice_FirstEntryWinsAndSecondIsReported()
    {
        var failure = Assert.Single(bad.Report.Failures, f => f.Path == "good/one.png");
        await using var db = bad.Harness.Contexts.Create();
        var asset = await db.Assets.SingleAsync(a => a.OriginalPath == "good/one.png", Ct);

        Assert.Contains("listed more than once", failure.Problem, StringComparison.Ordinal);
        Assert.Equal("background", asset.LayerKind);
    }

    [Fact]
    public async Task IngestAsync_GoodFilesBesideBadOnes_AreStored()
    {
        await using var db = bad.Harness.Contexts.Create();
        var stored = await db.Assets.Select(a => a.OriginalPath).ToListAsync(Ct);

        Assert.Equal(["good/one.png", "good/two.png", "photo.png", "traversal.ora", "traversal.ora#data/paint.png"], stored.Order(StringComparer.Ordinal));
        Assert.Equal(4, bad.Report.FilesStored);
        Assert.True((await bad.Harness.VerifyAuditAsync(Ct)).IsIntact);
    }

    [Fact]
    public async Task IngestAsync_JpegNamedPng_StoredAsJpegWithAWarning()
    {
        var warning = Assert.Single(bad.Report.Warnings, w => w.Path == "photo.png");
        await using var db = bad.Harness.Contexts.Create();
        var asset = await db.Assets.SingleAsync(a => a.OriginalPath == "photo.png", Ct);

        Assert.Contains("image/jpeg", warning.Problem, StringComparison.Ordinal);
        Assert.Equal("image/jpeg", asset.MediaType);
        Assert.NotNull(asset.ContentHash);
    }

    [Fact]
    public void IngestAsync_OraWithTraversalSrc_SkipsOnlyThatLayerWithAWarning()
    {
        var warning = Assert.Single(bad.Report.Warnings, w => w.Path.StartsWith("traversal.ora#", StringComparison.Ordinal));

        Assert.Equal("traversal.ora#../evil.png", warning.Path);
        Assert.Contains("path traversal", warning.Problem, StringComparison.Ordinal);
        Assert.DoesNotContain(bad.Report.Failures, f => f.Path == "traversal.ora");
    }
}
