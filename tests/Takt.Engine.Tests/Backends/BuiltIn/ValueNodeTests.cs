using System.Text.Json;
using Takt.Domain.Workflows;
using Takt.Engine.Backends.BuiltIn;

namespace Takt.Engine.Tests.Backends.BuiltIn;

public sealed class ValueNodeTests : IAsyncLifetime
{
    private readonly BuiltInHarness _harness = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _harness.DisposeAsync();

    [Fact]
    public async Task Text_Parameter_InlineTextHashedByItsCanonicalJson()
    {
        var output = await _harness.RunOneAsync(BuiltInNodeTypes.Text, new { text = "a lantern, at dusk" });

        Assert.Equal(PortType.Text, output.Type);
        Assert.Equal("a lantern, at dusk", output.Inline!.Value.GetString());
        Assert.Equal(InlineValues.Hash("\"a lantern, at dusk\""u8), output.ContentHash);
        Assert.Null(output.BlobHash);
    }

    [Fact]
    public async Task Number_Parameter_InlineNumber()
    {
        var output = await _harness.RunOneAsync(BuiltInNodeTypes.Number, new { value = 2.5 });

        Assert.Equal((PortType.Number, 2.5), (output.Type, output.Inline!.Value.GetDouble()));
        Assert.Equal(InlineValues.Hash("2.5"u8), output.ContentHash);
    }

    [Fact]
    public async Task Number_NotANumber_PermanentError()
    {
        var error = await _harness.FailAsync(BuiltInNodeTypes.Number, new { value = "two" });

        Assert.Contains("'value' must be a finite number", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CurveThenSample_LinearAndConstantSegments_InterpolatesAndHolds()
    {
        var keys = new object[]
        {
            new { frame = 0, value = 0, interpolation = "linear" },
            new { frame = 10, value = 100, interpolation = "constant" },
            new { frame = 20, value = -5 },
        };
        var curve = await _harness.RunOneAsync(BuiltInNodeTypes.Curve, new { keys });

        async Task<double> At(double frame) =>
            (await _harness.RunOneAsync(BuiltInNodeTypes.CurveSample, new { frame }, Inputs(("curve", curve)))).Inline!.Value.GetDouble();

        Assert.Equal(PortType.Curve, curve.Type);
        Assert.Equal(0, await At(-3));
        Assert.Equal(25, await At(2.5));
        Assert.Equal(100, await At(15));
        Assert.Equal(-5, await At(20));
        Assert.Equal(-5, await At(1000));
    }

    [Fact]
    public async Task Curve_SameKeysWrittenDifferently_SameContentHash()
    {
        var first = await _harness.RunOneAsync(BuiltInNodeTypes.Curve, new { keys = new object[] { new { frame = 1, value = 2 } } });
        var second = await _harness.RunOneAsync(BuiltInNodeTypes.Curve, new { keys = new object[] { new { interpolation = "linear", value = 2.0, frame = 1.0 } } });

        Assert.Equal(first.ContentHash, second.ContentHash);
    }

    [Theory]
    [InlineData("""[{"frame": 5, "value": 1}, {"frame": 5, "value": 2}]""", "key 1: frame 5 does not come after key 0's frame 5")]
    [InlineData("""[]""", "at least one key")]
    [InlineData("""[{"frame": 0, "value": 1, "interpolation": "smooth"}]""", "key 0: interpolation must be one of \"constant\", \"linear\", \"bezier\"")]
    [InlineData("""[{"frame": 0, "value": 1, "interpolation": "bezier"}]""", "key 0: a bezier key needs both handles 'out' and 'in'")]
    [InlineData("""[{"frame": 0, "value": 1e400}]""", "key 0: value Infinity is not a finite number")]
    [InlineData("""{"frame": 0}""", "keys must be a JSON list")]
    public async Task Curve_InvalidKeys_PermanentErrorSayingWhy(string keys, string expected)
    {
        var error = await _harness.FailAsync(BuiltInNodeTypes.Curve, new { keys = JsonDocument.Parse(keys).RootElement });

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Noop_Unconnected_PassesOnNull()
    {
        var output = await _harness.RunOneAsync(BuiltInNodeTypes.Noop);

        Assert.Equal((PortType.Json, JsonValueKind.Null), (output.Type, output.Inline!.Value.ValueKind));
    }

    [Fact]
    public async Task Noop_Connected_PassesTheSameValueOn()
    {
        var input = InlineValues.Json(JsonDocument.Parse("""{"b": 1, "a": [true, null]}""").RootElement);

        var output = await _harness.RunOneAsync(BuiltInNodeTypes.Noop, inputs: Inputs(("json", input)));

        Assert.Same(input, output);
        Assert.Equal(InlineValues.Hash("""{"a":[true,null],"b":1}"""u8), input.ContentHash);
    }

    [Fact]
    public async Task Wait_ShortWait_ReportsProgressUpToTheEnd()
    {
        var output = await _harness.RunOneAsync(BuiltInNodeTypes.Wait, new { seconds = 0.35 });

        Assert.Equal(0.35, output.Inline!.Value.GetDouble());
        var reports = _harness.Context.ProgressReports;
        Assert.True(reports.Count >= 2, $"{reports.Count} progress reports");
        Assert.All(reports, r => Assert.Equal(0.35, r.Max));
        Assert.Equal(0.35, reports[^1].Value);
    }

    [Fact]
    public async Task Wait_Cancelled_StopsWithCancellation()
    {
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        _harness.Context.Reported += (value, _) =>
        {
            if (value > 0)
            {
                cancel.Cancel();
            }
        };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _harness.RunAsync(BuiltInNodeTypes.Wait, new { seconds = 3600 }, cancellationToken: cancel.Token));
    }

    [Fact]
    public async Task Wait_OverAnHour_PermanentErrorNamingTheRange()
    {
        var error = await _harness.FailAsync(BuiltInNodeTypes.Wait, new { seconds = 3601 });

        Assert.Contains("'seconds' is 3601, outside 0..3600", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Execute_UnknownVersion_PermanentError()
    {
        var error = await _harness.FailAsync(BuiltInNodeTypes.Text with { Version = 9 }, new { text = "x" });

        Assert.Contains("takt.text@9", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Backend_Identity_NameKindCapabilityAndTypes()
    {
        Assert.Equal("builtin", _harness.Backend.Name);
        Assert.StartsWith("takt ", _harness.Backend.Kind, StringComparison.Ordinal);
        Assert.Equal(["builtin"], _harness.Backend.Capabilities);
        Assert.Equal(2, _harness.Backend.Capacity);
        Assert.Equal(_harness.Backend.NodeTypes.Count, _harness.Backend.NodeTypes.Select(t => t.Name).Distinct().Count());
        Assert.All(_harness.Backend.NodeTypes, t => Assert.Equal((1, "builtin", SeedSupport.Deterministic), (t.Version, t.Capability, t.Seed)));
    }

    [Fact]
    public async Task Execute_AnyNode_ProvenanceNamesTheBackendAndDeterminism()
    {
        var result = await _harness.RunAsync(BuiltInNodeTypes.Number, new { value = 1 });

        Assert.Equal(_harness.Backend.Kind, result.Provenance.Backend);
        Assert.Equal(SeedSupport.Deterministic, result.Provenance.SeedSupport);
        Assert.Null(result.Provenance.Seed);
    }

    private static Dictionary<string, PortValue> Inputs(params (string Port, PortValue Value)[] inputs) => ImageNodeTests.Inputs(inputs);
}
