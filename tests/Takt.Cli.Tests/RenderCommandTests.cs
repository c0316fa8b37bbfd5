using System.Diagnostics;
using System.Text.Json;
using Takt.Domain.Archive;
using Takt.Domain.Timeline;
using Takt.TestKit.C2pa;
using Takt.TestKit.Timelines;

namespace Takt.Cli.Tests;

/// <summary>takt render on the demo workspace: real loads through the engine, compositing, ffmpeg, lineage and signing.</summary>
public sealed class RenderCommandTests(DemoWorkspace workspace) : IClassFixture<DemoWorkspace>, IDisposable
{
    private readonly TempFolder _temp = new();

    [Fact]
    public async Task Render_AKeyframedCut_IsASignedVideoOfItsFrames_AndARerenderReusesEverySegment()
    {
        var ct = TestContext.Current.CancellationToken;
        var (document, _) = await FestivalCutAsync(frames: 72);
        var file = await WriteAsync("festival.json", document);
        var output = _temp.Combine("festival.mp4");

        var first = await Run("render", file, "-o", output, "--tenant", "studio-kumo", "--preset", "ultrafast", "--json");

        Assert.True(first.ExitCode == 0, first.ToString());
        var json = first.Json();
        Assert.Equal((72, 2, 0), (json.GetProperty("frames").GetInt32(), json.GetProperty("segmentsEncoded").GetInt32(), json.GetProperty("segmentsReused").GetInt32()));
        var probe = await ProbeAsync(output, ct);
        Assert.Equal((320, 180, "72", "24/1"), (probe.GetProperty("width").GetInt32(), probe.GetProperty("height").GetInt32(), probe.GetProperty("nb_read_frames").GetString(), probe.GetProperty("r_frame_rate").GetString()));

        var report = await C2paReferenceReader.ReadAsync(output, Path.Combine(workspace.Root, "keys", "trust-anchors.pem"), ct);
        Assert.True(report.State == "Trusted", string.Join(", ", report.Failure.Select(f => f.Code)));
        var titles = report.Manifests.GetProperty(report.ActiveManifest!).GetProperty("ingredients").EnumerateArray().Select(i => i.GetProperty("title").GetString()).ToList();
        Assert.Contains("festival_far", titles);
        Assert.Contains("festival_near", titles);

        // The render derives from both layers' loads, by frames on screen (far: 72, near: 24).
        var lineage = await Run("lineage", "show", json.GetProperty("lineageNode").GetString()!, "--json");
        Assert.True(lineage.ExitCode == 0, lineage.ToString());
        var parents = lineage.Json().GetProperty("parents").EnumerateArray().Select(p => p.GetProperty("weight").GetDouble()).Order().ToList();
        Assert.Equal([0.25, 0.75], parents.Select(w => Math.Round(w, 6)));

        var again = await Run("render", file, "-o", output, "--tenant", "studio-kumo", "--preset", "ultrafast", "--json");
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Equal((0, 2), (again.Json().GetProperty("segmentsEncoded").GetInt32(), again.Json().GetProperty("segmentsReused").GetInt32()));
        Assert.Equal(json.GetProperty("lineageNode").GetString(), again.Json().GetProperty("lineageNode").GetString());
    }

    [Fact]
    public async Task ChangingOneKey_ReencodesOnlyTheSegmentsItReaches_AndALostSegmentIsMadeAgain()
    {
        var (document, near) = await FestivalCutAsync(frames: 72);
        var file = await WriteAsync("before.json", document);
        var output = _temp.Combine("cut.mp4");
        Assert.Equal(0, (await Run("render", file, "-o", output, "--tenant", "studio-kumo", "--preset", "ultrafast")).ExitCode);

        // Segments are two seconds (48 frames); the near layer only shows in the second (frames 48–71).
        var curve = document.CurvesOf(near).Single(c => c.Parameter == "x");
        var key = document.KeyframesOf(curve.Id)[^1];
        var moved = document.Replay([new SetProperty(key.Id, "value", new NumberValue(90))]).Document!;
        var changed = await Run("render", await WriteAsync("after.json", moved), "-o", output, "--tenant", "studio-kumo", "--preset", "ultrafast", "--json");

        Assert.True(changed.ExitCode == 0, changed.ToString());
        Assert.Equal((1, 1), (changed.Json().GetProperty("segmentsEncoded").GetInt32(), changed.Json().GetProperty("segmentsReused").GetInt32()));

        // An interrupted render leaves finished segments in the cache: only the missing one is made.
        var segments = Directory.GetFiles(Path.Combine(workspace.Root, "cache", "render", "segments"), "*.mp4").OrderBy(File.GetLastWriteTimeUtc).ToList();
        File.Delete(segments[^1]);
        var resumed = await Run("render", await WriteAsync("after.json", moved), "-o", output, "--tenant", "studio-kumo", "--preset", "ultrafast", "--json");
        Assert.Equal((1, 1), (resumed.Json().GetProperty("segmentsEncoded").GetInt32(), resumed.Json().GetProperty("segmentsReused").GetInt32()));
    }

    [Fact]
    public async Task Preview_HalvesThePicture()
    {
        var (document, _) = await FestivalCutAsync(frames: 12);
        var output = _temp.Combine("preview.mp4");

        var result = await Run("render", await WriteAsync("preview.json", document), "-o", output, "--tenant", "studio-kumo", "--preview", "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        var probe = await ProbeAsync(output, TestContext.Current.CancellationToken);
        Assert.Equal((160, 90), (probe.GetProperty("width").GetInt32(), probe.GetProperty("height").GetInt32()));
    }

    [Fact]
    public async Task BadTimelines_AreRefusedWithTheReason_AndNothingIsWritten()
    {
        var output = _temp.Combine("bad.mp4");
        var t = new TimelineBuilder();
        var cut = t.Cut("c001", 320, 180, 12);
        var track = t.Track(cut, "bg");
        t.Clip(track, "ghost", new ArchiveAssetSource(new AssetId(Guid.CreateVersion7()), new string('0', 64)), 0, 12);
        var missing = await Run("render", await WriteAsync("missing.json", t.Build()), "-o", output, "--tenant", "studio-kumo");

        var g = new TimelineBuilder();
        var gcut = g.Cut("c001", 320, 180, 12);
        g.Clip(g.Track(gcut, "gen", TrackKind.Generation), "hana", new GenerationSource("no-such-workflow"), 0, 12);
        var unknownWorkflow = await Run("render", await WriteAsync("gen.json", g.Build()), "-o", output, "--tenant", "studio-kumo");

        var odd = new TimelineBuilder();
        var oddCut = odd.Cut("c001", 321, 180, 12);
        odd.Clip(odd.Track(oddCut, "bg"), "x", new GenerationSource("x"), 0, 12);
        var oddSize = await Run("render", await WriteAsync("odd.json", odd.Build()), "-o", output, "--tenant", "studio-kumo");

        await File.WriteAllTextAsync(_temp.Combine("broken.json"), "{\"format\": \"takt.timeline/1\", \"entities\": [", TestContext.Current.CancellationToken);
        var broken = await Run("render", _temp.Combine("broken.json"), "-o", output);

        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("clip 'ghost' on track 'bg' shows asset", missing.Error, StringComparison.Ordinal);
        Assert.Equal(1, unknownWorkflow.ExitCode);
        Assert.Contains("workflow 'no-such-workflow'", unknownWorkflow.Error, StringComparison.Ordinal);
        Assert.Equal(1, oddSize.ExitCode);
        Assert.Contains("frame size must be even", oddSize.Error, StringComparison.Ordinal);
        Assert.Equal(1, broken.ExitCode);
        Assert.Contains("is not a timeline document", broken.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public async Task FillAndExtend_AreGenerationsFromTheirNeighboursFrames_AndTheRenderDerivesFromThem()
    {
        var ct = TestContext.Current.CancellationToken;
        var far = await AssetAsync("festival_far");
        var near = await AssetAsync("festival_near");
        var t = new TimelineBuilder();
        var cut = t.Cut("c001", 320, 180, 24);
        var track = t.Track(cut, "v");
        t.Curve(track, "scale", (0, 1 / 6.0));
        var a = t.Clip(track, "far", far, 0, 8);
        var b = t.Clip(track, "near", near, 12, 6);
        var document = t.Build();
        var fill = TimelineCommands.Fill(document, a, b, TimelineEntityId.New(), TimelineEntityId.New(), TimelineEntityId.New(), TimelineEntityId.New()).ApplyTo(document);
        Assert.True(fill.Applied, fill.Problem?.Message);
        var extension = TimelineEntityId.New();
        var extended = TimelineCommands.Extend(fill.Document, b, "push-in", 6, extension).ApplyTo(fill.Document);
        Assert.True(extended.Applied, extended.Problem?.Message);

        // The extension's workflow: the previous segment's last frame, pushed in by a tenth.
        Directory.CreateDirectory(Path.Combine(workspace.Root, "workflows"));
        await File.WriteAllTextAsync(Path.Combine(workspace.Root, "workflows", "push-in.json"), """
            {"name": "push-in", "nodes": {
              "previous": {"type": "takt.frame", "params": {"frame": "-", "source": "-"}},
              "closer": {"type": "takt.crop", "params": {"x": 96, "y": 54, "width": 1728, "height": 972}, "inputs": {"image": "previous.image"}},
              "output": {"type": "takt.resize", "params": {"width": 1920, "height": 1080}, "inputs": {"image": "closer.image"}}
            }}
            """, ct);
        var output = _temp.Combine("chain.mp4");

        var result = await Run("render", await WriteAsync("chain.json", extended.Document), "-o", output, "--tenant", "studio-kumo", "--preset", "ultrafast", "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(24, result.Json().GetProperty("frames").GetInt32());
        var lineage = await Run("lineage", "show", result.Json().GetProperty("lineageNode").GetString()!, "--json");
        var parents = lineage.Json().GetProperty("parents").EnumerateArray().ToList();

        // far (8 frames), near (6), four in-betweens (1 each), the extension (6).
        Assert.Equal([1, 1, 1, 1, 6, 6, 8], parents.Select(p => Math.Round(p.GetProperty("weight").GetDouble() * 24, 6)).Order());
        var attribution = await Run("lineage", "attribution", result.Json().GetProperty("lineageNode").GetString()!, "--json");
        Assert.True(attribution.ExitCode == 0, attribution.ToString());
        Assert.Contains("Studio Kumo", attribution.Output, StringComparison.Ordinal);

        using var middle = await FrameAsync(output, 10, ct);
        using var left = await FrameAsync(output, 7, ct);
        using var right = await FrameAsync(output, 12, ct);
        var (l, m, r) = (left.Avg(), middle.Avg(), right.Avg());
        Assert.InRange(m, Math.Min(l, r) - 2, Math.Max(l, r) + 2);
    }

    [Fact]
    public async Task FrameNode_OpensOnlyAFrameTheNamedNodeMade_NeverAnAssetByItsHash()
    {
        var far = await AssetAsync("festival_far");
        var workflow = _temp.Combine("sneak.json");
        var json = """{"name": "sneak", "nodes": {"f": {"type": "takt.frame", "params": {"frame": "HASH", "source": "NODE"}}}}"""
            .Replace("HASH", far.ContentHash, StringComparison.Ordinal).Replace("NODE", Guid.CreateVersion7().ToString(), StringComparison.Ordinal);
        await File.WriteAllTextAsync(workflow, json, TestContext.Current.CancellationToken);

        var result = await Run("run", workflow, "--tenant", "studio-kumo");

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("made the frame", result.Output + result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VideoAndSound_AVideoAssetPlaysFromItsInPoint_AndTheSoundIsMixedInAtItsPlace()
    {
        var ct = TestContext.Current.CancellationToken;
        var media = Directory.CreateDirectory(_temp.Combine("media")).FullName;
        await FfmpegAsync(["-v", "error", "-f", "lavfi", "-i", "testsrc=size=320x180:rate=24", "-t", "2", "-pix_fmt", "yuv420p", Path.Combine(media, "layout.mp4")], ct);
        await FfmpegAsync(["-v", "error", "-f", "lavfi", "-i", "sine=frequency=440:duration=3", Path.Combine(media, "voice.wav")], ct);
        await File.WriteAllTextAsync(Path.Combine(media, "takt.json"), """
            {
              "tenant": "studio", "project": "show",
              "contributors": [{"id": "ann", "name": "Ann"}],
              "defaults": {"author": "ann", "licence": "LicenseRef-studio"},
              "files": [
                {"path": "layout.mp4", "layer": "reference", "work": "layout", "consent": {"reference-use": "allowed"}},
                {"path": "voice.wav", "layer": "audio", "work": "voice", "consent": {"reference-use": "allowed"}}
              ]
            }
            """, ct);
        var ws = _temp.Combine("ws");
        Assert.Equal(0, (await CliRunner.RunAsync("init", "-w", ws)).ExitCode);
        var ingest = await CliRunner.RunAsync("ingest", media, "-w", ws);
        Assert.True(ingest.ExitCode == 0, ingest.ToString());
        var assets = (await CliRunner.RunAsync("assets", "list", "-w", ws, "--json")).Json().GetProperty("assets").EnumerateArray()
            .ToDictionary(a => a.GetProperty("name").GetString()!, a => new ArchiveAssetSource(new AssetId(Guid.Parse(a.GetProperty("id").GetString()!)), a.GetProperty("sha256").GetString()!));
        var t = new TimelineBuilder();
        var cut = t.Cut("c001", 320, 180, 36);
        t.Clip(t.Track(cut, "layout"), "layout", assets["layout"], 0, 36, sourceIn: 6);
        t.Clip(t.Track(cut, "voice", TrackKind.Audio), "voice", assets["voice"], 12, 24);
        var output = _temp.Combine("with-sound.mp4");

        var result = await CliRunner.RunAsync("render", await WriteAsync("sound.json", t.Build()), "-o", output, "-w", ws, "--preset", "ultrafast", "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        var video = await ProbeAsync(output, ct);
        Assert.Equal("36", video.GetProperty("nb_read_frames").GetString());
        var audio = await ProbeAsync(output, ct, "a:0");
        Assert.Equal("aac", audio.GetProperty("codec_name").GetString());
        Assert.InRange(double.Parse(audio.GetProperty("duration").GetString()!, System.Globalization.CultureInfo.InvariantCulture), 1.4, 1.6);
    }

    public void Dispose() => _temp.Dispose();

    /// <summary>
    /// A 320×180 cut at 24 fps: the far festival layer all through at a sixth of its size, the
    /// near one over the last 24 frames sliding in, and a camera panning right and pushing in.
    /// </summary>
    private async Task<(TimelineDocument Document, TimelineEntityId Near)> FestivalCutAsync(long frames)
    {
        var far = await AssetAsync("festival_far");
        var nearAsset = await AssetAsync("festival_near");
        var t = new TimelineBuilder();
        var cut = t.Cut("c001", 320, 180, frames);
        var camera = t.Track(cut, "camera", TrackKind.Camera);
        t.Curve(camera, "x", (0, 160), (frames - 1, 200));
        t.Curve(camera, "zoom", (0, 1), (frames - 1, 1.2));
        var back = t.Track(cut, "far");
        t.Curve(back, "scale", (0, 1 / 6.0));
        t.Curve(back, "depth", (0, 0.5));
        t.Clip(back, "far", far, 0, frames);
        var front = t.Track(cut, "near");
        t.Curve(front, "scale", (0, 1 / 6.0));
        var near = t.Clip(front, "near", nearAsset, Math.Max(0, frames - 24), Math.Min(24, frames));
        t.Curve(near, "x", (0, 260), (23, 160));
        return (t.Build(), near);
    }

    private async Task<ArchiveAssetSource> AssetAsync(string name)
    {
        var id = await workspace.AssetIdAsync("background", name);
        var shown = await Run("assets", "show", id, "--json");
        return new ArchiveAssetSource(new AssetId(Guid.Parse(id)), shown.Json().GetProperty("asset").GetProperty("sha256").GetString()!);
    }

    private async Task<string> WriteAsync(string name, TimelineDocument document)
    {
        var path = _temp.Combine(name);
        await File.WriteAllBytesAsync(path, TimelineJson.WriteDocument(document), TestContext.Current.CancellationToken);
        return path;
    }

    private Task<CliResult> Run(params string[] args) => CliRunner.RunAsync([.. args, "-w", workspace.Root]);

    private static async Task<NetVips.Image> FrameAsync(string video, int frame, CancellationToken cancellationToken)
    {
        var png = video + $".{frame}.png";
        var start = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "-v", "error", "-y", "-i", video, "-vf", $"select=eq(n\\,{frame})", "-frames:v", "1", png })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var errors = await process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        Assert.True(process.ExitCode == 0, errors);
        return NetVips.Image.NewFromBuffer(await File.ReadAllBytesAsync(png, cancellationToken));
    }

    private static async Task FfmpegAsync(string[] arguments, CancellationToken cancellationToken)
    {
        using var process = Process.Start(new ProcessStartInfo("ffmpeg", arguments) { RedirectStandardError = true, UseShellExecute = false })!;
        var errors = await process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        Assert.True(process.ExitCode == 0, errors);
    }

    private static async Task<JsonElement> ProbeAsync(string path, CancellationToken cancellationToken, string stream = "v:0")
    {
        var start = new ProcessStartInfo("ffprobe") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "-v", "error", "-count_frames", "-select_streams", stream, "-show_streams", "-of", "json", path })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        Assert.True(process.ExitCode == 0, await process.StandardError.ReadToEndAsync(cancellationToken));
        return JsonDocument.Parse(output).RootElement.GetProperty("streams")[0].Clone();
    }
}
