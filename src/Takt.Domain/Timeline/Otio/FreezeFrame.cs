namespace Takt.Domain.Timeline.Otio;

/// <summary>Holds the first frame: a time warp with scalar 0.</summary>
public sealed class FreezeFrame : LinearTimeWarp
{
    public FreezeFrame()
    {
        EffectName = "FreezeFrame";
        TimeScalar = 0;
    }

    public override string SchemaName => "FreezeFrame";
}
