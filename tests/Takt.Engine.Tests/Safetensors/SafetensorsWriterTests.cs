using Takt.Engine.Models.Safetensors;
using Takt.TestKit.Files;

namespace Takt.Engine.Tests.Safetensors;

public sealed class SafetensorsWriterTests : IDisposable
{
    private readonly TempFolder _folder = new("takt-safetensors");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task WriteTensorAsync_CancelledMidway_LeavesNoFile()
    {
        var path = Path.Combine(_folder.Path, "model.safetensors");
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var writer = await SafetensorsWriter.CreateAsync(path, [new("a", SafetensorsDtype.F32, [4]), new("b", SafetensorsDtype.F32, [1 << 20])], null, cancel.Token);
        await using (writer)
        {
            await writer.WriteTensorAsync("a", new byte[16], cancel.Token);
            Assert.NotEmpty(Directory.EnumerateFileSystemEntries(_folder.Path));
            var source = new CancellingStream(new byte[4 << 20], cancel, afterBytes: 1 << 20);

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => writer.WriteTensorAsync("b", source, cancel.Token));
            await Assert.ThrowsAsync<InvalidOperationException>(() => writer.CommitAsync(Ct));
        }

        Assert.Empty(Directory.EnumerateFileSystemEntries(_folder.Path));
    }

    [Fact]
    public async Task DisposeAsync_WithoutCommit_LeavesNoFile()
    {
        var path = Path.Combine(_folder.Path, "model.safetensors");
        await using (var writer = await SafetensorsWriter.CreateAsync(path, [new("a", SafetensorsDtype.U8, [2])], null, Ct))
        {
            await writer.WriteTensorAsync("a", new byte[2], Ct);
        }

        Assert.Empty(Directory.EnumerateFileSystemEntries(_folder.Path));
    }

    [Fact]
    public async Task CommitAsync_BeforeLastTensor_RefusedAndNoFile()
    {
        var path = Path.Combine(_folder.Path, "model.safetensors");
        await using (var writer = await SafetensorsWriter.CreateAsync(path, [new("a", SafetensorsDtype.U8, [2]), new("b", SafetensorsDtype.U8, [2])], null, Ct))
        {
            await writer.WriteTensorAsync("a", new byte[2], Ct);
            Assert.False(File.Exists(path));

            var error = await Assert.ThrowsAsync<InvalidOperationException>(() => writer.CommitAsync(Ct));
            Assert.Contains("'b'", error.Message, StringComparison.Ordinal);
        }

        Assert.False(File.Exists(path));
    }

    [Fact]
    public async Task RewriteMetadataAsync_SameLength_FileAsIfWrittenWithIt()
    {
        var path = Path.Combine(_folder.Path, "model.safetensors");
        var direct = Path.Combine(_folder.Path, "direct.safetensors");
        SafetensorsTensorSpec[] specs = [new("a", SafetensorsDtype.U8, [3]), new("b", SafetensorsDtype.F16, [2])];
        var final = new Dictionary<string, string>(StringComparer.Ordinal) { ["hash"] = "abcd", ["note"] = "x" };
        await using (var writer = await SafetensorsWriter.CreateAsync(path, specs, new Dictionary<string, string>(StringComparer.Ordinal) { ["hash"] = "0000", ["note"] = "x" }, Ct))
        {
            await writer.WriteTensorAsync("b", new byte[] { 1, 2, 3, 4 }, Ct);
            await writer.RewriteMetadataAsync(final, Ct);
            await writer.WriteTensorAsync("a", new byte[] { 5, 6, 7 }, Ct);
            await writer.CommitAsync(Ct);
        }

        await using (var writer = await SafetensorsWriter.CreateAsync(direct, specs, final, Ct))
        {
            await writer.WriteTensorAsync("b", new byte[] { 1, 2, 3, 4 }, Ct);
            await writer.WriteTensorAsync("a", new byte[] { 5, 6, 7 }, Ct);
            await writer.CommitAsync(Ct);
        }

        Assert.Equal(await File.ReadAllBytesAsync(direct, Ct), await File.ReadAllBytesAsync(path, Ct));
    }

    [Fact]
    public async Task RewriteMetadataAsync_LengthChanges_Refused()
    {
        var path = Path.Combine(_folder.Path, "model.safetensors");
        await using var writer = await SafetensorsWriter.CreateAsync(
            path, [new("a", SafetensorsDtype.U8, [1])], new Dictionary<string, string>(StringComparer.Ordinal) { ["hash"] = "0" }, Ct);

        var longer = new Dictionary<string, string>(StringComparer.Ordinal) { ["hash"] = new string('f', 64) };
        await Assert.ThrowsAsync<ArgumentException>(() => writer.RewriteMetadataAsync(longer, Ct));
    }

    [Fact]
    public async Task WriteTensorAsync_WrongByteCount_Refused()
    {
        var path = Path.Combine(_folder.Path, "model.safetensors");
        await using var writer = await SafetensorsWriter.CreateAsync(path, [new("a", SafetensorsDtype.F16, [3])], null, Ct);

        var error = await Assert.ThrowsAsync<ArgumentException>(() => writer.WriteTensorAsync("a", new byte[5], Ct));

        Assert.Contains("needs 6 bytes, got 5", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteTensorAsync_OutOfOrder_Refused()
    {
        var path = Path.Combine(_folder.Path, "model.safetensors");
        await using var writer = await SafetensorsWriter.CreateAsync(path, [new("a", SafetensorsDtype.F32, [1]), new("b", SafetensorsDtype.F32, [1])], null, Ct);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => writer.WriteTensorAsync("b", new byte[4], Ct));

        Assert.Contains("'a' comes next", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteTensorAsync_ShortStream_Refused()
    {
        var path = Path.Combine(_folder.Path, "model.safetensors");
        await using var writer = await SafetensorsWriter.CreateAsync(path, [new("a", SafetensorsDtype.F32, [4])], null, Ct);

        await Assert.ThrowsAsync<EndOfStreamException>(() => writer.WriteTensorAsync("a", new MemoryStream(new byte[15]), Ct));
    }

    [Theory]
    [InlineData("__metadata__")]
    [InlineData("dup")]
    public async Task CreateAsync_ReservedOrDuplicateName_Refused(string name)
    {
        var path = Path.Combine(_folder.Path, "model.safetensors");
        SafetensorsTensorSpec[] specs = name == "dup"
            ? [new("dup", SafetensorsDtype.U8, [1]), new("dup", SafetensorsDtype.U8, [1])]
            : [new(name, SafetensorsDtype.U8, [1])];

        var error = await Assert.ThrowsAsync<ArgumentException>(() => SafetensorsWriter.CreateAsync(path, specs, null, Ct));

        Assert.Contains(name, error.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_folder.Path));
    }

    [Fact]
    public async Task CommitAsync_ExistingFile_ReplacedWhole()
    {
        var path = Path.Combine(_folder.Path, "model.safetensors");
        await SafetensorsBytes.WriteAsync(path, [new("old", SafetensorsDtype.U8, [1])], null, Ct);

        await SafetensorsBytes.WriteAsync(path, [new("new", SafetensorsDtype.U8, [1])], null, Ct);

        using var file = SafetensorsFile.Open(path);
        Assert.Equal("new", Assert.Single(file.Tensors).Name);
        Assert.Single(Directory.EnumerateFileSystemEntries(_folder.Path));
    }

    /// <summary>Cancels its token once a given number of bytes has been read: a cancellation arriving mid-tensor.</summary>
    private sealed class CancellingStream(byte[] content, CancellationTokenSource cancel, int afterBytes) : MemoryStream(content)
    {
        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (Position >= afterBytes)
            {
                await cancel.CancelAsync();
            }

            return await base.ReadAsync(buffer, cancellationToken);
        }
    }
}
