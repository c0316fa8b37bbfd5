using Takt.Domain.Timeline;
using static Takt.Domain.Tests.Timeline.TimelineFixtures;
using static Takt.Domain.Tests.Timeline.TimelineOperationTests;

namespace Takt.Domain.Tests.Timeline;

public sealed class TimelineCurvesTests
{
    [Fact]
    public void TryBuild_ConstantAndLinearKeys_SampleAsTheEvaluatorDoes()
    {
        var document = Apply(WithClips((0, 10)), Curve(Id(60), Id(100)),
            Key(Id(63), Id(60), 10, 4), Key(Id(61), Id(60), 0, 0), Key(Id(62), Id(60), 4, 2, KeyInterpolation.Constant));

        Assert.True(TimelineCurves.TryBuild(document, Id(60), out var curve, out var problem), problem);
        Assert.Equal([0.0, 4, 10], curve.Keys.Select(k => k.Frame));
        Assert.Equal(1.0, curve.Sample(2));
        Assert.Equal(2.0, curve.Sample(7));
        Assert.Equal(4.0, curve.Sample(12));
    }

    [Fact]
    public void TryBuild_BezierAndEasedKeys_SampleThroughTheEvaluator()
    {
        var bezier = new KeyInterpolation(InterpolationKind.Bezier, Handles: new BezierHandles(0.42, 0, 0.58, 1));
        var eased = new KeyInterpolation(InterpolationKind.Ease, Easing: "in-quad");
        var document = Apply(WithClips((0, 10)), Curve(Id(60), Id(100)), Key(Id(61), Id(60), 0, 0, bezier), Key(Id(62), Id(60), 10, 1, eased), Key(Id(63), Id(60), 20, 3));

        Assert.True(TimelineCurves.TryBuild(document, Id(60), out var curve, out var problem), problem);
        // The symmetric ease-in-out bezier passes through its midpoint and starts slowly.
        Assert.Equal(0.5, curve.Sample(5), 9);
        Assert.InRange(curve.Sample(1), 0, 0.05);
        // u² from 1 to 3: a quarter of the way in time is a sixteenth of the way in value.
        Assert.Equal(1 + (2 * 0.0625), curve.Sample(12.5), 9);
    }

    [Fact]
    public void TryBuild_UnknownEasing_NamesTheKeyframe()
    {
        var eased = new KeyInterpolation(InterpolationKind.Ease, Easing: "elastic-wobble");
        var document = Apply(WithClips((0, 10)), Curve(Id(60), Id(100)), Key(Id(61), Id(60), 0, 0, eased), Key(Id(62), Id(60), 5, 1));

        Assert.False(TimelineCurves.TryBuild(document, Id(60), out _, out var problem));
        Assert.Contains(Id(61).ToString(), problem, StringComparison.Ordinal);
        Assert.Contains("ease", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void TryBuild_NoKeysTextCurveOrUnknown_Refused()
    {
        var document = Apply(WithClips((0, 10)), Curve(Id(60), Id(100)), Curve(Id(70), Id(100), CurveValueKind.Text));

        Assert.False(TimelineCurves.TryBuild(document, Id(60), out _, out _));
        Assert.False(TimelineCurves.TryBuild(document, Id(70), out _, out var text));
        Assert.Contains("text", text, StringComparison.Ordinal);
        Assert.False(TimelineCurves.TryBuild(document, Id(99), out _, out _));
    }
}
