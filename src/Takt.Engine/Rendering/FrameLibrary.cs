using NetVips;
using Takt.Archive.Blobs;
using Takt.Engine.Backends.BuiltIn;
using Takt.Media.Frames;

namespace Takt.Engine.Rendering;

/// <summary>
/// Decoded pictures by blob hash, premultiplied for the compositor. Stills stay decoded for the
/// whole render; sequence frames pass through a small least-recently-used window, so a long clip
/// costs a few frames of memory, not all of them.
/// </summary>
internal sealed class FrameLibrary(IBlobStore blobs, long budgetBytes = 768L * 1024 * 1024)
{
    private readonly Dictionary<string, LinkedListNode<(string Hash, RgbaImage Image)>> _byHash = new(StringComparer.Ordinal);
    private readonly LinkedList<(string Hash, RgbaImage Image)> _recent = new();
    private long _bytes;

    public async Task<RgbaImage> GetAsync(string hash, double scale, CancellationToken cancellationToken)
    {
        var key = scale == 1 ? hash : $"{hash}@{scale:R}";
        if (_byHash.TryGetValue(key, out var hit))
        {
            _recent.Remove(hit);
            _recent.AddFirst(hit);
            return hit.Value.Image;
        }

        var image = await DecodeAsync(hash, scale, cancellationToken);
        var node = _recent.AddFirst((key, image));
        _byHash[key] = node;
        _bytes += image.Pixels.Length;
        while (_bytes > budgetBytes && _recent.Count > 1)
        {
            var oldest = _recent.Last!;
            _recent.RemoveLast();
            _byHash.Remove(oldest.Value.Hash);
            _bytes -= oldest.Value.Image.Pixels.Length;
        }

        return image;
    }

    private async Task<RgbaImage> DecodeAsync(string hash, double scale, CancellationToken cancellationToken)
    {
        byte[] bytes;
        await using (var stream = await blobs.OpenReadAsync(BlobHash.Parse(hash), cancellationToken))
        {
            using var buffer = new MemoryStream();
            await stream.CopyToAsync(buffer, cancellationToken);
            bytes = buffer.ToArray();
        }

        try
        {
            using var decoded = BuiltInImages.Decode(bytes, $"frame {hash[..12]}");
            using var rgba = BuiltInImages.ToRgba(decoded);
            using var eight = rgba.Format == Enums.BandFormat.Ushort ? rgba.Colourspace(Enums.Interpretation.Srgb) : rgba.Copy();

            // Preview renders shrink each picture once here (Lanczos3 on premultiplied samples),
            // not every frame in the compositor.
            using var sized = scale == 1 ? eight.Copy() : BuiltInImages.Resize(eight, Math.Max(1, (int)Math.Round(eight.Width * scale)), Math.Max(1, (int)Math.Round(eight.Height * scale)));
            var straight = sized.WriteToMemory<byte>();
            return RgbaImage.FromStraight(sized.Width, sized.Height, straight);
        }
        catch (ImageInputException e)
        {
            throw new RenderException(e.Message, e);
        }
    }
}
