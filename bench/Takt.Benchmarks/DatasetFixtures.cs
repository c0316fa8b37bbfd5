using System.Globalization;
using System.Text;
using System.Text.Json;
using NetVips;
using Takt.Archive.Ingest.Manifests;

namespace Takt.Benchmarks;

/// <summary>
/// Writes the dataset-export benchmark's archive: deterministic RGBA character layers at mixed
/// sizes (even indices "4K", odd "2K", several aspects so several kohya buckets are hit), drawn
/// like cel animation (flat fills with a hard shade step, soft highlights, line art, grain only
/// where there is paint, transparency elsewhere), plus a <c>takt.json</c> that ingests them as one
/// project of CC0 works whose consent allows generative training. Files already present are kept.
/// </summary>
public static class DatasetFixtures
{
    public const string Tenant = "bench-studio";
    public const string Project = "dataset-bench";

    private static readonly (int W, int H)[] FourK = [(3840, 2160), (2160, 3840), (4096, 4096), (4096, 3072), (3072, 4096), (3840, 1608)];
    private static readonly (int W, int H)[] TwoK = [(2048, 1152), (1920, 1080), (2048, 2048), (2048, 1536), (1152, 2048), (2048, 858)];

    public static (int W, int H) Size(int index) => index % 2 == 0 ? FourK[index / 2 % FourK.Length] : TwoK[index / 2 % TwoK.Length];

    public static string FileName(int index) => string.Create(CultureInfo.InvariantCulture, $"ds_{index:D5}.png");

    public static async Task<int> WriteAsync(string folder, int count, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(folder);
        NetVips.Cache.Max = 0;
        var done = 0;
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellationToken }, (i, ct) =>
        {
            var path = Path.Combine(folder, FileName(i));
            if (!File.Exists(path))
            {
                var temp = path + ".tmp";
                var (w, h) = Size(i);
                using (var image = Draw(i, w, h))
                {
                    image.Pngsave(temp, compression: 6, keep: Enums.ForeignKeep.None);
                }

                File.Move(temp, path, overwrite: true);
            }

            if (Interlocked.Increment(ref done) % 100 == 0)
            {
                Console.Error.WriteLine($"gen-dataset: {done}/{count}");
            }

            return ValueTask.CompletedTask;
        });

        var manifest = JsonSerializer.SerializeToUtf8Bytes(Manifest(count), ProductionManifest.JsonOptions);
        var manifestPath = Path.Combine(folder, ProductionManifest.FileName);
        if (!File.Exists(manifestPath) || !File.ReadAllBytes(manifestPath).AsSpan().SequenceEqual(manifest))
        {
            await File.WriteAllBytesAsync(manifestPath, manifest, cancellationToken);
        }

        return 0;
    }

    /// <summary>One tenant, one project; every file its own CC0 work, consent granted for generative training.</summary>
    public static ProductionManifest Manifest(int count)
    {
        var allowed = JsonSerializer.SerializeToElement("allowed");
        return new ProductionManifest
        {
            Tenant = Tenant,
            TenantName = "Bench Studio",
            TenantPolicy = new ManifestTenantPolicy { SharedPool = false },
            Project = Project,
            ProjectTitle = "Dataset export benchmark",
            Contributors =
            [
                new() { Id = "bench-artist", Name = "Bench Artist" },
                new() { Id = Tenant, Name = "Bench Studio" },
            ],
            Defaults = new ManifestRights
            {
                Author = "bench-artist",
                RightsHolders = [Tenant],
                Licence = "CC0-1.0",
                Category = "production",
                SourceTool = "takt-bench",
                Consent = new Dictionary<string, JsonElement>
                {
                    ["generative-training"] = allowed,
                    ["non-generative-training"] = allowed,
                    ["reference-use"] = allowed,
                    ["credits-display"] = allowed,
                },
            },
            Files = Enumerable.Range(0, count).Select(i => new ManifestFile
            {
                Path = FileName(i),
                Scene = string.Create(CultureInfo.InvariantCulture, $"sc{i / 100 + 1:D2}"),
                Cut = string.Create(CultureInfo.InvariantCulture, $"c{i % 100 + 1:D3}"),
                Layer = "character",
                Work = string.Create(CultureInfo.InvariantCulture, $"ds-{i:D5}"),
            }).ToList(),
            IncludeUnlisted = false,
        };
    }

    private static Image Draw(int seed, int width, int height)
    {
        var random = new Random(seed);
        var side = Math.Min(width, height);
        string Colour() => random.Next(0x1000000).ToString("x6", CultureInfo.InvariantCulture);
        var defs = new StringBuilder();
        var body = new StringBuilder();
        var line = Math.Max(2, side / 300);

        // Cel shapes: a flat fill with a hard shadow step, a soft highlight over it, an ink outline.
        for (var s = 0; s < 10; s++)
        {
            var (x, y, r) = (random.Next(width), random.Next(height), random.Next(side / 14, side / 5));
            var ry = r * random.Next(50, 130) / 100;
            var fill = Colour();
            var shade = Darker(fill);
            defs.Append(CultureInfo.InvariantCulture, $"<linearGradient id='c{s}' x1='0' y1='0' x2='0.4' y2='1'><stop offset='0.58' stop-color='#{fill}'/><stop offset='0.6' stop-color='#{shade}'/></linearGradient>");
            defs.Append(CultureInfo.InvariantCulture, $"<radialGradient id='h{s}' cx='0.35' cy='0.3' r='0.45'><stop offset='0' stop-color='#ffffff' stop-opacity='0.55'/><stop offset='1' stop-color='#ffffff' stop-opacity='0'/></radialGradient>");
            body.Append(CultureInfo.InvariantCulture, $"<ellipse cx='{x}' cy='{y}' rx='{r}' ry='{ry}' fill='url(#c{s})' stroke='#1b1b29' stroke-width='{line}'/>");
            body.Append(CultureInfo.InvariantCulture, $"<ellipse cx='{x}' cy='{y}' rx='{r}' ry='{ry}' fill='url(#h{s})'/>");
        }

        // Hair-like spikes: flat polygons with outlines.
        for (var s = 0; s < 4; s++)
        {
            var (x, y) = (random.Next(width), random.Next(height));
            var points = new StringBuilder();
            for (var p = 0; p < 7; p++)
            {
                points.Append(CultureInfo.InvariantCulture, $"{x + random.Next(-side / 6, side / 6)},{y + random.Next(-side / 6, side / 6)} ");
            }

            body.Append(CultureInfo.InvariantCulture, $"<polygon points='{points}' fill='#{Colour()}' stroke='#1b1b29' stroke-width='{line}' stroke-linejoin='round'/>");
        }

        // Line art: curved ink strokes.
        for (var s = 0; s < 24; s++)
        {
            var (x0, y0) = (random.Next(width), random.Next(height));
            var (cx, cy) = (x0 + random.Next(-side / 8, side / 8), y0 + random.Next(-side / 8, side / 8));
            var (x1, y1) = (x0 + random.Next(-side / 6, side / 6), y0 + random.Next(-side / 6, side / 6));
            body.Append(CultureInfo.InvariantCulture, $"<path d='M{x0} {y0} Q{cx} {cy} {x1} {y1}' fill='none' stroke='#241a20' stroke-width='{Math.Max(1, line * random.Next(40, 120) / 100)}' stroke-linecap='round'/>");
        }

        var svg = $"<svg xmlns='http://www.w3.org/2000/svg' width='{width}' height='{height}'><defs>{defs}</defs>{body}</svg>";
        using var cels = Image.SvgloadBuffer(Encoding.UTF8.GetBytes(svg), unlimited: true);
        using var grain = Image.Gaussnoise(width, height, sigma: 2, mean: 0, seed: seed);
        using var rgb = cels.ExtractBand(0, 3);
        using var rgbShort = rgb.Cast(Enums.BandFormat.Short);
        using var noisyShort = rgbShort + grain;
        using var noisy = noisyShort.Cast(Enums.BandFormat.Uchar);
        using var alpha = cels.ExtractBand(3);
        using var painted = alpha > 0;
        // Grain only where there is paint: fully transparent pixels stay as the renderer left them.
        using var mixed = painted.Ifthenelse(noisy, rgb);
        return mixed.Bandjoin(alpha).Copy(interpretation: Enums.Interpretation.Srgb);
    }

    private static string Darker(string hex)
    {
        var v = int.Parse(hex, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        int D(int c) => c * 62 / 100;
        return ((D(v >> 16 & 0xff) << 16) | (D(v >> 8 & 0xff) << 8) | D(v & 0xff)).ToString("x6", CultureInfo.InvariantCulture);
    }
}
