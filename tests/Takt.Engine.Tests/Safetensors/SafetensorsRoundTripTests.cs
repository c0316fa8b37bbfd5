using CsCheck;
using Takt.Engine.Models.Safetensors;
using Takt.TestKit.Files;
using static Takt.Engine.Tests.Safetensors.SafetensorsBytes;

namespace Takt.Engine.Tests.Safetensors;

/// <summary>What the writer produces, the reader accepts and returns unchanged.</summary>
public sealed class SafetensorsRoundTripTests : IDisposable
{
    private static readonly Gen<string> Text = Gen.Char["aZ0_.é日 \"\\/"].Array[0, 8].Select(c => new string(c));

    private static readonly Gen<IReadOnlyList<SafetensorsTensorSpec>> Specs =
        Gen.Select(Gen.Enum<SafetensorsDtype>(), Gen.Long[0, 5].Array[0, 3], Text)
            .Array[0, 6]
            // An index prefix keeps names unique, which the writer requires.
            .Select(IReadOnlyList<SafetensorsTensorSpec> (xs) => [.. xs.Select((x, i) => new SafetensorsTensorSpec($"{i}.{x.Item3}", x.Item1, x.Item2))]);

    private static readonly Gen<IReadOnlyDictionary<string, string>> Metadata =
        Gen.Select(Text, Text).Array[0, 4]
            .Select(IReadOnlyDictionary<string, string> (pairs) => pairs.DistinctBy(p => p.Item1).ToDictionary(p => p.Item1, p => p.Item2, StringComparer.Ordinal));

    private readonly TempFolder _folder = new("takt-safetensors");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task WriteThenOpen_RandomTensorsAndMetadata_RoundTrips()
    {
        await Gen.Select(Specs, Metadata).SampleAsync(async (specs, metadata) =>
        {
            var path = _folder.Combine($"{Guid.NewGuid():N}.safetensors");
            var written = await WriteAsync(path, specs, metadata, Ct);

            using var file = SafetensorsFile.Open(path);

            Assert.Equal(metadata.OrderBy(p => p.Key, StringComparer.Ordinal), file.Metadata.OrderBy(p => p.Key, StringComparer.Ordinal));
            Assert.Equal(specs.Count, file.Tensors.Count);
            Assert.Equal(0, file.DataOffset % 8);
            foreach (var spec in specs)
            {
                var tensor = file[spec.Name];
                Assert.Equal(spec.Dtype, tensor.Dtype);
                Assert.Equal(spec.Shape, tensor.Shape);
                Assert.Equal(0, tensor.Offset % spec.Dtype.SizeInBytes());
                Assert.Equal(written[spec.Name], file.GetSpan(tensor).ToArray());
            }
        }, iter: 150, threads: 1);
    }

    [Fact]
    public async Task Write_SameInputInAnyOrder_IdenticalBytes()
    {
        await Gen.Select(Specs, Metadata).SampleAsync(async (specs, metadata) =>
        {
            var first = _folder.Combine($"{Guid.NewGuid():N}.safetensors");
            var second = _folder.Combine($"{Guid.NewGuid():N}.safetensors");
            var reversedMetadata = metadata.Reverse().ToDictionary(StringComparer.Ordinal);

            await WriteAsync(first, specs, metadata, Ct);
            await WriteAsync(second, [.. specs.Reverse()], reversedMetadata, Ct);

            Assert.Equal(await File.ReadAllBytesAsync(first, Ct), await File.ReadAllBytesAsync(second, Ct));
        }, iter: 50, threads: 1);
    }

    [Fact]
    public async Task DataHashAsync_MetadataChanged_HashUnchanged()
    {
        SafetensorsTensorSpec[] specs = [new("w", SafetensorsDtype.F16, [3, 5]), new("b", SafetensorsDtype.F32, [5])];
        var plain = _folder.Combine("plain.safetensors");
        var annotated = _folder.Combine("annotated.safetensors");
        await WriteAsync(plain, specs, null, Ct);
        await WriteAsync(annotated, specs, new Dictionary<string, string> { ["ss_network_module"] = "networks.lora", ["ss_epoch"] = "12" }, Ct);

        using var a = SafetensorsFile.Open(plain);
        using var b = SafetensorsFile.Open(annotated);

        Assert.NotEqual(a.HeaderLength, b.HeaderLength);
        var hash = await a.DataHashAsync(Ct);
        Assert.Equal(hash, await b.DataHashAsync(Ct));
        var bytes = await File.ReadAllBytesAsync(plain, Ct);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes.AsSpan((int)a.DataOffset))), hash);
    }

    [Fact]
    public async Task DataHashAsync_NoTensors_HashOfNothing()
    {
        var path = _folder.Combine("empty.safetensors");
        await WriteAsync(path, [], new Dictionary<string, string> { ["k"] = "v" }, Ct);

        using var file = SafetensorsFile.Open(path);

        Assert.Empty(file.Tensors);
        Assert.Equal("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", await file.DataHashAsync(Ct));
    }

    [Fact]
    public async Task Write_Layout_SortedByDtypeDescendingThenNameAndHeaderPadded()
    {
        var path = _folder.Combine("layout.safetensors");
        await WriteAsync(path, [new("z", SafetensorsDtype.U8, [3]), new("b", SafetensorsDtype.F32, [1]), new("a", SafetensorsDtype.F32, [1]), new("h", SafetensorsDtype.F16, [1])], null, Ct);

        using var file = SafetensorsFile.Open(path);

        Assert.Equal(["a", "b", "h", "z"], file.Tensors.Select(t => t.Name));
        Assert.Equal(0, file.HeaderLength % 8);
        var header = System.Text.Encoding.UTF8.GetString((await File.ReadAllBytesAsync(path, Ct)).AsSpan(8, (int)file.HeaderLength));
        Assert.StartsWith("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}", header, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CopyTo_InChunks_ReassemblesTensor()
    {
        var path = _folder.Combine("chunks.safetensors");
        var written = await WriteAsync(path, [new("w", SafetensorsDtype.BF16, [100])], null, Ct);

        using var file = SafetensorsFile.Open(path);
        var tensor = file["w"];
        var copy = new byte[tensor.Length];
        long at = 0;
        while (at < tensor.Length)
        {
            at += file.CopyTo(tensor, at, copy.AsSpan((int)at, (int)Math.Min(64, tensor.Length - at)));
        }

        Assert.Equal(written["w"], copy);
    }

    [Fact]
    public async Task Open_TruncatedFile_Refused()
    {
        var path = _folder.Combine("whole.safetensors");
        await WriteAsync(path, [new("w", SafetensorsDtype.F32, [16])], null, Ct);
        var bytes = await File.ReadAllBytesAsync(path, Ct);
        var cutData = _folder.Combine("cut-data.safetensors");
        var cutHeader = _folder.Combine("cut-header.safetensors");
        await File.WriteAllBytesAsync(cutData, bytes[..^1], Ct);
        await File.WriteAllBytesAsync(cutHeader, bytes[..20], Ct);

        Assert.Equal(SafetensorsRule.MetadataIncompleteBuffer, Assert.Throws<SafetensorsFormatException>(() => SafetensorsFile.Open(cutData)).Rule);
        Assert.Equal(SafetensorsRule.InvalidHeaderLength, Assert.Throws<SafetensorsFormatException>(() => SafetensorsFile.Open(cutHeader)).Rule);
    }
}
