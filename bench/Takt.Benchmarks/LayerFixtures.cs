using System.Globalization;
using NetVips;

namespace Takt.Benchmarks;

/// <summary>
/// Writes distinct RGBA layers like a compositing artist's: flat cel shapes over transparency with
/// a little grain, so PNG sizes and decode costs resemble real production layers. Deterministic.
/// </summary>
public static class LayerFixtures
{
    public static async Task<int> WriteAsync(string folder, int count, int side, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(folder);
        NetVips.Cache.Max = 0;
        var done = 0;
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellationToken }, (i, ct) =>
        {
            var path = Path.Combine(folder, string.Create(CultureInfo.InvariantCulture, $"layer_{i:D5}.png"));
            if (!File.Exists(path))
            {
                var temp = path + ".tmp";
                using (var image = Draw(i, side))
                {
                    image.Pngsave(temp, compression: 6, keep: Enums.ForeignKeep.None);
                }

                File.Move(temp, path, overwrite: true);
            }

            if (Interlocked.Increment(ref done) % 100 == 0)
            {
                Console.Error.WriteLine($"gen-layers: {done}/{count}");
            }

            return ValueTask.CompletedTask;
        });
        return 0;
    }

    private static Image Draw(int seed, int side)
    {
        var random = new Random(seed);
        var shapes = new System.Text.StringBuilder();
        for (var s = 0; s < 12; s++)
        {
            var (x, y, r) = (random.Next(side), random.Next(side), random.Next(side / 16, side / 4));
            shapes.Append(CultureInfo.InvariantCulture, $"<ellipse cx='{x}' cy='{y}' rx='{r}' ry='{r * 2 / 3}' fill='#{random.Next(0x1000000):x6}' stroke='#1b1b29' stroke-width='{side / 256}'/>");
        }

        var svg = $"<svg xmlns='http://www.w3.org/2000/svg' width='{side}' height='{side}'>{shapes}</svg>";
        using var cels = Image.SvgloadBuffer(System.Text.Encoding.UTF8.GetBytes(svg));
        using var grain = Image.Gaussnoise(side, side, sigma: 3, mean: 0, seed: seed);
        using var rgb = cels.ExtractBand(0, 3).Cast(Enums.BandFormat.Short);
        using var noisy = (rgb + grain).Cast(Enums.BandFormat.Uchar);
        using var alpha = cels.ExtractBand(3);
        return noisy.Bandjoin(alpha).Copy(interpretation: Enums.Interpretation.Srgb);
    }
}
