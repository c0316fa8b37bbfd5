namespace Takt.Domain.Workflows;

public static class PortTypes
{
    public static string Name(PortType type) => type switch
    {
        PortType.Image => "image",
        PortType.ImageSequence => "image-sequence",
        PortType.Video => "video",
        PortType.Audio => "audio",
        PortType.Mask => "mask",
        PortType.Text => "text",
        PortType.Number => "number",
        PortType.Curve => "curve",
        PortType.Model => "model",
        PortType.Json => "json",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    public static bool TryParse(string? text, out PortType type)
    {
        foreach (var candidate in Enum.GetValues<PortType>())
        {
            if (string.Equals(Name(candidate), text, StringComparison.Ordinal))
            {
                type = candidate;
                return true;
            }
        }

        type = default;
        return false;
    }

    /// <summary>Whether values of this type live in the blob store (rather than inline JSON).</summary>
    public static bool IsBlob(PortType type) => type is PortType.Image or PortType.Video or PortType.Audio or PortType.Mask;
}
