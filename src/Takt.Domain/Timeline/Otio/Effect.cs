namespace Takt.Domain.Timeline.Otio;

/// <summary>An effect on an item (OTIO's Effect); subclasses are time effects.</summary>
public class Effect : OtioObject
{
    public override string SchemaName => "Effect";

    public string EffectName { get; set; } = "";

    public bool Enabled { get; set; } = true;
}
