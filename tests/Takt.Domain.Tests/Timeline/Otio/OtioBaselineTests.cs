using Takt.Domain.Timeline.Otio;
using Takt.Domain.Timeline.Otio.Json;

namespace Takt.Domain.Tests.Timeline.Otio;

// OTIO's tests/test_json_backend.py: each default object serialises to tests/baselines/empty_*.json and round-trips.
public sealed class OtioBaselineTests
{
    private static OtioJsonValue SomeMetadata() => OtioJsonReader.Parse("""{"comments": "adding some stuff to metadata to try out", "a number": 1.0}""");

    private static Stack BaselineStack() => new() { Name = "tracks", Metadata = SomeMetadata() };

    public static TheoryData<string, Func<OtioObject>> Objects => new()
    {
        { "empty_clip.json", () => new Clip { Name = "test_clip" } },
        { "empty_gap.json", () => new Gap() },
        { "empty_effect.json", () => new Effect() },
        { "empty_external_reference.json", () => new ExternalReference { TargetUrl = "foo.bar" } },
        { "empty_generator_reference.json", () => new GeneratorReference() },
        { "empty_missingreference.json", () => new MissingReference() },
        { "empty_serializable_collection.json", () => new SerializableCollection { Name = "test", Metadata = OtioJsonReader.Parse("""{"foo": "bar"}""") } },
        { "empty_stack.json", BaselineStack },
        { "empty_track.json", () => new Track { Name = "test_track", Metadata = SomeMetadata() } },
        { "empty_timeline.json", () => new OtioTimeline { Name = "Example Timeline", Metadata = SomeMetadata(), Tracks = BaselineStack() } },
        { "empty_transition.json", () => new Transition() },
    };

    [Theory]
    [MemberData(nameof(Objects))]
    public void DefaultObject_SerialisesToTheBaseline(string baseline, Func<OtioObject> create)
    {
        var json = OtioWriter.ToJson(create());

        Assert.True(OtioFixtures.Baseline(baseline).ContentEquals(json), OtioJsonWriter.Write(json));
        Assert.Equal(OtioWriter.Write(create()), OtioWriter.Write(OtioReader.Read(OtioWriter.Write(create()))));
    }

    [Fact]
    public void DefaultMarker_AsMarker3_IsTheBaseline()
    {
        var json = OtioWriter.ToJson(new Marker(), new OtioWriteOptions { MarkerVersion = 3 });

        Assert.True(OtioFixtures.Baseline("empty_marker.json").ContentEquals(json), OtioJsonWriter.Write(json));
    }

    [Fact]
    public void DefaultTimeValues_AreTheBaselines()
    {
        Assert.True(OtioFixtures.Baseline("empty_rationaltime.json").ContentEquals(OtioWriter.Time(new RationalTime())));
        Assert.True(OtioFixtures.Baseline("empty_timerange.json").ContentEquals(OtioWriter.Range(new TimeRange())));
        Assert.True(OtioFixtures.Baseline("empty_timetransform.json").ContentEquals(OtioWriter.Transform(new TimeTransform())));
    }
}
