using Takt.Provenance.C2pa.Containers;
using Takt.Provenance.C2pa.Manifests;
using Takt.Provenance.C2pa.Signing;

namespace Takt.Provenance.C2pa;

/// <summary>
/// Signs media with a C2PA manifest in one streamed pass: the store is built with a placeholder
/// hard binding and signature of their final sizes, written into the output while the binding's
/// hash is computed, then the real binding and signature are patched over the placeholder.
/// </summary>
public sealed class C2paSigner(IReadOnlyList<IAssetContainer> containers, Func<byte[], IReadOnlyList<string>>? ingredientValidation = null)
{
    /// <summary>The version written as claim_generator_info and softwareAgent.</summary>
    public static string Version { get; } = typeof(C2paSigner).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

    public static IReadOnlyList<IAssetContainer> DefaultContainers { get; } = [new PngContainer(), new JpegContainer(), new Mp4Container()];

    public IAssetContainer? ContainerFor(ReadOnlySpan<byte> head)
    {
        foreach (var container in containers)
        {
            if (container.Recognises(head))
            {
                return container;
            }
        }

        return null;
    }

    public async Task<SignedAsset> SignAsync(Stream source, Stream destination, ManifestDefinition manifest, ClaimSigner signer, ITimestampAuthority? timestamps, CancellationToken cancellationToken)
    {
        var head = new byte[32];
        source.Position = 0;
        var read = await source.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken);
        var container = ContainerFor(head.AsSpan(0, read))
            ?? throw new C2paFormatException("Takt signs PNG, JPEG and MP4 files; this file is none of them");

        var builder = new ManifestStoreBuilder(manifest, container.BindingLabel, Version, ingredientValidation ?? (_ => []));
        var protectedHeader = CoseSign1.ProtectedHeader(signer);
        var stamp = timestamps is null ? null : new ClaimTimestamper(timestamps);
        var reserved = CoseSign1.Reserve(protectedHeader, signer, [], stamp is null ? 0 : ClaimTimestamper.Reserve);

        var placeholderBinding = container.PlaceholderBinding(0);
        var placeholder = builder.Build(placeholderBinding, reserved, _ => new byte[reserved]);
        var start = destination.Position;
        var placed = await container.EmbedAsync(source, destination, placeholder, cancellationToken);

        var binding = container.Binding(placed, placeholderBinding.Length);
        byte[]? claimBytes = null;
        builder.Build(binding, reserved, claim =>
        {
            claimBytes = claim;
            return new byte[reserved];
        });

        var signature = signer.Sign(CoseSign1.ToBeSigned(protectedHeader, claimBytes!));
        var unprotected = stamp is null ? [] : await stamp.StampAsync(protectedHeader, signature, cancellationToken);
        var cose = CoseSign1.Encode(protectedHeader, signature, unprotected, reserved);
        var store = builder.Build(binding, reserved, claim => claim.AsSpan().SequenceEqual(claimBytes) ? cose : throw new InvalidOperationException("the claim changed between passes"));
        await container.PatchStoreAsync(destination, placed, store, cancellationToken);
        destination.Position = destination.Length;
        return new SignedAsset(builder.Label, container.MediaType, store.Length, destination.Length - start);
    }

    /// <summary>
    /// Signs a file into another path atomically: written beside the target, flushed to disk, then
    /// renamed, so a crash or a failure never leaves a half-signed file under the target's name.
    /// </summary>
    public async Task<SignedAsset> SignFileAsync(string sourcePath, string destinationPath, ManifestDefinition manifest, ClaimSigner signer, ITimestampAuthority? timestamps, CancellationToken cancellationToken)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(destinationPath))!;
        var temporary = Path.Combine(directory, $".{Path.GetFileName(destinationPath)}.{Guid.NewGuid():N}.signing");
        try
        {
            SignedAsset signed;
            await using (var source = new FileStream(sourcePath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan | FileOptions.Asynchronous))
            await using (var destination = new FileStream(temporary, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.Asynchronous))
            {
                signed = await SignAsync(source, destination, manifest, signer, timestamps, cancellationToken);
                destination.Flush(flushToDisk: true);
            }

            File.Move(temporary, destinationPath, overwrite: true);
            return signed;
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
