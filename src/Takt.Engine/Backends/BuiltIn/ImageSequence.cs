using System.Globalization;
using System.Text.Json;
using Takt.Archive.Blobs;
using Takt.Domain.Workflows;

namespace Takt.Engine.Backends.BuiltIn;

/// <summary>
/// The value on an <see cref="PortType.ImageSequence"/> port: the frames in order, each a PNG blob
/// in the blob store named by its sha256, and the rate they are meant to play at. It travels inline
/// as <c>{"fps":N,"frames":["&lt;sha256&gt;",…]}</c> (no whitespace, members in that order, fps in
/// its shortest round-trip form), and its <see cref="PortValue.ContentHash"/> is the sha256 of
/// exactly those bytes, so the same frames at the same rate are the same value. The frame blobs
/// themselves are read one at a time with <see cref="INodeRunContext.OpenAsync"/> through
/// <see cref="Frame"/>.
/// </summary>
public sealed record ImageSequence
{
    public const string FrameMediaType = "image/png";

    private ImageSequence(IReadOnlyList<string> frames, double fps)
    {
        Frames = frames;
        Fps = fps;
    }

    /// <summary>The frames' blob hashes (64 lowercase hex digits), in playing order.</summary>
    public IReadOnlyList<string> Frames { get; }

    public double Fps { get; }

    public static ImageSequence Create(IReadOnlyList<string> frames, double fps)
    {
        if (!double.IsFinite(fps) || fps <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(fps), fps, "an image sequence's fps must be a positive number");
        }

        foreach (var frame in frames)
        {
            if (!BlobHash.TryParse(frame, out _))
            {
                throw new ArgumentException($"'{frame}' is not a frame blob hash (64 lowercase hex digits)", nameof(frames));
            }
        }

        return new ImageSequence(frames.ToArray(), fps);
    }

    /// <summary>Reads a sequence off a port value, or says what is wrong with it.</summary>
    public static bool TryRead(PortValue value, out ImageSequence? sequence, out string? problem)
    {
        sequence = null;
        if (value.Type != PortType.ImageSequence || value.Inline is not { ValueKind: JsonValueKind.Object } json)
        {
            problem = $"expected an image sequence, got a {value.Type} value";
            return false;
        }

        if (!json.TryGetProperty("frames", out var frames) || frames.ValueKind != JsonValueKind.Array
            || !json.TryGetProperty("fps", out var fpsJson) || !fpsJson.TryGetDouble(out var fps) || !double.IsFinite(fps) || fps <= 0)
        {
            problem = "an image sequence is {\"frames\": [sha256, …], \"fps\": a positive number}";
            return false;
        }

        var hashes = new List<string>();
        foreach (var frame in frames.EnumerateArray())
        {
            if (frame.ValueKind != JsonValueKind.String || !BlobHash.TryParse(frame.GetString(), out _))
            {
                problem = $"frame {hashes.Count} of the sequence is not a sha256: {frame.GetRawText()}";
                return false;
            }

            hashes.Add(frame.GetString()!);
        }

        sequence = new ImageSequence(hashes, fps);
        problem = null;
        return true;
    }

    public byte[] ToCanonicalJson()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            // Members in ordinal order, as CanonicalJson writes every inline value.
            writer.WriteStartObject();
            writer.WriteNumber("fps", Fps);
            writer.WriteStartArray("frames");
            foreach (var frame in Frames)
            {
                writer.WriteStringValue(frame);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    public PortValue ToPortValue() => InlineValues.FromCanonical(PortType.ImageSequence, ToCanonicalJson());

    /// <summary>The port value of one frame, for <see cref="INodeRunContext.OpenAsync"/>.</summary>
    public PortValue Frame(int index) => new(PortType.Image, Frames[index], BlobHash: Frames[index], MediaType: FrameMediaType);

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Frames.Count} frames at {Fps} fps");
}
