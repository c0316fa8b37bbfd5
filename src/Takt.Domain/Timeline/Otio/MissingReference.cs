namespace Takt.Domain.Timeline.Otio;

/// <summary>Media that is not (or no longer) known; what a null reference in a legacy clip becomes.</summary>
public sealed class MissingReference : MediaReference
{
    public override string SchemaName => "MissingReference";

    public override bool IsMissingReference => true;
}
