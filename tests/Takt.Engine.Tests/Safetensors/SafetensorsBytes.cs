using System.Buffers.Binary;
using System.Text;
using Takt.Engine.Models.Safetensors;

namespace Takt.Engine.Tests.Safetensors;

/// <summary>Hand-built files for the negative tests, so each breaks exactly one rule the writer would never break.</summary>
internal static class SafetensorsBytes
{
    public static byte[] Raw(string json, int dataBytes = 0) => Raw(Encoding.UTF8.GetBytes(json), dataBytes);

    public static byte[] Raw(byte[] header, int dataBytes = 0, ulong? declaredLength = null)
    {
        var bytes = new byte[8 + header.Length + dataBytes];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, declaredLength ?? (ulong)header.Length);
        header.CopyTo(bytes, 8);
        for (var i = 0; i < dataBytes; i++)
        {
            bytes[8 + header.Length + i] = (byte)(i * 7 + 1);
        }

        return bytes;
    }

    /// <summary>Writes the specs with data <c>i*31+tensorIndex</c> through the writer and returns the bytes given per tensor name.</summary>
    public static async Task<Dictionary<string, byte[]>> WriteAsync(
        string path, IReadOnlyList<SafetensorsTensorSpec> specs, IReadOnlyDictionary<string, string>? metadata, CancellationToken cancellationToken)
    {
        var data = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        await using var writer = await SafetensorsWriter.CreateAsync(path, specs, metadata, cancellationToken);
        var index = 0;
        foreach (var tensor in writer.Tensors)
        {
            var bytes = new byte[tensor.Length];
            for (var i = 0; i < bytes.Length; i++)
            {
                bytes[i] = (byte)(i * 31 + index);
            }

            await writer.WriteTensorAsync(tensor.Name, bytes, cancellationToken);
            data[tensor.Name] = bytes;
            index++;
        }

        await writer.CommitAsync(cancellationToken);
        return data;
    }
}
