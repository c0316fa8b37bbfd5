using System.Globalization;
using System.Text.Json;
using Takt.Engine.Models.Safetensors;

namespace Takt.Benchmarks.Merge;

/// <summary>
/// Writes deterministic F16 safetensors files shaped like the SDXL base UNet (LDM key names under
/// <c>model.diffusion_model.</c>: 320/640/1280 channels, transformer depths 0/2/10, linear
/// proj_in/out, GEGLU feed-forward, 2048-wide cross-attention context, 2816-wide label embedding;
/// about 2.57B parameters, 5.1 GB). <c>--quick</c> divides every width by 6.4 (50/100/200 channels),
/// about 1/41 of the parameters. Files are cached beside a manifest of seed and size and reused.
/// </summary>
public static class SdxlUnetFixtures
{
    private const string Prefix = "model.diffusion_model.";

    /// <summary>The tensor list for channel widths divided by <paramref name="divisor"/> (1 = full SDXL).</summary>
    public static List<SafetensorsTensorSpec> Tensors(double divisor)
    {
        int W(int c) => (int)Math.Round(c / divisor);
        var specs = new List<SafetensorsTensorSpec>();
        void T(string name, params long[] shape) => specs.Add(new SafetensorsTensorSpec(Prefix + name, SafetensorsDtype.F16, shape));
        void Linear(string name, int outF, int inF, bool bias = true)
        {
            T(name + ".weight", outF, inF);
            if (bias)
            {
                T(name + ".bias", outF);
            }
        }

        void Conv(string name, int outC, int inC, int k)
        {
            T(name + ".weight", outC, inC, k, k);
            T(name + ".bias", outC);
        }

        void Norm(string name, int c)
        {
            T(name + ".weight", c);
            T(name + ".bias", c);
        }

        var timeDim = W(1280);
        var context = W(2048);
        void Res(string name, int inC, int outC)
        {
            Norm(name + ".in_layers.0", inC);
            Conv(name + ".in_layers.2", outC, inC, 3);
            Linear(name + ".emb_layers.1", outC, timeDim);
            Norm(name + ".out_layers.0", outC);
            Conv(name + ".out_layers.3", outC, outC, 3);
            if (inC != outC)
            {
                Conv(name + ".skip_connection", outC, inC, 1);
            }
        }

        void Transformer(string name, int c, int depth)
        {
            Norm(name + ".norm", c);
            Linear(name + ".proj_in", c, c);
            for (var d = 0; d < depth; d++)
            {
                var b = $"{name}.transformer_blocks.{d}";
                foreach (var attn in new[] { "attn1", "attn2" })
                {
                    var kv = attn == "attn1" ? c : context;
                    Linear($"{b}.{attn}.to_q", c, c, bias: false);
                    Linear($"{b}.{attn}.to_k", c, kv, bias: false);
                    Linear($"{b}.{attn}.to_v", c, kv, bias: false);
                    Linear($"{b}.{attn}.to_out.0", c, c);
                }

                Linear($"{b}.ff.net.0.proj", c * 8, c);
                Linear($"{b}.ff.net.2", c, c * 4);
                Norm($"{b}.norm1", c);
                Norm($"{b}.norm2", c);
                Norm($"{b}.norm3", c);
            }

            Linear(name + ".proj_out", c, c);
        }

        int c1 = W(320), c2 = W(640), c3 = W(1280);
        Linear("time_embed.0", timeDim, c1);
        Linear("time_embed.2", timeDim, timeDim);
        Linear("label_emb.0.0", timeDim, W(2816));
        Linear("label_emb.0.2", timeDim, timeDim);
        Conv("input_blocks.0.0", c1, 4, 3);
        Res("input_blocks.1.0", c1, c1);
        Res("input_blocks.2.0", c1, c1);
        Conv("input_blocks.3.0.op", c1, c1, 3);
        Res("input_blocks.4.0", c1, c2);
        Transformer("input_blocks.4.1", c2, 2);
        Res("input_blocks.5.0", c2, c2);
        Transformer("input_blocks.5.1", c2, 2);
        Conv("input_blocks.6.0.op", c2, c2, 3);
        Res("input_blocks.7.0", c2, c3);
        Transformer("input_blocks.7.1", c3, 10);
        Res("input_blocks.8.0", c3, c3);
        Transformer("input_blocks.8.1", c3, 10);
        Res("middle_block.0", c3, c3);
        Transformer("middle_block.1", c3, 10);
        Res("middle_block.2", c3, c3);
        int[] skips = [c1, c1, c1, c1, c2, c2, c2, c3, c3];
        var skip = skips.Length;
        var ch = c3;
        var outBlock = 0;
        foreach (var (level, depth) in new[] { (c3, 10), (c2, 2), (c1, 0) })
        {
            for (var i = 0; i < 3; i++, outBlock++)
            {
                var name = $"output_blocks.{outBlock}";
                Res(name + ".0", ch + skips[--skip], level);
                ch = level;
                var next = 1;
                if (depth > 0)
                {
                    Transformer($"{name}.{next++}", level, depth);
                }

                if (i == 2 && level != c1)
                {
                    Conv($"{name}.{next}.conv", level, level, 3);
                }
            }
        }

        Norm("out.0", c1);
        Conv("out.2", 4, c1, 3);
        return specs;
    }

    /// <summary>
    /// <c>gen-merge &lt;folder&gt; &lt;full|quick&gt; [seed] [count]</c>: writes model-a/b/c.safetensors
    /// unless the folder's manifest already records the same seed, size and files.
    /// </summary>
    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length < 2 || args[1] is not ("full" or "quick"))
        {
            await Console.Error.WriteLineAsync("usage: gen-merge <folder> <full|quick> [seed] [count]");
            return 2;
        }

        var folder = Path.GetFullPath(args[0]);
        var size = args[1];
        var seed = args.Length > 2 ? ulong.Parse(args[2], CultureInfo.InvariantCulture) : 20261123UL;
        var count = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 3;
        var specs = Tensors(size == "quick" ? 6.4 : 1);
        var parameters = specs.Sum(s => s.Shape.Aggregate(1L, (a, b) => a * b));
        var names = Enumerable.Range(0, count).Select(i => $"model-{(char)('a' + i)}.safetensors").ToList();
        Directory.CreateDirectory(folder);
        var manifestPath = Path.Combine(folder, "manifest.json");
        var manifest = new Manifest(1, seed, size, specs.Count, parameters, names);
        if (File.Exists(manifestPath)
            && JsonSerializer.Deserialize<Manifest>(await File.ReadAllTextAsync(manifestPath)) is { } old
            && (old.Version, old.Seed, old.Size, old.Tensors, old.Parameters) == (manifest.Version, manifest.Seed, manifest.Size, manifest.Tensors, manifest.Parameters)
            && old.Files.SequenceEqual(names)
            && names.All(n => File.Exists(Path.Combine(folder, n))))
        {
            await Console.Error.WriteLineAsync($"gen-merge: reusing {count} cached {size} inputs in {folder}");
            Console.WriteLine(parameters);
            return 0;
        }

        File.Delete(manifestPath);
        var table = NormalTable();
        for (var m = 0; m < count; m++)
        {
            await Console.Error.WriteLineAsync($"gen-merge: writing {names[m]} ({specs.Count} tensors, {parameters:N0} parameters)");
            await using var writer = await SafetensorsWriter.CreateAsync(Path.Combine(folder, names[m]), specs);
            var buffer = Array.Empty<byte>();
            foreach (var tensor in writer.Tensors)
            {
                if (buffer.Length < tensor.Length)
                {
                    buffer = new byte[tensor.Length];
                }

                Fill(buffer.AsSpan(0, (int)tensor.Length), table, Mix(seed, (ulong)m, tensor.Name));
                await writer.WriteTensorAsync(tensor.Name, buffer.AsMemory(0, (int)tensor.Length));
            }

            await writer.CommitAsync();
        }

        await File.WriteAllTextAsync(manifestPath, JsonSerializer.Serialize(manifest));
        Console.WriteLine(parameters);
        return 0;
    }

    /// <summary>65,536 F16 bit patterns of N(0, 0.02), by inverse CDF at the bucket midpoints: one lookup per value.</summary>
    private static ushort[] NormalTable()
    {
        var table = new ushort[65536];
        for (var i = 0; i < table.Length; i++)
        {
            var p = (i + 0.5) / table.Length;
            table[i] = BitConverter.HalfToUInt16Bits((Half)(0.02 * InverseNormal(p)));
        }

        return table;
    }

    private static void Fill(Span<byte> bytes, ushort[] table, ulong state)
    {
        var values = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, ushort>(bytes);
        var i = 0;
        for (; i + 4 <= values.Length; i += 4)
        {
            var r = SplitMix(ref state);
            values[i] = table[(ushort)r];
            values[i + 1] = table[(ushort)(r >> 16)];
            values[i + 2] = table[(ushort)(r >> 32)];
            values[i + 3] = table[(ushort)(r >> 48)];
        }

        for (; i < values.Length; i++)
        {
            values[i] = table[(ushort)SplitMix(ref state)];
        }
    }

    private static ulong SplitMix(ref ulong state)
    {
        var z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private static ulong Mix(ulong seed, ulong model, string name)
    {
        var h = 1469598103934665603UL ^ seed ^ (model * 0x9E3779B97F4A7C15UL);
        foreach (var ch in name)
        {
            h = (h ^ ch) * 1099511628211UL;
        }

        return h;
    }

    /// <summary>Acklam's rational approximation of the standard normal quantile (relative error 1e-9).</summary>
    private static double InverseNormal(double p)
    {
        double[] a = [-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00];
        double[] b = [-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01, -1.328068155288572e+01];
        double[] c = [-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00];
        double[] d = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00];
        const double low = 0.02425;
        if (p < low)
        {
            var q = Math.Sqrt(-2 * Math.Log(p));
            return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
        }

        if (p > 1 - low)
        {
            var q = Math.Sqrt(-2 * Math.Log(1 - p));
            return -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
        }

        var r = p - 0.5;
        var s = r * r;
        return (((((a[0] * s + a[1]) * s + a[2]) * s + a[3]) * s + a[4]) * s + a[5]) * r / (((((b[0] * s + b[1]) * s + b[2]) * s + b[3]) * s + b[4]) * s + 1);
    }

    private sealed record Manifest(int Version, ulong Seed, string Size, int Tensors, long Parameters, IReadOnlyList<string> Files);
}
