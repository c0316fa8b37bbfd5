using CsCheck;
using Takt.Domain.Archive;
using Takt.Domain.Timeline;
using Takt.Domain.Timeline.Otio;
using Takt.TestKit.Timelines;

namespace Takt.Domain.Tests.Timeline.Otio;

public sealed class TimelineOtioTests
{
    private static readonly KeyInterpolation[] Shapes =
    [
        KeyInterpolation.Constant,
        KeyInterpolation.Linear,
        new(InterpolationKind.Bezier, Handles: new BezierHandles(0.42, 0, 0.58, 1.25)),
        new(InterpolationKind.Ease, "ease-in-out-sine"),
        new(InterpolationKind.Ease, "ease-out-cubic"),
    ];

    private static readonly Gen<(int Rate, int Tracks, int Seed)> Documents = Gen.Select(Gen.Int[0, 2], Gen.Int[1, 4], Gen.Int);

    [Fact]
    public void WrittenAndReadBack_ATaktDocumentIsTheSameDocument()
    {
        Documents.Sample((rate, tracks, seed) =>
        {
            var (document, cut) = Random(rate, tracks, seed);

            var text = OtioWriter.Write(TimelineOtio.ToOtio(document, cut));
            var back = TimelineOtio.FromOtio(OtioReader.ReadTimeline(text));

            Assert.True(back.Problem is null, back.Problem);
            Assert.Empty(back.Warnings);
            Assert.Equal(document, back.Document);
            Assert.Equal(back.Document, TimelineDocument.Empty.Replay(back.Operations).Document);
        }, iter: 300);
    }

    [Fact]
    public void OtherToolsSee_ClipsInSequenceWithGaps_ReferencesAndTaktsCurves()
    {
        var t = new TimelineBuilder();
        var cut = t.Cut("c001", 1920, 1080, 96, 24000, 1001);
        var track = t.Track(cut, "v1");
        var asset = new AssetId(Guid.Parse("0199a2b4-0000-7000-8000-000000000001"));
        var clip = t.Clip(track, "far", new ArchiveAssetSource(asset, new string('c', 64)), 12, 24, sourceIn: 5);
        t.Clip(track, "hana", new GenerationSource("hana"), 40, 10);
        t.Curve(clip, "x", (0, 100), (23, 300));

        var otio = TimelineOtio.ToOtio(t.Build(), cut);

        var items = ((Track)otio.Tracks.Children[0]).Children;
        Assert.Equal(["Gap", "Clip", "Gap", "Clip"], items.Select(i => i.SchemaName));
        var far = (Clip)items[1];
        Assert.Equal(new TimeRange(5, 24, 24000 / 1001.0), far.SourceRange);
        Assert.Equal($"takt:asset/{asset.Value}", ((ExternalReference)far.MediaReference).TargetUrl);
        Assert.Equal(TaktOtio.GeneratorKind, ((GeneratorReference)((Clip)items[3]).MediaReference).GeneratorKind);
        Assert.NotNull(far.TaktMetadata?[TaktOtio.CurvesKey]?["x"]);
        Assert.Contains("\"curves\"", OtioWriter.Write(otio), StringComparison.Ordinal);
    }

    [Fact]
    public void EveryOtioSample_Imports_WhatTaktCannotHoldIsNamed()
    {
        foreach (var name in OtioFixtures.SampleNames)
        {
            if (OtioReader.Read(OtioFixtures.Text(name)) is not OtioTimeline timeline)
            {
                continue;
            }

            var imported = TimelineOtio.FromOtio(timeline);
            Assert.True(imported.Problem is null, $"{name}: {imported.Problem}");
            Assert.Equal(imported.Document, TimelineOtio.FromOtio(OtioFixtures.Timeline(name)).Document); // the same file, the same ids
        }

        var simple = TimelineOtio.FromOtio(OtioFixtures.Timeline("simple_cut.otio"));
        var cut = simple.Document!.Entities.Values.OfType<CutEntity>().Single();
        Assert.Equal(new FrameRate(24, 1), cut.Rate);
        Assert.Single(simple.Document.Entities.Values.OfType<TrackEntity>());
        Assert.Contains(simple.Warnings, w => w.Contains("Clip-001", StringComparison.Ordinal) && w.Contains("not in Takt's archive", StringComparison.Ordinal));
        Assert.Contains(TimelineOtio.FromOtio(OtioFixtures.Timeline("transition.otio")).Warnings, w => w.Contains("Transition", StringComparison.Ordinal));
    }

    [Fact]
    public void ForeignArchiveClips_ArePlacedWhereTheSequencePutsThem_AtAnExactNtscRate()
    {
        var track = new Track { Name = "V1" };
        track.Add(new Gap { SourceRange = new TimeRange(0, 10, 29.97) });
        var clip = new Clip { Name = "far", SourceRange = new TimeRange(3, 20, 29.97) };
        clip.MediaReference = new ExternalReference
        {
            TargetUrl = "takt:asset/0199a2b4-0000-7000-8000-000000000002",
            Metadata = OtioReader.ReadTimeline("""{"OTIO_SCHEMA": "Timeline.1", "metadata": {"takt": {"contentHash": "abc"}}, "tracks": {"OTIO_SCHEMA": "Stack.1", "children": []}}""").Metadata,
        };
        track.Add(clip);
        var timeline = new OtioTimeline { Name = "edit" };
        timeline.Tracks.Add(track);

        var imported = TimelineOtio.FromOtio(timeline);

        Assert.True(imported.Problem is null, imported.Problem);
        var placed = imported.Document!.Entities.Values.OfType<ClipEntity>().Single();
        Assert.Equal((10L, 20L, 3L), (placed.Start, placed.Duration, placed.SourceIn));
        Assert.Equal(new FrameRate(30000, 1001), imported.Document.Entities.Values.OfType<CutEntity>().Single().Rate);
    }

    [Fact]
    public void AbsurdRanges_AreAProblem_NotAnException()
    {
        var track = new Track();
        var clip = new Clip { Name = "forever", SourceRange = new TimeRange(0, 1e15, 24) };
        clip.MediaReference = new GeneratorReference { GeneratorKind = TaktOtio.GeneratorKind, Parameters = OtioReader.ReadTimeline("""{"OTIO_SCHEMA": "Timeline.1", "metadata": {"workflow": "w"}, "tracks": {"OTIO_SCHEMA": "Stack.1", "children": []}}""").Metadata };
        track.Add(clip);
        var timeline = new OtioTimeline();
        timeline.Tracks.Add(track);

        var imported = TimelineOtio.FromOtio(timeline);

        Assert.Null(imported.Document);
        Assert.NotNull(imported.Problem);
    }

    /// <summary>A cut of random tracks with non-overlapping clips of every source kind, curves of every shape, bindings.</summary>
    private static (TimelineDocument Document, TimelineEntityId Cut) Random(int rate, int tracks, int seed)
    {
        var random = new System.Random(seed);
        var t = new TimelineBuilder();
        var (num, den) = rate switch { 0 => (24L, 1L), 1 => (30000L, 1001L), _ => (25L, 1L) };
        var cut = t.Cut("c", 64 + random.Next(2000), 64 + random.Next(2000), 200, num, den);
        t.Curve(cut, "strength", Shapes[random.Next(Shapes.Length)], (0, random.NextDouble()), (50.5, random.NextDouble() * 10));
        for (var i = 0; i < tracks; i++)
        {
            var track = t.Track(cut, $"t{i}", (TrackKind)random.Next(4), enabled: random.Next(4) > 0);
            long at = random.Next(5);
            for (var c = 0; c < random.Next(4); c++)
            {
                var duration = 1 + random.Next(30);
                ClipSource source = random.Next(3) switch
                {
                    0 => new ArchiveAssetSource(new AssetId(new Guid(random.Next(), 1, 2, new byte[8])), new string('d', 64)),
                    1 => new GenerationSource($"wf{random.Next(3)}"),
                    _ => new RenderedSequenceSource(new string('e', 64), 100),
                };
                var clip = t.Clip(track, $"c{i}.{c}", source, at, duration, random.Next(50));
                var x = t.Curve(clip, "x", Shapes[random.Next(Shapes.Length)], (0, random.Next(-500, 500) / 7.0), (duration - 1 + 0.25, random.NextDouble()), (duration + 3, -1));
                if (source is GenerationSource && i == 0)
                {
                    t.Clip(track, $"g{i}.{c}", new GenerationSource("gen"), at + duration + 1000, 1, bindings: new Dictionary<string, ParameterBinding>
                    {
                        ["a.b"] = new CurveBinding(x),
                        ["c.d"] = new ConstantBinding(new TextValue("dusk")),
                        ["e.f"] = new ConstantBinding(new NumberValue(0.1)),
                    });
                }

                at += duration + random.Next(10);
            }
        }

        return (t.Build(), cut);
    }
}
