using Takt.Domain.Timeline.Otio;
using Takt.Domain.Timeline.Otio.Json;

namespace Takt.Domain.Tests.Timeline.Otio;

public sealed class TaktOtioTests
{
    [Fact]
    public void ClipNotYetGenerated_RoundTripsItsRecipeAndCurves()
    {
        var curves = OtioJsonReader.Parse("""{"denoise": {"keys": [{"frame": 0, "value": 0.4, "interpolation": "linear"}, {"frame": 48, "value": 0.7}]}}""");
        var clip = new Clip
        {
            Name = "shot 12",
            SourceRange = new TimeRange(0, 48, 24),
            Metadata = OtioJsonValue.FromObject([new(TaktOtio.MetadataKey, OtioJsonValue.FromObject([new(TaktOtio.CurvesKey, curves)]))]),
        };
        clip.MediaReference = new GeneratorReference
        {
            GeneratorKind = TaktOtio.GeneratorKind,
            Parameters = OtioJsonReader.Parse("""{"workflow": "anime-shot", "seed": 18446744073709551615, "prompt": "rain, neon"}"""),
            AvailableRange = new TimeRange(0, 48, 24),
        };
        clip.MediaReferences.Add(new("preview", new ExternalReference { TargetUrl = "file:///preview.mp4" }));
        var track = new Track();
        track.Add(clip);
        var timeline = new OtioTimeline { Name = "ep1" };
        timeline.Tracks.Add(track);

        var read = OtioReader.ReadTimeline(OtioWriter.Write(timeline));

        var readClip = (Clip)((Track)read.Tracks.Children[0]).Children[0];
        var generator = Assert.IsType<GeneratorReference>(readClip.MediaReference);
        Assert.Equal(TaktOtio.GeneratorKind, generator.GeneratorKind);
        Assert.Equal("18446744073709551615", generator.Parameters["seed"]!.BigIntegerText);
        Assert.True(curves.ContentEquals(readClip.TaktMetadata![TaktOtio.CurvesKey]!));
        Assert.Equal(["DEFAULT_MEDIA", "preview"], readClip.MediaReferences.Select(p => p.Key));
        Assert.Equal(new RationalTime(48, 24), read.Duration());
    }

    [Fact]
    public void ImageSequenceReference_NamesFramesLikeOtio()
    {
        var sequence = new ImageSequenceReference
        {
            TargetUrlBase = "file:///renders/shot12",
            NamePrefix = "shot12.",
            NameSuffix = ".exr",
            StartFrame = 1,
            FrameStep = 1,
            Rate = 24,
            FrameZeroPadding = 4,
            AvailableRange = new TimeRange(0, 48, 24),
        };

        Assert.Equal("file:///renders/shot12/shot12.0001.exr", sequence.TargetUrlForImageNumber(0));
        Assert.Equal("file:///renders/shot12/shot12.0048.exr", sequence.TargetUrlForImageNumber(47));
        Assert.Equal(48, sequence.NumberOfImagesInSequence());
        Assert.Equal(13, sequence.FrameForTime(new RationalTime(12, 24)));
        var read = Assert.IsType<ImageSequenceReference>(OtioReader.Read(OtioWriter.Write(sequence)));
        Assert.Equal(OtioWriter.Write(sequence), OtioWriter.Write(read));
    }
}
