using System.Text;
using System.Text.Json;
using CsCheck;
using Takt.Domain.Datasets;

namespace Takt.Domain.Tests.Datasets;

public sealed class DatasetManifestTests
{
    private static readonly Gen<string> Hash = Gen.Char["0123456789abcdef"].Array[64].Select(c => new string(c));

    private static readonly Gen<string> Word = Gen.Char["abz09-_/#é"].Array[1, 8].Select(c => new string(c));

    private static readonly Gen<ManifestSample> Sample =
        Gen.Select(Hash, Gen.Guid, Hash, Gen.Bool, Gen.Guid.Array[0, 3], Hash)
            .Select((sha, asset, source, image, frames, key) => new ManifestSample
            {
                Path = "",
                Sha256 = sha,
                Role = image ? "image" : "conditioning",
                Asset = asset,
                SourceSha256 = source,
                Bucket = image ? "1344x768" : null,
                CaptionSha256 = image ? key : null,
                Decision = image ? "allowed" : "allowed: credit Mei",
                DerivationKey = key,
                Frames = frames.Length == 0 ? null : frames,
            });

    private static readonly Gen<ManifestExclusion> Exclusion =
        Gen.Select(Gen.Guid, Word, Hash, Gen.Select(Word, Word).Array[1, 4])
            .Select((asset, source, sha, reasons) => new ManifestExclusion(asset, source, sha, reasons.Select(r => new ManifestReason(r.Item1, r.Item2)).ToArray()));

    private static readonly Gen<DatasetManifest> Manifest =
        Gen.Select(Sample.Array[0, 6], Exclusion.Array[0, 4], Gen.Select(Hash, Gen.Long[0, 1L << 40]).Array[0, 4], Gen.Select(Word, Word).Array[0, 4], Gen.Int[0, 3])
            .Select((samples, exclusions, files, tools, consent) => new DatasetManifest
            {
                Name = "mei-v1",
                Format = "kohya",
                Recipe = JsonDocument.Parse("""{"name":"mei-v1","target":{"format":"kohya"}}""").RootElement,
                Tools = tools.DistinctBy(t => t.Item1).ToDictionary(t => t.Item1, t => t.Item2),
                ConsentFilterVersion = consent,
                Samples = samples.Select((s, i) => s with { Path = $"4_mei/{i:D3}-{s.Asset:N}.png" }).ToArray(),
                Exclusions = exclusions.Select((e, i) => e with { Source = $"{e.Source}/{i}" }).ToArray(),
                Files = files.Select((f, i) => new ManifestFile($"4_mei/{i:D3}.txt", f.Item1, f.Item2)).ToArray(),
            });

    private static DatasetManifest Shuffled(DatasetManifest m, Random random)
    {
        T[] Shuffle<T>(IEnumerable<T> items)
        {
            var array = items.ToArray();
            random.Shuffle(array);
            return array;
        }

        var tools = new Dictionary<string, string>();
        foreach (var (tool, version) in Shuffle(m.Tools))
        {
            tools[tool] = version;
        }

        return m with
        {
            Tools = tools,
            Samples = Shuffle(m.Samples),
            Exclusions = Shuffle(m.Exclusions.Select(e => e with { Reasons = Shuffle(e.Reasons) })),
            Files = Shuffle(m.Files),
        };
    }

    [Fact]
    public void ToCanonicalBytes_AnyOrderOfSamplesFilesExclusionsReasonsAndTools_GivesTheSameBytes()
    {
        Gen.Select(Manifest, Gen.Int).Sample((manifest, seed) =>
        {
            var shuffled = Shuffled(manifest, new Random(seed));
            Assert.Equal(manifest.ToCanonicalBytes(), shuffled.ToCanonicalBytes());
            Assert.Equal(manifest.VersionId(), shuffled.VersionId());
        });
    }

    [Fact]
    public void Parse_CanonicalBytes_RoundTripsToTheSameVersionId()
    {
        Manifest.Sample(manifest =>
        {
            var bytes = manifest.ToCanonicalBytes();
            var parsed = DatasetManifest.Parse(bytes);
            Assert.Equal(manifest.VersionId(), parsed.VersionId());
            Assert.Equal(bytes, parsed.ToCanonicalBytes());
        });
    }

    [Fact]
    public void VersionId_IsTheSha256OfTheCanonicalBytes_AndChangesWithTheContent()
    {
        Manifest.Sample(manifest =>
        {
            Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(manifest.ToCanonicalBytes())), manifest.VersionId());
            Assert.NotEqual(manifest.VersionId(), (manifest with { ConsentFilterVersion = manifest.ConsentFilterVersion + 1 }).VersionId());
            Assert.NotEqual(manifest.VersionId(), (manifest with { Files = [.. manifest.Files, new ManifestFile("zzz.toml", new string('0', 64), 1)] }).VersionId());
        });
    }

    [Fact]
    public void ToCanonicalBytes_AreIndentedCamelCaseWithLfAndNoNulls()
    {
        var manifest = new DatasetManifest
        {
            Name = "mei-v1",
            Format = "kohya",
            Recipe = JsonDocument.Parse("""{"name":"mei-v1"}""").RootElement,
            Tools = new Dictionary<string, string> { ["libvips"] = "8.18.7" },
            ConsentFilterVersion = 1,
            Samples = [],
            Exclusions = [],
            Files = [new ManifestFile("dataset_config.toml", new string('a', 64), 12)],
        };

        var text = Encoding.UTF8.GetString(manifest.ToCanonicalBytes());

        Assert.StartsWith("{\n  \"schema\": 1,\n  \"name\": \"mei-v1\",", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\r", text, StringComparison.Ordinal);
        Assert.Contains("\"consentFilterVersion\": 1", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("null")]
    [InlineData("[]")]
    [InlineData("{")]
    [InlineData("""{"name":"a"}""")]
    [InlineData("""{"schema":1,"name":"a","format":"kohya","recipe":{},"tools":{},"consentFilterVersion":1,"samples":[],"exclusions":[],"files":[],"extra":1}""")]
    [InlineData("""{"schema":1,"name":null,"format":"kohya","recipe":{},"tools":{},"consentFilterVersion":1,"samples":[],"exclusions":[],"files":[]}""")]
    [InlineData("""{"schema":1,"name":"a","format":"kohya","recipe":{},"tools":{},"consentFilterVersion":1,"samples":null,"exclusions":[],"files":[]}""")]
    [InlineData("""{"schema":1,"name":"a","format":"kohya","recipe":{},"tools":{},"consentFilterVersion":1,"samples":[null],"exclusions":[],"files":[]}""")]
    [InlineData("""{"schema":1,"name":"a","format":"kohya","recipe":{},"tools":{},"consentFilterVersion":1,"samples":[],"exclusions":[null],"files":[]}""")]
    [InlineData("""{"schema":1,"name":"a","format":"kohya","recipe":{},"tools":{},"consentFilterVersion":1,"samples":[],"exclusions":[],"files":[null]}""")]
    [InlineData("""{"schema":1,"name":"a","format":"kohya","recipe":{},"tools":{"x":null},"consentFilterVersion":1,"samples":[],"exclusions":[],"files":[]}""")]
    [InlineData("""{"schema":1,"name":"a","format":"kohya","recipe":{},"tools":{},"consentFilterVersion":1,"samples":[],"exclusions":[{"asset":"00000000-0000-0000-0000-000000000001","source":"a","sourceSha256":"b","reasons":null}],"files":[]}""")]
    [InlineData("""{"schema":1,"name":"a","format":"kohya","recipe":{},"tools":{},"consentFilterVersion":1,"samples":[],"exclusions":[{"asset":"00000000-0000-0000-0000-000000000001","source":"a","sourceSha256":"b","reasons":[null]}],"files":[]}""")]
    [InlineData("""{"schema":1,"name":"a","format":"kohya","recipe":{},"tools":{},"consentFilterVersion":1,"samples":[],"exclusions":[],"files":[{"path":null,"sha256":"a","bytes":1}]}""")]
    [InlineData("""{"schema":2,"name":"a","format":"kohya","recipe":{},"tools":{},"consentFilterVersion":1,"samples":[],"exclusions":[],"files":[]}""")]
    [InlineData("""{"schema":1,"name":"a","format":"kohya","recipe":{},"tools":{},"consentFilterVersion":"1","samples":[],"exclusions":[],"files":[]}""")]
    public void Parse_Malformed_IsADatasetRecipeException(string json)
    {
        Assert.Throws<DatasetRecipeException>(() => DatasetManifest.Parse(Encoding.UTF8.GetBytes(json)));
    }

    [Fact]
    public void Parse_InvalidUtf8_IsADatasetRecipeException()
    {
        Assert.Throws<DatasetRecipeException>(() => DatasetManifest.Parse([0x7B, 0xFF, 0xFE, 0x7D]));
    }

    [Fact]
    public void Parse_MalformedManifest_ThrowsNothingElse()
    {
        Gen.Select(Manifest, Gen.Int[0, 2000], Gen.Byte).Sample((manifest, at, value) =>
        {
            var bytes = manifest.ToCanonicalBytes();
            bytes[at % bytes.Length] = value;
            try
            {
                DatasetManifest.Parse(bytes).ToCanonicalBytes();
            }
            catch (DatasetRecipeException)
            {
            }
        });
    }
}
