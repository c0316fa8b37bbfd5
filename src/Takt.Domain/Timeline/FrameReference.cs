using System.Diagnostics.CodeAnalysis;

namespace Takt.Domain.Timeline;

/// <summary>
/// A picture of another clip, named in a generation clip's binding as text
/// <c>clip:&lt;id&gt;@first</c> or <c>clip:&lt;id&gt;@last</c>: how an extension is conditioned on
/// the previous segment's last frame, and how an in-between fill knows the frames it bridges. The
/// renderer replaces it with that picture (and its lineage) before the generation runs.
/// </summary>
public sealed record FrameReference(TimelineEntityId Clip, bool Last)
{
    private const string Prefix = "clip:";

    public override string ToString() => $"{Prefix}{Clip}@{(Last ? "last" : "first")}";

    public TextValue ToValue() => new(ToString());

    public static bool TryParse(string? text, [NotNullWhen(true)] out FrameReference? reference)
    {
        reference = null;
        if (text is null || !text.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var at = text.LastIndexOf('@');
        if (at < 0 || !Guid.TryParseExact(text[Prefix.Length..at], "D", out var id))
        {
            return false;
        }

        var which = text[(at + 1)..];
        if (which is not ("first" or "last"))
        {
            return false;
        }

        reference = new FrameReference(new TimelineEntityId(id), which == "last");
        return true;
    }
}
