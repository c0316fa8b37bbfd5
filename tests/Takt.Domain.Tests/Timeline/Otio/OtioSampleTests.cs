using Takt.Domain.Timeline.Otio;
using Takt.Domain.Timeline.Otio.Json;

namespace Takt.Domain.Tests.Timeline.Otio;

public sealed class OtioSampleTests
{
    public static TheoryData<string> Samples => new(OtioFixtures.SampleNames);

    [Fact]
    public void Corpus_HasEveryUpstreamSample()
    {
        Assert.True(OtioFixtures.SampleNames.Count() >= 13);
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Sample_ReadThenWrite_LosesNoContent(string name)
    {
        var text = OtioFixtures.Text(name);

        var written = OtioWriter.Write(OtioReader.Read(text));

        Assert.Null(OtioContent.FirstLoss(OtioJsonReader.Parse(text), OtioJsonReader.Parse(written)));
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Sample_WriteReadWrite_IsStable(string name)
    {
        var first = OtioWriter.Write(OtioReader.Read(OtioFixtures.Text(name)));

        var second = OtioWriter.Write(OtioReader.Read(first));

        Assert.Equal(first, second);
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Sample_EveryTrack_HasADuration(string name)
    {
        if (OtioReader.Read(OtioFixtures.Text(name)) is not OtioTimeline timeline)
        {
            return;
        }

        foreach (var track in timeline.Tracks.Children.OfType<Track>())
        {
            Assert.True(track.Duration().Value >= 0);
        }
    }

    [Fact]
    public void BigInt_KeepsEveryIntegerAndNonFiniteNumber()
    {
        var text = OtioFixtures.Text("big_int.otio");
        var timeline = OtioFixtures.Timeline("big_int.otio");

        var written = OtioWriter.Write(timeline);

        var original = OtioJsonReader.Parse(text)["metadata"]!;
        Assert.True(original.ContentEquals(timeline.Metadata));
        Assert.True(OtioJsonReader.Parse(written)["metadata"]!.ContentEquals(original));
    }

    [Fact]
    public void LegacyClipAndSequence_AreUpgraded()
    {
        var timeline = OtioFixtures.Timeline("generator_reference_test.otio");

        var track = Assert.IsType<Track>(timeline.Tracks.Children[0]);
        var clip = Assert.IsType<Clip>(track.Children[0]);
        var generator = Assert.IsType<GeneratorReference>(clip.MediaReference);
        Assert.Equal(Clip.DefaultMediaKey, clip.ActiveMediaReferenceKey);
        Assert.False(string.IsNullOrEmpty(generator.GeneratorKind));
        Assert.Contains("\"OTIO_SCHEMA\": \"Clip.2\"", OtioWriter.Write(timeline), StringComparison.Ordinal);
        Assert.Contains("\"OTIO_SCHEMA\": \"Clip.1\"", OtioWriter.Write(timeline, new OtioWriteOptions { ClipVersion = 1 }), StringComparison.Ordinal);
    }

    [Fact]
    public void NullMediaReference_BecomesMissingReference()
    {
        var track = (Track)OtioFixtures.Timeline("transition_test.otio").Tracks.Children[0];

        Assert.All(track.Children.OfType<Clip>(), clip => Assert.IsType<MissingReference>(clip.MediaReference));
    }

    [Fact]
    public void Marker3_ColorObjectIsKept_AndNewMarkersWriteMarker2()
    {
        var timeline = OtioFixtures.Timeline("premiere_example.otio");
        var marker = timeline.Tracks.Markers.Concat(timeline.Tracks.Children.OfType<Track>().SelectMany(t => t.Children.OfType<Item>()).SelectMany(i => i.Markers)).First();
        Assert.NotNull(marker.ColorObject);

        var fresh = new Marker { Name = "m", MarkedRange = new TimeRange(0, 1, 24) };
        var json = OtioWriter.ToJson(fresh);

        Assert.Equal("Marker.2", json["OTIO_SCHEMA"]!.AsString());
        Assert.Equal("RED", json["color"]!.AsString());
        Assert.Equal("Marker.3", OtioWriter.ToJson(fresh, new OtioWriteOptions { MarkerVersion = 3 })["OTIO_SCHEMA"]!.AsString());
    }

    [Fact]
    public void UnknownSchema_IsKeptUntouched()
    {
        const string json = """
            {"OTIO_SCHEMA": "Track.1", "name": "t", "kind": "Video", "children": [
              {"OTIO_SCHEMA": "Plugin.7", "name": "p", "weird": [1, NaN, {"x": 123456789012345678901234567890}]},
              {"OTIO_SCHEMA": "Clip.99", "name": "future"}
            ], "extra_key": {"keep": true}}
            """;

        var track = Assert.IsType<Track>(OtioReader.Read(json));

        var unknown = Assert.IsType<UnknownSchema>(track.Children[0]);
        Assert.Equal("Plugin", unknown.OriginalSchemaName);
        Assert.IsType<UnknownSchema>(track.Children[1]);
        Assert.Null(OtioContent.FirstLoss(OtioJsonReader.Parse(json), OtioJsonReader.Parse(OtioWriter.Write(track))));
    }

    [Fact]
    public void UnknownMediaReferenceAndEffect_AreKeptUntouched()
    {
        const string json = """
            {"OTIO_SCHEMA": "Clip.2", "name": "c", "active_media_reference_key": "DEFAULT_MEDIA",
             "media_references": {"DEFAULT_MEDIA": {"OTIO_SCHEMA": "CloudReference.2", "bucket": "b", "available_range": null}},
             "effects": [{"OTIO_SCHEMA": "GlowEffect.1", "radius": Inf}], "source_range": null}
            """;

        var clip = Assert.IsType<Clip>(OtioReader.Read("\uFEFF" + json));

        Assert.IsType<UnknownMediaReference>(clip.MediaReference);
        Assert.IsType<UnknownEffect>(clip.Effects[0]);
        Assert.Null(OtioContent.FirstLoss(OtioJsonReader.Parse(json), OtioJsonReader.Parse(OtioWriter.Write(clip))));
    }

    [Theory]
    [InlineData("{\"OTIO_SCHEMA\": \"Clip.2\", \"name\": 5}", "Clip.name must be a string")]
    [InlineData("{\"name\": \"x\"}", "no OTIO_SCHEMA")]
    [InlineData("{\"OTIO_SCHEMA\": \"Clip\"}", "is not Name.Version")]
    [InlineData("{\"OTIO_SCHEMA\": \"Track.1\", \"children\": [{\"OTIO_SCHEMA\": \"Marker.2\"}]}", "child must be")]
    [InlineData("{\"OTIO_SCHEMA\": \"ImageSequenceReference.1\", \"missing_frame_policy\": \"BOGUS\"}", "missing_frame_policy")]
    public void MalformedSchema_IsRejectedWithTheProblem(string json, string expected)
    {
        var error = Assert.Throws<OtioFormatException>(() => OtioReader.Read(json));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
