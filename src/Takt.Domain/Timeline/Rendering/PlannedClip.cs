using System.Globalization;
using System.Text.Json;
using Takt.Domain.Curves;

namespace Takt.Domain.Timeline.Rendering;

/// <summary>
/// A clip as the renderer sees it: its place on the cut, its source, the layer it draws on
/// (tracks bottom to top), its animated placement, and, for a generation, its workflow inputs.
/// </summary>
public sealed record PlannedClip(
    int Layer,
    TrackEntity Track,
    ClipEntity Clip,
    AnimatedNumber X,
    AnimatedNumber Y,
    AnimatedNumber Scale,
    AnimatedNumber Rotation,
    AnimatedNumber Opacity,
    AnimatedNumber Depth,
    AnimatedText Blend,
    IReadOnlyList<PlannedInput> Inputs)
{
    public bool Covers(long frame) => frame >= Clip.Start && frame < Clip.End;

    /// <summary>The frame of the source shown at a cut frame.</summary>
    public long SourceFrame(long frame) => Clip.SourceIn + (frame - Clip.Start);

    public LayerFrame At(long frame) => new(
        Layer, SourceFrame(frame), X.At(frame), Y.At(frame), Scale.At(frame), Rotation.At(frame),
        Math.Clamp(Opacity.At(frame), 0, 1), Depth.At(frame), Blend.At(frame));

    /// <summary>
    /// The workflow overrides (<c>node.param=json</c>) at a cut frame, in input order: what makes this
    /// frame's generation differ from its neighbours'. Equal lists mean one generation serves both.
    /// </summary>
    public IReadOnlyList<string> OverridesAt(long frame) => [.. Inputs.Select(i => $"{i.Node}.{i.Parameter}={i.JsonAt(frame)}")];
}

/// <summary>A workflow input of a generation clip: a node parameter held constant or read from a curve.</summary>
public sealed record PlannedInput(string Node, string Parameter, TimelineValue? Constant, Curve? Curve, AnimatedText? Text, long Origin, bool WholeNumbers)
{
    public string JsonAt(long frame)
    {
        if (Curve is not null)
        {
            var value = Curve.Sample(frame - Origin);
            return WholeNumbers ? ((long)Math.Round(value)).ToString(CultureInfo.InvariantCulture) : value.ToString("R", CultureInfo.InvariantCulture);
        }

        if (Text is not null)
        {
            return JsonSerializer.Serialize(Text.At(frame));
        }

        return Constant switch
        {
            NumberValue n => n.Value.ToString("R", CultureInfo.InvariantCulture),
            IntegerValue i => i.Value.ToString(CultureInfo.InvariantCulture),
            BoolValue b => b.Value ? "true" : "false",
            TextValue t => JsonSerializer.Serialize(t.Value),
            _ => "null",
        };
    }
}
