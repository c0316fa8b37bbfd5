namespace Takt.Domain.Timeline.Otio;

/// <summary>Plays media at <see cref="TimeScalar"/> speed (2 = double speed) without changing the item's duration.</summary>
public class LinearTimeWarp : Effect
{
    public override string SchemaName => "LinearTimeWarp";

    public double TimeScalar { get; set; } = 1;
}
