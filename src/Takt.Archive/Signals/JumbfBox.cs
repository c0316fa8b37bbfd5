namespace Takt.Archive.Signals;

/// <summary>
/// One ISO/IEC 19566-5 (JUMBF) box, as offsets into the buffer it was parsed from so that large
/// content boxes are never copied. Superboxes (<c>jumb</c>) carry their description label and children.
/// </summary>
internal sealed record JumbfBox(string Type, int ContentOffset, int ContentLength, string? Label, IReadOnlyList<JumbfBox> Children)
{
    public bool IsSuperbox => Type == "jumb";

    public ReadOnlySpan<byte> Content(ReadOnlySpan<byte> buffer) => buffer.Slice(ContentOffset, ContentLength);

    public IEnumerable<JumbfBox> Superboxes => Children.Where(c => c.IsSuperbox);

    /// <summary>C2PA makes duplicate labels unique with a <c>__N</c> suffix (§8.3), so both forms match.</summary>
    public bool HasLabel(string label) =>
        Label is { } own && (own == label || own.StartsWith(label + "__", StringComparison.Ordinal));
}
