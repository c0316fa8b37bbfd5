using System.Buffers.Binary;
using System.Text;
using Takt.Provenance.C2pa.Containers;
using Takt.Provenance.C2pa.Verification;

namespace Takt.Provenance.Tests.C2pa;

/// <summary>
/// Against files the reference SDK signed (see Fixtures/c2pa-rs/README.md): Takt must verify
/// c2pa-rs's v3 binding and, given the same store, write the very same file and assertion.
/// </summary>
public sealed class Mp4C2paRsInteropTests
{
    private readonly Mp4Container _container = new();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "c2pa-rs", name);

    [Theory]
    [InlineData("plain")]
    [InlineData("audio")]
    public async Task Binding_c2pa_rs_wrote_matches(string name)
    {
        var signed = Fixture($"{name}.c2pa-rs.mp4");
        var cbor = await ReadAssertionAsync(signed, Mp4Container.Label);

        await using var file = File.OpenRead(signed);
        var check = await _container.VerifyBindingAsync(file, Mp4Container.Label, cbor, Token);
        Assert.Equal(ValidationCodes.AssertionBmffHashMatch, Assert.Single(check.Statuses).Code);
    }

    [Theory]
    [InlineData("plain")]
    [InlineData("audio")]
    public async Task Embedding_c2pa_rs_store_writes_the_file_c2pa_rs_wrote(string name)
    {
        var signed = await File.ReadAllBytesAsync(Fixture($"{name}.c2pa-rs.mp4"), Token);
        byte[] store;
        await using (var file = new MemoryStream(signed))
        {
            store = await _container.ReadStoreAsync(file, Token) ?? throw new InvalidOperationException("no store");
        }

        await using var source = File.OpenRead(Fixture($"{name}.mp4"));
        await using var output = new MemoryStream();
        var placed = await _container.EmbedAsync(source, output, store, Token);

        // Same box placement, same patched stco, same store: the same bytes.
        Assert.Equal(signed, output.ToArray());
        var assertion = await ReadAssertionAsync(Fixture($"{name}.c2pa-rs.mp4"), Mp4Container.Label);
        Assert.Equal(assertion, _container.Binding(placed, assertion.Length));
        Assert.Equal(assertion.Length, _container.PlaceholderBinding(store.Length).Length);
    }

    private async Task<byte[]> ReadAssertionAsync(string path, string label)
    {
        await using var file = File.OpenRead(path);
        var store = await _container.ReadStoreAsync(file, Token) ?? throw new InvalidOperationException("no store");
        byte[] needle = [.. Encoding.ASCII.GetBytes(label), 0];
        var at = store.AsSpan().IndexOf(needle);
        Assert.True(at > 0, $"no {label} assertion in the store");
        var type = store.AsSpan(at).IndexOf("cbor"u8) + at;
        var length = BinaryPrimitives.ReadInt32BigEndian(store.AsSpan(type - 4));
        return store.AsSpan(type + 4, length - 8).ToArray();
    }
}
