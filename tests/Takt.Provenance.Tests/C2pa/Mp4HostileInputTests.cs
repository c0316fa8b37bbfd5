using System.Buffers.Binary;
using Takt.Provenance.C2pa;
using Takt.Provenance.C2pa.Containers;

namespace Takt.Provenance.Tests.C2pa;

/// <summary>Broken and hostile MP4s fail with a C2paFormatException that names the problem, never with a broken output.</summary>
public sealed class Mp4HostileInputTests(Mp4Samples samples) : IClassFixture<Mp4Samples>
{
    private readonly Mp4Container _container = new();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Truncated_file_is_refused()
    {
        var bytes = await File.ReadAllBytesAsync(samples.Plain, Token);
        var error = await EmbedAsync(bytes[..(bytes.Length - 100)]);
        Assert.Contains("past the end", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Truncated_box_header_is_refused()
    {
        var bytes = await File.ReadAllBytesAsync(samples.Plain, Token);
        var error = await EmbedAsync([.. bytes, 0, 0, 0]);
        Assert.Contains("truncated box header", error.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<C2paFormatException>(() => ReadAsync([.. bytes, 0, 0, 0]));
    }

    [Fact]
    public async Task Box_smaller_than_its_header_is_refused()
    {
        var bytes = await File.ReadAllBytesAsync(samples.Plain, Token);
        var second = Mp4Layout.TopLevel(bytes)[1];
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan((int)second.Offset), 4);
        var error = await EmbedAsync(bytes);
        Assert.Contains($"offset {second.Offset}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Absurd_largesize_is_refused()
    {
        var bytes = await File.ReadAllBytesAsync(samples.FastStart, Token);
        var mdat = Mp4Layout.TopLevel(bytes).Single(b => b.Type == "mdat");
        // Turns the first 8 payload bytes into a 64-bit size field claiming 2^62 bytes.
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan((int)mdat.Offset), 1);
        BinaryPrimitives.WriteUInt64BigEndian(bytes.AsSpan((int)mdat.Offset + 8), 1UL << 62);
        var error = await EmbedAsync(bytes);
        Assert.Contains("'mdat'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Size_zero_last_box_runs_to_the_end_and_still_embeds()
    {
        var bytes = await File.ReadAllBytesAsync(samples.FastStart, Token);
        var mdat = Mp4Layout.TopLevel(bytes)[^1];
        Assert.Equal("mdat", mdat.Type);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan((int)mdat.Offset), 0);
        var source = samples.Path("size0.mp4");
        var signed = samples.Path("size0-signed.mp4");
        await File.WriteAllBytesAsync(source, bytes, Token);
        await using (var input = File.OpenRead(source))
        await using (var output = File.Create(signed))
        {
            await _container.EmbedAsync(input, output, new byte[100], Token);
        }

        Assert.Equal(await Mp4Samples.FrameMd5Async(samples.FastStart, Token), await Mp4Samples.FrameMd5Async(signed, Token));
    }

    [Fact]
    public async Task Stco_with_an_absurd_entry_count_is_refused()
    {
        var bytes = await File.ReadAllBytesAsync(samples.Plain, Token);
        var stco = bytes.AsSpan().IndexOf("stco"u8);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(stco + 8), 0x7FFFFFFF);
        var error = await EmbedAsync(bytes);
        Assert.Contains("claims 2147483647 entries", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chunk_offset_into_nowhere_is_refused()
    {
        var bytes = await File.ReadAllBytesAsync(samples.Plain, Token);
        var stco = bytes.AsSpan().IndexOf("stco"u8);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(stco + 12), 0xFFFFFFF0);
        var error = await EmbedAsync(bytes);
        Assert.Contains("chunk offset 0 of stco", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fragmented_file_is_refused_rather_than_written_with_stale_offsets()
    {
        var fragmented = samples.Path("fragmented.mp4");
        await Mp4Samples.RunAsync("ffmpeg", ["-y", "-v", "error", "-i", samples.Plain, "-c", "copy", "-movflags", "+frag_keyframe+empty_moov", fragmented], Token);
        var error = await EmbedAsync(await File.ReadAllBytesAsync(fragmented, Token));
        Assert.Contains("fragmented MP4", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task File_without_ftyp_is_refused()
    {
        byte[] bytes = [0, 0, 0, 16, .. "free"u8, 0, 0, 0, 0, 0, 0, 0, 0];
        var error = await EmbedAsync(bytes);
        Assert.Contains("no ftyp", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verifying_a_broken_file_reports_a_mismatch_instead_of_throwing()
    {
        var bytes = await File.ReadAllBytesAsync(samples.Plain, Token);
        var binding = _container.PlaceholderBinding(10);
        await using var stream = new MemoryStream(bytes[..(bytes.Length - 7)]);
        var check = await _container.VerifyBindingAsync(stream, _container.BindingLabel, binding, Token);
        Assert.False(check.Matched);
        Assert.Contains("past the end", Assert.Single(check.Statuses).Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Many_tiny_boxes_embed_and_verify_in_linear_time()
    {
        // 200,000 alternating free and unknown boxes: quadratic bookkeeping would take minutes here.
        var ftyp = (await File.ReadAllBytesAsync(samples.Plain, Token))[..32];
        var boxes = new byte[200_000 * 8];
        for (var i = 0; i < 200_000; i++)
        {
            BinaryPrimitives.WriteUInt32BigEndian(boxes.AsSpan(i * 8), 8);
            (i % 2 == 0 ? "free"u8 : "abcd"u8).CopyTo(boxes.AsSpan((i * 8) + 4));
        }

        await using var input = new MemoryStream([.. ftyp, .. boxes]);
        await using var output = new MemoryStream();
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var placed = await _container.EmbedAsync(input, output, new byte[64], Token);
        output.Position = 0;
        var binding = _container.Binding(placed, _container.PlaceholderBinding(64).Length);
        Assert.True((await _container.VerifyBindingAsync(output, _container.BindingLabel, binding, Token)).Matched);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), $"took {watch.Elapsed}");
    }

    private async Task<C2paFormatException> EmbedAsync(byte[] source)
    {
        await using var input = new MemoryStream(source);
        await using var output = new MemoryStream();
        return await Assert.ThrowsAsync<C2paFormatException>(() => _container.EmbedAsync(input, output, new byte[64], Token));
    }

    private async Task<byte[]?> ReadAsync(byte[] source)
    {
        await using var input = new MemoryStream(source);
        return await _container.ReadStoreAsync(input, Token);
    }
}
