using System.Runtime.InteropServices;
using Takt.Domain.Models;
using Takt.Engine.Models.Safetensors;

namespace Takt.Engine.Tests.Merging;

/// <summary>Small generated models and the element conversions tests check merges against.</summary>
internal static class MergeModels
{
    /// <summary>Writes a model with the float tensors of <paramref name="shapes"/> (values from <paramref name="seed"/>) and an I64 <c>position_ids</c>.</summary>
    public static async Task WriteAsync(string path, SafetensorsDtype dtype, int seed, CancellationToken cancellationToken, IReadOnlyDictionary<string, long[]>? shapes = null, bool withInts = true)
    {
        shapes ??= new Dictionary<string, long[]>(StringComparer.Ordinal)
        {
            ["down.weight"] = [7, 5],
            ["up.weight"] = [3, 11],
            ["norm.bias"] = [13],
            ["scalar"] = [],
        };
        var specs = shapes.Select(s => new SafetensorsTensorSpec(s.Key, dtype, s.Value)).ToList();
        if (withInts)
        {
            specs.Add(new SafetensorsTensorSpec("position_ids", SafetensorsDtype.I64, [1, 6]));
        }

        await using var writer = await SafetensorsWriter.CreateAsync(path, specs, null, cancellationToken);
        var random = new Random(seed);
        foreach (var tensor in writer.Tensors)
        {
            byte[] bytes;
            if (tensor.Dtype == SafetensorsDtype.I64)
            {
                bytes = MemoryMarshal.AsBytes(Enumerable.Range(seed, 6).Select(i => (long)i).ToArray().AsSpan()).ToArray();
            }
            else
            {
                var values = Enumerable.Range(0, (int)(tensor.Length / dtype.SizeInBytes())).Select(_ => (float)((random.NextDouble() * 2) - 1)).ToArray();
                bytes = Narrow(values, dtype);
            }

            await writer.WriteTensorAsync(tensor.Name, bytes, cancellationToken);
        }

        await writer.CommitAsync(cancellationToken);
    }

    public static float[] Widen(SafetensorsFile file, string name)
    {
        var tensor = file[name];
        var bytes = file.GetSpan(tensor).ToArray();
        var result = new float[bytes.Length / tensor.Dtype.SizeInBytes()];
        switch (tensor.Dtype)
        {
            case SafetensorsDtype.F32:
                bytes.CopyTo(MemoryMarshal.AsBytes(result.AsSpan()));
                break;
            case SafetensorsDtype.F16:
                TensorElements.HalfToSingle(MemoryMarshal.Cast<byte, Half>(bytes), result);
                break;
            default:
                TensorElements.BFloat16ToSingle(MemoryMarshal.Cast<byte, ushort>(bytes), result);
                break;
        }

        return result;
    }

    public static byte[] Narrow(float[] values, SafetensorsDtype dtype)
    {
        var bytes = new byte[values.Length * dtype.SizeInBytes()];
        switch (dtype)
        {
            case SafetensorsDtype.F32:
                MemoryMarshal.AsBytes(values.AsSpan()).CopyTo(bytes);
                break;
            case SafetensorsDtype.F16:
                TensorElements.SingleToHalf(values, MemoryMarshal.Cast<byte, Half>(bytes.AsSpan()));
                break;
            default:
                TensorElements.SingleToBFloat16(values, MemoryMarshal.Cast<byte, ushort>(bytes.AsSpan()));
                break;
        }

        return bytes;
    }
}
