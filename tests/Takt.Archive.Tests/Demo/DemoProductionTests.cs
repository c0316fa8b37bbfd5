using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using System.Xml.Linq;
using NetVips;
using Takt.Archive.Demo;
using Takt.Archive.Ingest.Manifests;

namespace Takt.Archive.Tests.Demo;

public sealed class DemoProductionTests(DemoProductionFixture demo) : IClassFixture<DemoProductionFixture>, IDisposable
{
    private readonly string root = demo.Root;
    private readonly string scratch = Path.Combine(Path.GetTempPath(), $"takt-demo-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(scratch))
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    [Fact]
    public async Task WriteAsync_TwoRuns_WriteByteIdenticalTrees()
    {
        var ct = TestContext.Current.CancellationToken;
        var first = demo.Summary;
        var second = await DemoProduction.WriteAsync(scratch, ct);

        var a = Hashes(root);
        var b = Hashes(scratch);
        Assert.Equal(a.Keys, b.Keys);
        foreach (var (path, hash) in a)
        {
            Assert.True(hash == b[path], $"{path} differs between runs");
        }

        Assert.Equal(first.FileCount, a.Count);
        Assert.Equal(first.FileCount, second.FileCount);
        Assert.Equal(first.TotalBytes, second.TotalBytes);
        Assert.InRange(first.TotalBytes, 100_000, 15_000_000);
    }

    [Fact]
    public void WriteAsync_Manifests_DeserialiseAndListOnlyExistingFiles()
    {
        var summary = demo.Summary;

        Assert.Equal(2, summary.Folders.Count);
        var kumo = Read(Path.Combine(root, DemoProduction.KumoFolder));
        var yoru = Read(Path.Combine(root, DemoProduction.YoruFolder));
        Assert.Equal("studio-kumo", kumo.Tenant);
        Assert.Equal("hanabi", kumo.Project);
        Assert.True(kumo.TenantPolicy?.SharedPool);
        Assert.Equal("studio-yoru", yoru.Tenant);
        Assert.False(yoru.TenantPolicy?.SharedPool);
        Assert.Equal(30, yoru.TenantPolicy?.RemovalDeadlineDays);

        foreach (var (folder, manifest) in new[] { (DemoProduction.KumoFolder, kumo), (DemoProduction.YoruFolder, yoru) })
        {
            var contributors = manifest.Contributors.Select(c => c.Id).ToHashSet();
            foreach (var file in manifest.Files)
            {
                Assert.True(File.Exists(Path.Combine(root, folder, file.Path)), $"{folder}/{file.Path} is listed but missing");
                Assert.False(string.IsNullOrEmpty(file.Work));
                Assert.Contains(file.Author!, contributors);
            }
        }

        var revoked = Assert.Single(kumo.Files, f => f.Work == summary.RevokeWorkKey);
        Assert.Equal("chars/hana.ora", revoked.Path);
        Assert.Equal(summary.RevokeContributor, revoked.Author);
        Assert.Equal("commission", Assert.Single(kumo.Files, f => f.Path == "refs/commission_hana_fanart.png").Category);
        var background = kumo.Files.First(f => f.Path == "sc01/bg/festival_far.png");
        Assert.Equal("constrained", background.Consent!["generative-training"].GetProperty("state").GetString());
    }

    [Fact]
    public async Task WriteAsync_Ora_HasStoredMimetypeFirstAndEveryLayer()
    {
        var ora = Path.Combine(root, DemoProduction.KumoFolder, "chars", "hana.ora");

        // The OpenRaster spec requires the mimetype entry first and stored, at a fixed offset.
        var head = new byte[30 + "mimetype".Length + "image/openraster".Length];
        await using (var stream = File.OpenRead(ora))
        {
            await stream.ReadExactlyAsync(head, TestContext.Current.CancellationToken);
        }

        Assert.Equal(0, BitConverter.ToUInt16(head, 8));
        Assert.Equal("mimetypeimage/openraster", System.Text.Encoding.ASCII.GetString(head, 30, head.Length - 30));

        using var zip = ZipFile.OpenRead(ora);
        Assert.Equal("mimetype", zip.Entries[0].FullName);
        var stack = XDocument.Load(zip.GetEntry("stack.xml")!.Open());
        var layers = stack.Descendants("layer").ToList();
        var names = layers.Select(l => (string)l.Attribute("name")!).ToList();
        Assert.Equal(14, names.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(
            ["body", "head", "hair", "eyes-open", "eyes-half", "eyes-closed", "mouth-a", "mouth-i", "mouth-u", "mouth-e", "mouth-o", "mouth-closed", "line-art", "flat-colour"],
            names.OrderBy(Order).ToList());
        foreach (var layer in layers)
        {
            var entry = zip.GetEntry((string)layer.Attribute("src")!);
            Assert.NotNull(entry);
            using var image = Decode(entry);
            Assert.Equal((1024, 1024, 4), (image.Width, image.Height, image.Bands));
        }

        Assert.Single(layers, l => ((string)l.Attribute("name")!).StartsWith("eyes-", StringComparison.Ordinal) && (string)l.Attribute("visibility")! == "visible");
        Assert.Single(layers, l => ((string)l.Attribute("name")!).StartsWith("mouth-", StringComparison.Ordinal) && (string)l.Attribute("visibility")! == "visible");
        Assert.NotNull(stack.Descendants("stack").SingleOrDefault(s => (string?)s.Attribute("name") == "face")?.Elements("stack").SingleOrDefault(s => (string?)s.Attribute("name") == "eyes"));
        using var thumbnail = Decode(zip.GetEntry("Thumbnails/thumbnail.png")!);
        Assert.True(thumbnail.Width <= 256 && thumbnail.Height <= 256);
        using var merged = Decode(zip.GetEntry("mergedimage.png")!);
        Assert.Equal(1024, merged.Width);
    }

    [Theory]
    [InlineData("studio-kumo/sc01/bg/festival_far.png", 1920, 1080, 3)]
    [InlineData("studio-kumo/sc01/bg/festival_near.png", 1920, 1080, 4)]
    [InlineData("studio-kumo/sc02/bg/riverbank_mid.png", 1920, 1080, 4)]
    [InlineData("studio-kumo/sc01/c001/storyboard_01.png", 1600, 900, 3)]
    [InlineData("studio-kumo/sc01/c002/key_01_lineart.png", 1280, 720, 3)]
    [InlineData("studio-kumo/refs/commission_hana_fanart.png", 768, 768, 4)]
    [InlineData("studio-yoru/chars/kage.png", 1024, 1024, 4)]
    [InlineData("studio-yoru/sc01/bg/alley.png", 1920, 1080, 4)]
    public void WriteAsync_Images_DecodeAtExpectedSize(string path, int width, int height, int bands)
    {
        using var image = Image.NewFromFile(Path.Combine(root, path));
        Assert.Equal((width, height), (image.Width, image.Height));
        Assert.InRange(image.Bands, bands == 4 ? 4 : 3, 4);
        Assert.Equal(Enums.BandFormat.Uchar, image.Format);
    }

    [Fact]
    public void WriteAsync_ColourKey_IsSixteenBitOfTheSameDrawingAsTheLineArt()
    {
        using var colour = Image.NewFromFile(Path.Combine(root, "studio-kumo/sc01/c002/key_01_colour.png"));
        using var line = Image.NewFromFile(Path.Combine(root, "studio-kumo/sc01/c002/key_01_lineart.png"));
        Assert.Equal(Enums.BandFormat.Ushort, colour.Format);
        Assert.Equal((line.Width, line.Height), (colour.Width, colour.Height));
    }

    private static int Order(string name) => Array.IndexOf(
        ["body", "head", "hair", "eyes-open", "eyes-half", "eyes-closed", "mouth-a", "mouth-i", "mouth-u", "mouth-e", "mouth-o", "mouth-closed", "line-art", "flat-colour"], name);

    private static Image Decode(ZipArchiveEntry entry)
    {
        using var stream = entry.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return Image.NewFromBuffer(copy.ToArray());
    }

    private static ProductionManifest Read(string folder) =>
        JsonSerializer.Deserialize<ProductionManifest>(File.ReadAllBytes(Path.Combine(folder, ProductionManifest.FileName)), ProductionManifest.JsonOptions)!;

    private static Dictionary<string, string> Hashes(string folder) =>
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(folder, f).Replace('\\', '/'), f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))), StringComparer.Ordinal);
}
