using System.Diagnostics;
using System.Globalization;
using Takt.Domain.Timeline.Otio;
using Takt.Domain.Timeline.Otio.Json;

// bench/otio.sh: `generate <file> <clips>` writes a timeline; `run <file> <iterations>` times parse + write of it
// (best of the iterations after one warm-up) and prints `takt_s=<seconds>`.
if (args is ["generate", var path, var clipText])
{
    var timeline = Generate(int.Parse(clipText, CultureInfo.InvariantCulture));
    File.WriteAllText(path, OtioWriter.Write(timeline));
    Console.WriteLine($"clips={timeline.Tracks.Children.OfType<Track>().Sum(t => t.Children.OfType<Clip>().Count())}");
    return 0;
}

if (args is ["run", var file, var iterationText])
{
    var bytes = File.ReadAllBytes(file);
    var best = double.MaxValue;
    var length = 0;
    var split = "";
    for (var i = 0; i <= int.Parse(iterationText, CultureInfo.InvariantCulture); i++)
    {
        var stopwatch = Stopwatch.StartNew();
        var tree = OtioJsonReader.Parse(bytes);
        var tokenized = stopwatch.Elapsed.TotalSeconds;
        var parsed = OtioReader.ReadObject(tree);
        var read = stopwatch.Elapsed.TotalSeconds;
        var written = OtioWriter.ToJson(parsed);
        var modelled = stopwatch.Elapsed.TotalSeconds;
        length = OtioJsonWriter.WriteUtf8(written).Length;
        stopwatch.Stop();
        if (i > 0 && stopwatch.Elapsed.TotalSeconds < best)
        {
            best = stopwatch.Elapsed.TotalSeconds;
            split = FormattableString.Invariant($"json_parse_s={tokenized:0.000} model_read_s={read - tokenized:0.000} model_write_s={modelled - read:0.000} json_write_s={best - modelled:0.000}");
        }
    }

    Console.WriteLine(FormattableString.Invariant($"takt_s={best:0.0000} bytes_in={bytes.Length} bytes_out={length} {split}"));
    return 0;
}

Console.Error.WriteLine("usage: OtioBench generate <file> <clips> | run <file> <iterations>");
return 1;

static OtioTimeline Generate(int clips)
{
    const int tracks = 4;
    var timeline = new OtioTimeline { Name = "bench", GlobalStartTime = new RationalTime(86400, 24) };
    for (var t = 0; t < tracks; t++)
    {
        var track = new Track { Name = $"V{t + 1}", Kind = t == tracks - 1 ? Track.AudioKind : Track.VideoKind };
        for (var c = 0; c < clips / tracks; c++)
        {
            if (c > 0 && c % 10 == 0)
            {
                track.Add(new Transition { Name = "dissolve", TransitionType = Transition.SmpteDissolve, InOffset = new RationalTime(6, 24), OutOffset = new RationalTime(6, 24) });
            }

            var clip = new Clip
            {
                Name = $"shot_{t}_{c:00000}",
                SourceRange = new TimeRange(100 + c, 24 + (c % 48), 24),
                Metadata = OtioJsonReader.Parse(
                    """{"takt": {"curves": {"denoise": {"keys": [{"frame": 0, "value": 0.35}, {"frame": 24, "value": """
                    + (0.5 + (c % 10 / 20.0)).ToString(CultureInfo.InvariantCulture)
                    + """}]}}, "recipe": {"seed": """ + (1000 + c).ToString(CultureInfo.InvariantCulture)
                    + """, "prompt": "shot """ + c.ToString(CultureInfo.InvariantCulture) + """, rain, neon"}}}"""),
            };
            clip.MediaReference = c % 3 == 0
                ? new GeneratorReference { GeneratorKind = TaktOtio.GeneratorKind, Parameters = OtioJsonReader.Parse($$"""{"workflow": "anime-shot", "take": {{c}}}"""), AvailableRange = new TimeRange(0, 200, 24) }
                : new ExternalReference { TargetUrl = $"file:///media/shot_{t}_{c:00000}.mov", AvailableRange = new TimeRange(0, 400, 24) };
            if (c % 5 == 0)
            {
                clip.Markers.Add(new Marker { Name = "note", MarkedRange = new TimeRange(100 + c, 1, 24), Comment = "check lip sync" });
            }

            track.Add(clip);
        }

        timeline.Tracks.Add(track);
    }

    return timeline;
}
