using System.Text.Json;
using Takt.Domain.Timeline;
using Takt.Engine.Timelines;

namespace Takt.Cli.Tests;

/// <summary>takt timeline: edits as a stored operation log, refusals that write nothing, undo, files in and out.</summary>
public sealed class TimelineCommandTests : IDisposable
{
    private readonly TempFolder _temp = new();

    private string Ws => _temp.Combine("ws");

    [Fact]
    public async Task NewAddKeyBind_BuildATimeline_ShowListsIt_UndoTakesTheLastEditBack()
    {
        await InitAsync();
        await OkAsync("timeline", "new", "walk", "--fps", "24000/1001", "--size", "1280x720", "--frames", "48");
        await OkAsync("timeline", "add", "track", "walk", "--cut", "c001", "--kind", "generation", "--name", "gen");
        var clip = (await OkAsync("timeline", "add", "clip", "walk", "--track", "gen", "--generate", "hana", "--start", "0", "--duration", "24", "--name", "hana", "--json")).Json().GetProperty("id").GetString()!;
        await OkAsync("timeline", "key", "walk", "--target", "hana", "--param", "strength", "--frame", "0", "--value", "0.9");
        await OkAsync("timeline", "key", "walk", "--target", "hana", "--param", "strength", "--frame", "20", "--value", "0.4", "--interp", "ease-in-out-sine");
        await OkAsync("timeline", "key", "walk", "--target", "hana", "--param", "strength", "--frame", "20", "--value", "0.3", "--interp", "bezier", "--handles", "0.42,0,0.58,1");
        await OkAsync("timeline", "bind", "walk", "--clip", clip[^6..], "--input", "control.strength", "--curve", "strength");
        await OkAsync("timeline", "bind", "walk", "--clip", "hana", "--input", "sampler.steps", "--value", "20");
        await OkAsync("timeline", "key", "walk", "--target", "camera", "--param", "x", "--frame", "0", "--value", "640");

        var shown = await OkAsync("timeline", "show", "walk");
        Assert.Contains("cut c001: 1280x720 at 24000/1001 fps, 48 frames", shown.Output, StringComparison.Ordinal);
        Assert.Contains("control.strength ← curve strength", shown.Output, StringComparison.Ordinal);
        Assert.Contains("0=0.9 linear  20=0.3 bezier", shown.Output, StringComparison.Ordinal);

        var state = await new TimelineStore(Ws).LoadAsync("walk", TestContext.Current.CancellationToken);
        var hana = state.Document.Entities.Values.OfType<ClipEntity>().Single();
        Assert.Equal(new ConstantBinding(new IntegerValue(20)), hana.Bindings["sampler.steps"]);
        Assert.Equal(9, state.Edits);

        var undo = await OkAsync("timeline", "undo", "walk", "--json");
        Assert.Equal(7, undo.Json().GetProperty("undoable").GetInt32());
        var after = await new TimelineStore(Ws).LoadAsync("walk", TestContext.Current.CancellationToken);
        Assert.DoesNotContain(after.Document.Entities.Values.OfType<CurveEntity>(), c => c.Parameter == "x");

        var list = await OkAsync("timeline", "list", "--json");
        Assert.Equal("walk", Assert.Single(list.Json().EnumerateArray()).GetProperty("name").GetString());
    }

    [Fact]
    public async Task RefusedEdits_NameTheProblem_AndWriteNothing()
    {
        await InitAsync();
        await OkAsync("timeline", "new", "walk", "--frames", "48");
        await OkAsync("timeline", "add", "clip", "walk", "--track", "v1", "--generate", "a", "--start", "0", "--duration", "24", "--name", "a");
        var log = Path.Combine(Ws, "timelines", "walk", "ops.jsonl");
        var before = await File.ReadAllTextAsync(log, TestContext.Current.CancellationToken);

        var overlap = await Cli("timeline", "add", "clip", "walk", "--track", "v1", "--generate", "b", "--start", "10", "--duration", "24");
        var missing = await Cli("timeline", "key", "walk", "--target", "nobody", "--param", "x", "--frame", "0", "--value", "1");
        var kind = await Cli("timeline", "key", "walk", "--target", "a", "--param", "x", "--frame", "0", "--value", "1");
        var wrongKind = await Cli("timeline", "key", "walk", "--target", "a", "--param", "x", "--frame", "5", "--value", "left");
        var badEase = await Cli("timeline", "key", "walk", "--target", "a", "--param", "y", "--frame", "0", "--value", "1", "--interp", "wobbly");
        var badName = await Cli("timeline", "new", "Bad Name");
        var twice = await Cli("timeline", "new", "walk");
        var extend = await Cli("timeline", "extend", "walk", "--clip", "a", "--frames", "8");

        Assert.Equal(1, overlap.ExitCode);
        Assert.Contains("overlap", overlap.Error, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("no cut, track or clip 'nobody'", missing.Error, StringComparison.Ordinal);
        Assert.Equal(0, kind.ExitCode);
        Assert.Equal(1, wrongKind.ExitCode);
        Assert.Equal(1, badEase.ExitCode);
        Assert.Contains("not an interpolation", badEase.Error, StringComparison.Ordinal);
        Assert.Equal(1, badName.ExitCode);
        Assert.Equal(1, twice.ExitCode);
        Assert.Contains("already exists", twice.Error, StringComparison.Ordinal);
        Assert.Equal(1, extend.ExitCode);
        Assert.Contains("workflow 'a'", extend.Error, StringComparison.Ordinal);
        var lines = (await File.ReadAllTextAsync(log, TestContext.Current.CancellationToken)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(before.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length + 1, lines.Length); // only the good key
    }

    [Fact]
    public async Task TheLogIsTheTruth_ACutShortLineIsReported_RepairDropsIt_ACorruptLineIsNamed()
    {
        await InitAsync();
        await OkAsync("timeline", "new", "walk");
        await OkAsync("timeline", "key", "walk", "--target", "camera", "--param", "zoom", "--frame", "0", "--value", "1");
        var folder = Path.Combine(Ws, "timelines", "walk");
        var ct = TestContext.Current.CancellationToken;

        // The snapshot is only a convenience: the log's replay is what counts.
        File.Delete(Path.Combine(folder, "document.json"));
        Assert.Contains("curve zoom", (await OkAsync("timeline", "show", "walk")).Output, StringComparison.Ordinal);

        await File.AppendAllTextAsync(Path.Combine(folder, "ops.jsonl"), "{\"op\": {\"op\": \"set\", \"ent", ct);
        var cut = await Cli("timeline", "show", "walk");
        Assert.Equal(1, cut.ExitCode);
        Assert.Contains("line 3 is incomplete", cut.Error, StringComparison.Ordinal);
        Assert.True((await OkAsync("timeline", "repair", "walk", "--json")).Json().GetProperty("repaired").GetBoolean());
        await OkAsync("timeline", "show", "walk");

        await File.AppendAllTextAsync(Path.Combine(folder, "ops.jsonl"), "not json\n", ct);
        var corrupt = await Cli("timeline", "show", "walk");
        Assert.Equal(1, corrupt.ExitCode);
        Assert.Contains("line 3 is not a log entry", corrupt.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExportImport_RoundTripsTheDocument_AndSchedulesBecomeCurves()
    {
        await InitAsync();
        var ct = TestContext.Current.CancellationToken;
        await OkAsync("timeline", "new", "walk", "--frames", "60");
        await OkAsync("timeline", "key", "walk", "--target", "camera", "--param", "x", "--frame", "0", "--value", "960", "--interp", "ease-out-cubic");
        await OkAsync("timeline", "key", "walk", "--target", "camera", "--param", "x", "--frame", "59", "--value", "1200");
        var file = _temp.Combine("walk.json");
        await OkAsync("timeline", "export", "walk", "-o", file);
        await OkAsync("timeline", "import", file, "--name", "copy");
        var store = new TimelineStore(Ws);
        Assert.Equal((await store.LoadAsync("walk", ct)).Document, (await store.LoadAsync("copy", ct)).Document);
        var otio = _temp.Combine("walk.otio");
        await OkAsync("timeline", "export", "walk", "-o", otio);
        Assert.Contains("\"OTIO_SCHEMA\": \"Timeline.1\"", await File.ReadAllTextAsync(otio, ct), StringComparison.Ordinal);
        await OkAsync("timeline", "import", otio, "--name", "from-otio");
        Assert.Equal((await store.LoadAsync("walk", ct)).Document, (await store.LoadAsync("from-otio", ct)).Document);
        await File.WriteAllTextAsync(_temp.Combine("broken.otio"), "{\"OTIO_SCHEMA\": \"Timeline.1\",\n  \"tracks\": [", ct);
        var brokenOtio = await Cli("timeline", "import", _temp.Combine("broken.otio"));
        Assert.Equal(1, brokenOtio.ExitCode);
        Assert.Contains("line 2", brokenOtio.Error, StringComparison.Ordinal);

        var deforum = _temp.Combine("zoom.txt");
        await File.WriteAllTextAsync(deforum, "0:(1.0), 30:(1.0+0.002*t), 59:(1.2)", ct);
        var imported = await OkAsync("timeline", "import", deforum, "--into", "walk", "--target", "camera", "--param", "zoom", "--format", "deforum");
        Assert.Contains("zoom", imported.Output, StringComparison.Ordinal);
        var prompts = _temp.Combine("prompts.json");
        await File.WriteAllTextAsync(prompts, "{\"0\": \"dusk, festival\", \"30\": \"night, fireworks\"}", ct);
        await OkAsync("timeline", "import", prompts, "--into", "walk", "--target", "c001", "--param", "prompt", "--format", "fizz");
        var state = await store.LoadAsync("walk", ct);
        var prompt = state.Document.Entities.Values.OfType<CurveEntity>().Single(c => c.Parameter == "prompt");
        Assert.Equal(["dusk, festival", "night, fireworks"], state.Document.KeyframesOf(prompt.Id).Select(k => ((TextValue)k.Value).Value));

        var exported = _temp.Combine("x.txt");
        await OkAsync("timeline", "export", "walk", "--curve", "camera/x", "-o", exported);
        // An eased segment has no Deforum form: it is baked per frame.
        var schedule = await File.ReadAllTextAsync(exported, ct);
        Assert.StartsWith("0: (960)", schedule, StringComparison.Ordinal);
        Assert.True(schedule.Split(',').Length > 30, schedule);
        var motion = _temp.Combine("camera.motion3.json");
        await OkAsync("timeline", "export", "walk", "--curve", "camera/x", "-o", motion);
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(motion, ct));
        Assert.Equal(3, json.RootElement.GetProperty("Version").GetInt32());

        var broken = _temp.Combine("broken.txt");
        await File.WriteAllTextAsync(broken, "0:(1), 10:(sin(t)", ct);
        var bad = await Cli("timeline", "import", broken, "--into", "walk", "--target", "camera", "--param", "y", "--format", "deforum");
        Assert.Equal(1, bad.ExitCode);
        Assert.Contains("broken.txt", bad.Error, StringComparison.Ordinal);
    }

    public void Dispose() => _temp.Dispose();

    private async Task InitAsync() => Assert.Equal(0, (await CliRunner.RunAsync("init", "-w", Ws)).ExitCode);

    private Task<CliResult> Cli(params string[] args) => CliRunner.RunAsync([.. args, "-w", Ws]);

    private async Task<CliResult> OkAsync(params string[] args)
    {
        var result = await Cli(args);
        Assert.True(result.ExitCode == 0, result.ToString());
        return result;
    }
}
