namespace Takt.Domain.Timeline.Otio;

/// <summary>Empty time in a track; invisible, so flattening shows what lies beneath (OTIO's Gap, legacy Filler).</summary>
public sealed class Gap : Item
{
    public Gap()
    {
        SourceRange = new TimeRange();
    }

    public override string SchemaName => "Gap";

    public override bool Visible => false;

    public override TimeRange AvailableRange() => SourceRange ?? new TimeRange();
}
