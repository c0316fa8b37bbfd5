using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Takt.Engine.Backends.ComfyUi;

/// <summary>
/// Decodes ComfyUI's WebSocket frames. Binary frames start with a big-endian u32 event type:
/// 1 = preview <c>[u32 format: 1 JPEG, 2 PNG][image]</c>, 3 = text <c>[u32 id length][node id][utf-8]</c>,
/// 4 = preview with metadata <c>[u32 json length][json][image]</c>.
/// </summary>
internal static class ComfyUiFrames
{
    public static ComfyUiMessage ParseText(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String)
            {
                return new ComfyUiUnreadableFrame("a JSON frame without a string 'type'");
            }

            var data = root.TryGetProperty("data", out var d) ? d.Clone() : default;
            return new ComfyUiEvent(type.GetString()!, data);
        }
        catch (JsonException e)
        {
            return new ComfyUiUnreadableFrame($"a text frame that is not JSON ({e.Message})");
        }
    }

    public static ComfyUiMessage ParseBinary(ReadOnlyMemory<byte> frame)
    {
        var span = frame.Span;
        if (span.Length < 8)
        {
            return new ComfyUiUnreadableFrame(string.Create(CultureInfo.InvariantCulture, $"a binary frame of {span.Length} bytes, shorter than its 8-byte header"));
        }

        var type = BinaryPrimitives.ReadUInt32BigEndian(span);
        var second = BinaryPrimitives.ReadUInt32BigEndian(span[4..]);
        switch (type)
        {
            case 1:
                // The high bits may carry an index (SwarmUI's convention); the format is the low byte.
                var mediaType = (second & 0xFF) switch { 1 => "image/jpeg", 2 => "image/png", _ => null };
                return mediaType is null
                    ? new ComfyUiUnreadableFrame(string.Create(CultureInfo.InvariantCulture, $"a preview in unknown format {second}"))
                    : new ComfyUiPreviewFrame(mediaType, frame[8..], null, null);
            case 3:
                if (second > span.Length - 8)
                {
                    return new ComfyUiUnreadableFrame("a text frame whose node id runs past its end");
                }

                var node = Encoding.UTF8.GetString(span.Slice(8, (int)second));
                return new ComfyUiTextFrame(node, Encoding.UTF8.GetString(span[(8 + (int)second)..]));
            case 4:
                if (second > span.Length - 8)
                {
                    return new ComfyUiUnreadableFrame("a preview whose metadata runs past its end");
                }

                return ParseMetadataPreview(frame, (int)second);
            default:
                return new ComfyUiUnreadableFrame(string.Create(CultureInfo.InvariantCulture, $"a binary frame of unknown type {type}"));
        }
    }

    private static ComfyUiMessage ParseMetadataPreview(ReadOnlyMemory<byte> frame, int jsonLength)
    {
        try
        {
            using var metadata = JsonDocument.Parse(frame.Slice(8, jsonLength));
            var root = metadata.RootElement;
            string? Text(string name) => root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
            return new ComfyUiPreviewFrame(Text("image_type") ?? "image/jpeg", frame[(8 + jsonLength)..], Text("node_id"), Text("prompt_id"));
        }
        catch (JsonException e)
        {
            return new ComfyUiUnreadableFrame($"a preview whose metadata is not JSON ({e.Message})");
        }
    }
}
