using System.Text;
using Takt.Domain.Timeline;
using static Takt.Domain.Tests.Timeline.TimelineFixtures;

namespace Takt.Domain.Tests.Timeline;

public sealed class TimelineJsonTests
{
    private const string P = "00000001-0000-0000-0000-000000000000";
    private const string S = "00000002-0000-0000-0000-000000000000";

    [Fact]
    public void WriteDocument_SortsEntitiesByIdAndPropertiesByName()
    {
        var document = Apply(TimelineDocument.Empty,
            new CreateEntity(new ProjectEntity { Id = Id(1), OrderKey = "V", Name = "Film" }),
            new CreateEntity(new SceneEntity { Id = Id(2), ParentId = Id(1), OrderKey = "V", Name = "Opening" }));

        var json = Encoding.UTF8.GetString(TimelineJson.WriteDocument(document));

        Assert.Equal(
            $$$"""{"format":"takt.timeline/1","entities":[{"id":"{{{P}}}","kind":"project","parent":null,"orderKey":"V","props":{"name":"Film"}},""" +
            $$$"""{"id":"{{{S}}}","kind":"scene","parent":"{{{P}}}","orderKey":"V","props":{"name":"Opening"}}]}""",
            json);
    }

    [Fact]
    public void Operations_HaveTheDocumentedShapes()
    {
        Assert.Equal(
            $$$"""{"op":"set","entity":"{{{P}}}","property":"binding:sampler/cfg","value":{"type":"constant","value":7.0}}""",
            Write(new SetProperty(Id(1), "binding:sampler/cfg", new ConstantBinding(new NumberValue(7)))));
        Assert.Equal(
            $$$"""{"op":"batch","ops":[{"op":"move","entity":"{{{S}}}","parent":"{{{P}}}","orderKey":"k"},{"op":"set","entity":"{{{P}}}","property":"start","value":7}]}""",
            Write(new OperationBatch([new MoveEntity(Id(2), Id(1), "k"), new SetProperty(Id(1), "start", new IntegerValue(7))])));
    }

    [Fact]
    public void Values_NumbersKeepAFraction_AndCompositesRoundTrip()
    {
        TimelineValue[] values =
        [
            new NumberValue(3), new NumberValue(-0.125), new NumberValue(1e300), new IntegerValue(long.MaxValue), new TextValue("é\""), new BoolValue(false),
            NullValue.Instance, new FrameRate(24000, 1001), new ArchiveAssetSource(new(Id(9).Value), "sha256:ab"), new RenderedSequenceSource("sha256:cd", 48),
            new GenerationSource("wan-i2v"), new KeyInterpolation(InterpolationKind.Bezier, Handles: new(0.25, 0.1, 0.25, 1)),
            new KeyInterpolation(InterpolationKind.Ease, "sine-inout"), new CurveBinding(Id(3)), new ConstantBinding(new TextValue("a cat")),
        ];

        Assert.All(values, value =>
        {
            var op = new SetProperty(Id(1), "p", value);
            Assert.True(TimelineJson.TryReadOperation(TimelineJson.WriteOperation(op), out var read, out var problem), problem);
            Assert.Equal(op, read);
        });
    }

    [Theory]
    [InlineData("""{"op":"set","entity":"00000001-0000-0000-0000-000000000000","property":"start","value":1,"extra":1}""", "$.extra: unknown field")]
    [InlineData("""{"op":"set","entity":"00000001-0000-0000-0000-000000000000","property":"start"}""", "$.value: missing")]
    [InlineData("""{"op":"set","entity":"x","property":"start","value":1}""", "$.entity: expected an id")]
    [InlineData("""{"op":"set","entity":"00000001-0000-0000-0000-000000000000","property":7,"value":1}""", "$.property: expected text, not 7")]
    [InlineData("""{"op":"set","op":"set"}""", "$.op: appears twice")]
    [InlineData("""{"op":"smash"}""", "$.op: expected create, set, delete, move or batch")]
    [InlineData("""{"op":"batch","ops":[{"op":"move","entity":"00000001-0000-0000-0000-000000000000","orderKey":"V"}]}""", "$.ops[0].parent: missing")]
    [InlineData("""{"op":"set","entity":"00000001-0000-0000-0000-000000000000","property":"rate","value":{"type":"rate","num":24}}""", "$.value.den: missing")]
    [InlineData("""{"op":"set","entity":"00000001-0000-0000-0000-000000000000","property":"p","value":{"type":"interpolation","kind":"bezier","handles":[1,2]}}""", "$.value.handles: expected [outX, outY, inX, inY]")]
    [InlineData("""{"op":"set","entity":"00000001-0000-0000-0000-000000000000","property":"p","value":[1]}""", "$.value: expected a value, not array")]
    [InlineData("""{"op":"set","entity":"00000001-0000-0000-0000-000000000000","property":"p","value":99999999999999999999}""", "$.value: integer out of range")]
    [InlineData("""{"op":""", "not JSON")]
    public void ReadOperation_BadShape_ProblemNamesThePath(string json, string expected)
    {
        Assert.False(TimelineJson.TryReadOperation(Encoding.UTF8.GetBytes(json), out _, out var problem));
        Assert.StartsWith(expected, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadOperation_CreateWithBadProperty_NamesIt()
    {
        var json = $$$"""{"op":"create","entity":{"id":"{{{S}}}","kind":"cut","parent":"{{{P}}}","orderKey":"V","props":{"name":"A","rate":{"type":"rate","num":24,"den":1},"width":0,"height":1,"durationFrames":1}}""" + "}";

        Assert.False(TimelineJson.TryReadOperation(Encoding.UTF8.GetBytes(json), out _, out var problem));
        Assert.Equal("$.entity.props.width: must be at least 1, not 0", problem);
    }

    [Theory]
    [InlineData("""{"name":"A"}""", "$.entities[0].props.durationFrames: missing")]
    [InlineData("""{"name":"A","rate":{"type":"rate","num":24,"den":1},"width":1,"height":1,"durationFrames":1,"fps":24}""", "$.entities[0].props.fps: a cut has no property 'fps'")]
    public void ReadDocument_MissingOrUnknownProperty_NamesIt(string props, string expected)
    {
        var json = $$$"""{"format":"takt.timeline/1","entities":[{"id":"{{{S}}}","kind":"cut","parent":null,"orderKey":"V","props":{{{props}}}}]}""";

        Assert.False(TimelineJson.TryReadDocument(Encoding.UTF8.GetBytes(json), out _, out var problem));
        Assert.Equal(expected, problem);
    }

    [Fact]
    public void ReadDocument_RulesBroken_Refused()
    {
        var project = $$$"""{"id":"{{{P}}}","kind":"project","parent":null,"orderKey":"V","props":{"name":"F"}}""";
        var orphanScene = $$$"""{"id":"{{{S}}}","kind":"scene","parent":"00000009-0000-0000-0000-000000000000","orderKey":"V","props":{"name":"S"}}""";

        Assert.False(TimelineJson.TryReadDocument(Encoding.UTF8.GetBytes($$$"""{"format":"takt.timeline/1","entities":[{{{project}}},{{{project}}}]}"""), out _, out var twice));
        Assert.Contains("appears twice", twice, StringComparison.Ordinal);
        Assert.False(TimelineJson.TryReadDocument(Encoding.UTF8.GetBytes($$$"""{"format":"takt.timeline/1","entities":[{{{orphanScene}}}]}"""), out _, out var orphan));
        Assert.StartsWith("$.entities[0]: UnknownEntity", orphan, StringComparison.Ordinal);
        Assert.False(TimelineJson.TryReadDocument(Encoding.UTF8.GetBytes("""{"format":"takt.timeline/2","entities":[]}"""), out _, out var format));
        Assert.StartsWith("$.format", format, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadDocument_ChildrenListedBeforeParents_Accepted()
    {
        // Written sorted by id, so the scene (id 8) comes before its project (id 9).
        var document = Apply(TimelineDocument.Empty,
            new CreateEntity(new ProjectEntity { Id = Id(9), OrderKey = "V", Name = "Film" }),
            new CreateEntity(new SceneEntity { Id = Id(8), ParentId = Id(9), OrderKey = "V", Name = "Opening" }));
        var json = TimelineJson.WriteDocument(document);
        Assert.StartsWith("{\"format\":\"takt.timeline/1\",\"entities\":[{\"id\":\"00000008", Encoding.UTF8.GetString(json), StringComparison.Ordinal);

        Assert.True(TimelineJson.TryReadDocument(json, out var read, out var problem), problem);
        Assert.Equal(document, read);
    }

    private static string Write(TimelineOperation operation) => Encoding.UTF8.GetString(TimelineJson.WriteOperation(operation));
}
