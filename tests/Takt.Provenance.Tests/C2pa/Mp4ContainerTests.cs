using System.Buffers.Binary;
using System.Text;
using Takt.Provenance.C2pa.Containers;
using Takt.Provenance.C2pa.Verification;

namespace Takt.Provenance.Tests.C2pa;

public sealed class Mp4ContainerTests(Mp4Samples samples) : IClassFixture<Mp4Samples>
{
    private readonly Mp4Container _container = new();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public static TheoryData<string> Variants => ["plain", "faststart", "audio"];

    [Theory]
    [MemberData(nameof(Variants))]
    public async Task Embedded_store_reads_back_and_sits_right_after_ftyp(string variant)
    {
        var store = Store(5000, 1);
        var signed = samples.Path($"{variant}-roundtrip.mp4");
        var placed = await EmbedAsync(samples[variant], signed, store);

        await using var file = File.OpenRead(signed);
        Assert.Equal(store, await _container.ReadStoreAsync(file, Token));
        var boxes = Mp4Layout.TopLevel(await File.ReadAllBytesAsync(signed, Token));
        Assert.Equal("ftyp", boxes[0].Type);
        Assert.Equal("uuid", boxes[1].Type);
        Assert.Equal(boxes[1].Offset, placed.StoreOffset);
        Assert.Equal(new FileInfo(samples[variant]).Length + 45 + store.Length, new FileInfo(signed).Length);
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public async Task Signed_file_decodes_every_frame_identically(string variant)
    {
        var signed = samples.Path($"{variant}-decode.mp4");
        await EmbedAsync(samples[variant], signed, Store(70_000, 2));

        var original = await Mp4Samples.FrameMd5Async(samples[variant], Token);
        var after = await Mp4Samples.FrameMd5Async(signed, Token);
        Assert.Contains("0,", original, StringComparison.Ordinal);
        Assert.Equal(original, after);
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public async Task Hash_written_while_embedding_is_the_hash_the_verifier_recomputes(string variant)
    {
        var store = Store(3000, 3);
        var signed = samples.Path($"{variant}-verify.mp4");
        var placed = await EmbedAsync(samples[variant], signed, store);

        var check = await VerifyAsync(signed, Binding(placed, store.Length));
        var status = Assert.Single(check.Statuses);
        Assert.Equal(ValidationCodes.AssertionBmffHashMatch, status.Code);
        Assert.Equal(ValidationStatusKind.Success, status.Kind);
    }

    [Fact]
    public async Task Placeholder_and_final_binding_have_the_same_length()
    {
        var store = Store(1234, 4);
        var placed = await EmbedAsync(samples.Plain, samples.Path("binding.mp4"), store);
        var placeholder = _container.PlaceholderBinding(store.Length);
        var final = _container.Binding(placed, placeholder.Length);

        Assert.Equal(placeholder.Length, final.Length);
        Assert.NotEqual(placeholder, final);
        Assert.Throws<ArgumentException>(() => _container.Binding(placed, placeholder.Length + 1));
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public async Task One_byte_flipped_in_mdat_is_a_mismatch(string variant)
    {
        var store = Store(2000, 5);
        var signed = samples.Path($"{variant}-flip.mp4");
        var placed = await EmbedAsync(samples[variant], signed, store);
        var bytes = await File.ReadAllBytesAsync(signed, Token);
        var mdat = Mp4Layout.TopLevel(bytes).Single(b => b.Type == "mdat");
        bytes[mdat.Offset + (mdat.Size / 2)] ^= 0x01;
        await File.WriteAllBytesAsync(signed, bytes, Token);

        var check = await VerifyAsync(signed, Binding(placed, store.Length));
        Assert.False(check.Matched);
        Assert.Equal(ValidationCodes.AssertionBmffHashMismatch, Assert.Single(check.Statuses).Code);
    }

    [Fact]
    public async Task Moving_a_box_is_a_mismatch_because_v3_hashes_box_offsets()
    {
        // A free box inserted before mdat is itself excluded, so only the offset hashing can catch it.
        var store = Store(2000, 6);
        var signed = samples.Path("moved.mp4");
        var placed = await EmbedAsync(samples.FastStart, signed, store);
        var bytes = await File.ReadAllBytesAsync(signed, Token);
        var mdat = Mp4Layout.TopLevel(bytes).Single(b => b.Type == "mdat");
        byte[] free = [0, 0, 0, 8, .. "free"u8];
        await File.WriteAllBytesAsync(signed, [.. bytes.AsSpan(0, (int)mdat.Offset), .. free, .. bytes.AsSpan((int)mdat.Offset)], Token);

        Assert.Equal(ValidationCodes.AssertionBmffHashMismatch, Assert.Single((await VerifyAsync(signed, Binding(placed, store.Length))).Statuses).Code);
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public async Task Embedding_again_replaces_the_old_store(string variant)
    {
        var first = samples.Path($"{variant}-first.mp4");
        var second = samples.Path($"{variant}-second.mp4");
        await EmbedAsync(samples[variant], first, Store(9000, 7));
        var store = Store(400, 8);
        var placed = await EmbedAsync(first, second, store);

        await using (var file = File.OpenRead(second))
        {
            Assert.Equal(store, await _container.ReadStoreAsync(file, Token));
        }

        var boxes = Mp4Layout.TopLevel(await File.ReadAllBytesAsync(second, Token));
        Assert.Single(boxes, b => b.Type == "uuid");
        Assert.Equal(new FileInfo(samples[variant]).Length + 45 + store.Length, new FileInfo(second).Length);
        Assert.True((await VerifyAsync(second, Binding(placed, store.Length))).Matched);
        Assert.Equal(await Mp4Samples.FrameMd5Async(samples[variant], Token), await Mp4Samples.FrameMd5Async(second, Token));
    }

    [Fact]
    public async Task Patching_the_store_in_place_keeps_the_binding()
    {
        var placeholder = Store(3000, 9);
        var signed = samples.Path("patched.mp4");
        var placed = await EmbedAsync(samples.Plain, signed, placeholder);
        var final = Store(3000, 10);

        await using (var file = new FileStream(signed, FileMode.Open, FileAccess.ReadWrite))
        {
            await _container.PatchStoreAsync(file, placed, final, Token);
            await Assert.ThrowsAsync<ArgumentException>(() => _container.PatchStoreAsync(file, placed, Store(10, 1), Token));
        }

        await using (var file = File.OpenRead(signed))
        {
            Assert.Equal(final, await _container.ReadStoreAsync(file, Token));
        }

        Assert.True((await VerifyAsync(signed, Binding(placed, placeholder.Length))).Matched);
    }

    [Fact]
    public async Task File_without_a_store_reads_as_none_and_is_recognised()
    {
        var bytes = await File.ReadAllBytesAsync(samples.Plain, Token);
        Assert.True(_container.Recognises(bytes.AsSpan(0, 16)));
        Assert.False(_container.Recognises("\x89PNG\r\n\x1a\n\0\0\0\rIHDR"u8));
        await using var file = File.OpenRead(samples.Plain);
        Assert.Null(await _container.ReadStoreAsync(file, Token));
    }

    [Theory]
    [InlineData("c2pa.hash.bmff")]
    [InlineData("c2pa.hash.bmff.v2")]
    public async Task Binding_written_by_c2pa_rs_in_its_video1_fixture_matches(string label)
    {
        // video1.mp4's store holds a v1 binding (no box offsets hashed) and a v2 one (offsets hashed, as v3).
        var path = Path.Combine(AppContext.BaseDirectory, "Fixtures", "c2pa-rs", "video1.mp4");
        var cbor = await ReadC2paRsBindingAsync(path, label);

        var check = await VerifyAsync(path, cbor, label);
        Assert.Equal(ValidationCodes.AssertionBmffHashMatch, Assert.Single(check.Statuses).Code);

        // Read with the other version's rule (box offsets hashed or not), the same CBOR must not match.
        var other = label == "c2pa.hash.bmff" ? "c2pa.hash.bmff.v2" : "c2pa.hash.bmff";
        Assert.Equal(ValidationCodes.AssertionBmffHashMismatch, Assert.Single((await VerifyAsync(path, cbor, other)).Statuses).Code);
    }

    [Fact]
    public async Task Flipped_byte_in_c2pa_rs_video1_is_a_mismatch()
    {
        var source = Path.Combine(AppContext.BaseDirectory, "Fixtures", "c2pa-rs", "video1.mp4");
        const string label = "c2pa.hash.bmff.v2";
        var cbor = await ReadC2paRsBindingAsync(source, label);
        var bytes = await File.ReadAllBytesAsync(source, Token);
        bytes[^1000] ^= 0x80;
        var broken = samples.Path("video1-broken.mp4");
        await File.WriteAllBytesAsync(broken, bytes, Token);

        Assert.Equal(ValidationCodes.AssertionBmffHashMismatch, Assert.Single((await VerifyAsync(broken, cbor, label)).Statuses).Code);
    }

    [Fact]
    public async Task Assertion_without_exclusions_or_with_bad_cbor_is_malformed()
    {
        Assert.Equal(ValidationCodes.AssertionBmffHashMalformed, Assert.Single((await VerifyAsync(samples.Plain, [0xA1, 0x63, (byte)'a', (byte)'l', (byte)'g', 0x60])).Statuses).Code);
        Assert.Equal(ValidationCodes.AssertionBmffHashMalformed, Assert.Single((await VerifyAsync(samples.Plain, [0xFF, 0x00])).Statuses).Code);
        Assert.Equal(ValidationCodes.AssertionBmffHashMalformed, Assert.Single((await VerifyAsync(samples.Plain, [0xA0], "c2pa.hash.data")).Statuses).Code);
    }

    private async Task<EmbeddedStore> EmbedAsync(string source, string destination, byte[] store)
    {
        await using var input = File.OpenRead(source);
        await using var output = new FileStream(destination, FileMode.Create, FileAccess.ReadWrite);
        return await _container.EmbedAsync(input, output, store, Token);
    }

    private byte[] Binding(EmbeddedStore placed, int storeLength) =>
        _container.Binding(placed, _container.PlaceholderBinding(storeLength).Length);

    private async Task<BindingCheck> VerifyAsync(string path, byte[] cbor, string label = Mp4Container.Label)
    {
        await using var file = File.OpenRead(path);
        return await _container.VerifyBindingAsync(file, label, cbor, Token);
    }

    /// <summary>Finds an assertion in the store by its label (NUL-terminated in a JUMBF description box), then takes the next cbor box.</summary>
    private async Task<byte[]> ReadC2paRsBindingAsync(string path, string label)
    {
        await using var file = File.OpenRead(path);
        var store = await _container.ReadStoreAsync(file, Token) ?? throw new InvalidOperationException("video1.mp4 has no store");
        byte[] needle = [.. Encoding.ASCII.GetBytes(label), 0];
        var at = store.AsSpan().IndexOf(needle);
        Assert.True(at > 0, $"no {label} assertion in the store");
        var type = store.AsSpan(at).IndexOf("cbor"u8) + at;
        var length = BinaryPrimitives.ReadInt32BigEndian(store.AsSpan(type - 4));
        return store.AsSpan(type + 4, length - 8).ToArray();
    }

    private static byte[] Store(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        "jumb"u8.CopyTo(bytes.AsSpan(4));
        return bytes;
    }
}
