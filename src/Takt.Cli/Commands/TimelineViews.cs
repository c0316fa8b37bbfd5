using Spectre.Console;
using Takt.Cli.Hosting;
using Takt.Domain.Timeline;
using Takt.Engine.Timelines;

namespace Takt.Cli.Commands;

/// <summary>How <c>takt timeline show</c> prints a timeline: a tree for people, nested JSON for scripts.</summary>
internal static class TimelineViews
{
    public static void Show(CliOutput cli, TimelineState state)
    {
        var document = state.Document;
        if (cli.Json)
        {
            cli.WriteJson(new { name = state.Name, edits = state.Edits, undoable = state.Undoable, projects = document.Roots().Select(r => Json(document, r)) });
            return;
        }

        var tree = new Tree($"[bold]{Markup.Escape(state.Name)}[/] ({state.Edits} edit(s), {state.Undoable} undoable)");
        foreach (var root in document.Roots())
        {
            Add(document, tree.AddNode(Label(document, root)), root);
        }

        cli.Console.Write(tree);
        cli.Line();
    }

    private static void Add(TimelineDocument document, TreeNode node, TimelineEntity entity)
    {
        foreach (var child in entity is TrackEntity ? document.ClipsOf(entity.Id).Cast<TimelineEntity>().Concat(document.CurvesOf(entity.Id)) : document.Children(entity.Id).Where(c => c is not KeyframeEntity))
        {
            Add(document, node.AddNode(Label(document, child)), child);
        }
    }

    private static string Label(TimelineDocument document, TimelineEntity entity) => Markup.Escape(entity switch
    {
        ProjectEntity p => $"project {p.Name}",
        SceneEntity s => $"scene {s.Name}",
        CutEntity c => $"cut {c.Name}: {c.Width}x{c.Height} at {c.Rate} fps, {c.DurationFrames} frames",
        TrackEntity t => $"{TimelineNames.Of(t.TrackKind)} track {t.Name}{(t.Enabled ? "" : " (off)")}{(t.Locked ? " (locked)" : "")}",
        ClipEntity c => $"clip {c.Name} [{c.Start}, {c.End}) from {c.SourceIn}: {Source(c.Source)}{string.Concat(c.Bindings.Select(b => $", {b.Key} ← {Binding(document, b.Value)}"))}",
        CurveEntity c => $"curve {c.Parameter} ({TimelineNames.Of(c.ValueKind)}): {string.Join("  ", document.KeyframesOf(c.Id).Select(k => $"{k.Frame:0.###}={Value(k.Value)} {Interpolation(k.Interpolation)}"))}",
        _ => entity.Kind.ToString(),
    }) + $" [grey]…{entity.Id.ToString()[^8..]}[/]";

    private static object Json(TimelineDocument document, TimelineEntity entity) => new
    {
        id = entity.Id.ToString(),
        kind = TimelineNames.Of(entity.Kind),
        properties = entity.AllPropertyNames().ToDictionary(p => p, p => Value(entity.GetProperty(p)!)),
        children = (entity is TrackEntity ? document.ClipsOf(entity.Id).Cast<TimelineEntity>().Concat(document.CurvesOf(entity.Id)) : document.Children(entity.Id)).Select(c => Json(document, c)),
    };

    private static string Source(ClipSource source) => source switch
    {
        ArchiveAssetSource a => $"asset {a.Asset.Value} (sha256 {a.ContentHash[..Math.Min(12, a.ContentHash.Length)]}…)",
        GenerationSource g => $"generation {g.Workflow}",
        RenderedSequenceSource r => $"sequence {r.ManifestHash[..Math.Min(12, r.ManifestHash.Length)]}… ({r.FrameCount} frames)",
        _ => source.TypeName,
    };

    private static string Binding(TimelineDocument document, ParameterBinding binding) => binding switch
    {
        CurveBinding c => document.Find<CurveEntity>(c.Curve) is { } curve ? $"curve {curve.Parameter}" : "a deleted curve",
        ConstantBinding k => Value(k.Value),
        _ => binding.TypeName,
    };

    private static string Interpolation(KeyInterpolation interpolation) =>
        interpolation.Easing ?? TimelineNames.Of(interpolation.Kind);

    private static string Value(TimelineValue value) => value switch
    {
        NumberValue n => n.Value.ToString("0.####", System.Globalization.CultureInfo.InvariantCulture),
        IntegerValue i => i.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
        TextValue t => t.Value,
        BoolValue b => b.Value ? "true" : "false",
        FrameRate r => r.ToString(),
        ClipSource s => Source(s),
        KeyInterpolation k => Interpolation(k),
        NullValue => "null",
        _ => value.TypeName,
    };
}
