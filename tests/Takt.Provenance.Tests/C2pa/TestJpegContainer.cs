using System.Security.Cryptography;
using Takt.Archive.Signals;
using Takt.Provenance.C2pa.Containers;
using Takt.Provenance.C2pa.Reading;
using Takt.Provenance.C2pa.Verification;

namespace Takt.Provenance.Tests.C2pa;

/// <summary>
/// A read-only JPEG container for verifier tests until the real one lands: finds the store with
/// the archive's locator and checks <c>c2pa.hash.data</c> by hashing the file minus its exclusions.
/// </summary>
internal sealed class TestJpegContainer : IAssetContainer
{
    public string MediaType => "image/jpeg";

    public string BindingLabel => "c2pa.hash.data";

    public bool Recognises(ReadOnlySpan<byte> head) => head.Length >= 3 && head[0] == 0xFF && head[1] == 0xD8 && head[2] == 0xFF;

    public async Task<byte[]?> ReadStoreAsync(Stream asset, CancellationToken cancellationToken)
    {
        var bytes = await ReadAllAsync(asset, cancellationToken);
        return C2paManifestLocator.Find(bytes, []);
    }

    public async Task<BindingCheck> VerifyBindingAsync(Stream asset, string label, ReadOnlyMemory<byte> assertionCbor, CancellationToken cancellationToken)
    {
        var bytes = await ReadAllAsync(asset, cancellationToken);
        if (label != BindingLabel || CborTree.Decode(assertionCbor) is not Dictionary<string, object?> map || map.GetValueOrDefault("hash") is not byte[] expected)
        {
            return new BindingCheck([new ValidationStatus(ValidationCodes.AssertionDataHashMalformed, ValidationStatusKind.Failure, null, "not a data hash")]);
        }

        using var hash = IncrementalHash.CreateHash(map.Text("alg") switch { "sha384" => HashAlgorithmName.SHA384, "sha512" => HashAlgorithmName.SHA512, _ => HashAlgorithmName.SHA256 });
        long position = 0;
        var exclusions = (map.List("exclusions") ?? []).OfType<Dictionary<string, object?>>()
            .Select(e => (Start: (long)e["start"]!, Length: (long)e["length"]!)).OrderBy(e => e.Start);
        foreach (var (start, length) in exclusions)
        {
            hash.AppendData(bytes, (int)position, (int)(start - position));
            position = start + length;
        }

        hash.AppendData(bytes, (int)position, bytes.Length - (int)position);
        var match = hash.GetHashAndReset().AsSpan().SequenceEqual(expected);
        return new BindingCheck([match
            ? new ValidationStatus(ValidationCodes.AssertionDataHashMatch, ValidationStatusKind.Success, null, "data hash valid")
            : new ValidationStatus(ValidationCodes.AssertionDataHashMismatch, ValidationStatusKind.Failure, null, "asset hash error")]);
    }

    public Task<EmbeddedStore> EmbedAsync(Stream source, Stream destination, ReadOnlyMemory<byte> store, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task PatchStoreAsync(Stream destination, EmbeddedStore placed, ReadOnlyMemory<byte> store, CancellationToken cancellationToken) => throw new NotSupportedException();

    public byte[] PlaceholderBinding(int storeLength) => throw new NotSupportedException();

    public byte[] Binding(EmbeddedStore placed, int length) => throw new NotSupportedException();

    private static async Task<byte[]> ReadAllAsync(Stream asset, CancellationToken cancellationToken)
    {
        asset.Position = 0;
        using var copy = new MemoryStream();
        await asset.CopyToAsync(copy, cancellationToken);
        return copy.ToArray();
    }
}
