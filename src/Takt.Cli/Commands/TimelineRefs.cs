using System.Globalization;
using Takt.Cli.Hosting;
using Takt.Domain.Timeline;

namespace Takt.Cli.Commands;

/// <summary>
/// Finds the entity a command names: its id, the start or end of its id (at least four characters), or
/// its name (scenes, cuts, tracks, clips); a curve as <c>&lt;target&gt;/&lt;parameter&gt;</c>.
/// Nothing found, or more than one, is an error that lists what there is.
/// </summary>
internal static class TimelineRefs
{
    public static T Find<T>(TimelineDocument document, string reference)
        where T : TimelineEntity
    {
        var kind = typeof(T) == typeof(TimelineEntity) ? "cut, track or clip" : typeof(T).Name.Replace("Entity", "", StringComparison.Ordinal).ToLowerInvariant();
        var all = document.Entities.Values.OfType<T>().Where(e => typeof(T) != typeof(TimelineEntity) || e is CutEntity or TrackEntity or ClipEntity).ToList();
        if (typeof(T) == typeof(CurveEntity) && reference.LastIndexOf('/') is var slash and > 0)
        {
            var target = Find<TimelineEntity>(document, reference[..slash]);
            var parameter = reference[(slash + 1)..];
            return document.CurvesOf(target.Id).FirstOrDefault(c => c.Parameter == parameter) as T
                ?? throw new UserErrorException($"{Describe(document, target)} has no curve '{parameter}'");
        }

        var matches = all.Where(e => e.Id.ToString() == reference).ToList();
        if (matches.Count == 0)
        {
            matches = [.. all.Where(e => NameOf(e) == reference)];
        }

        if (matches.Count == 0 && reference.Length >= 4)
        {
            matches = [.. all.Where(e => e.Id.ToString().StartsWith(reference, StringComparison.OrdinalIgnoreCase) || e.Id.ToString().EndsWith(reference, StringComparison.OrdinalIgnoreCase))];
        }

        return matches.Count switch
        {
            1 => matches[0],
            0 => throw new UserErrorException($"the timeline has no {kind} '{reference}'"
                + (all.Count == 0 ? "" : $"; there are: {string.Join(", ", all.Take(12).Select(e => Describe(document, e)))}{(all.Count > 12 ? ", …" : "")}")),
            _ => throw new UserErrorException($"'{reference}' names {matches.Count} {kind}s ({string.Join(", ", matches.Select(e => $"{Describe(document, e)} {e.Id}"))}); use an id"),
        };
    }

    public static string? NameOf(TimelineEntity entity) => entity.GetProperty("name") is TextValue name ? name.Value : null;

    public static string Describe(TimelineDocument document, TimelineEntity entity) => entity switch
    {
        CurveEntity curve => $"{(document.Find(curve.ParentId ?? default) is { } owner ? Describe(document, owner) : "?")}/{curve.Parameter}",
        _ => $"{entity.Kind.ToString().ToLowerInvariant()} '{NameOf(entity)}'",
    };

    /// <summary>A frame rate as N or N/D (24, 30000/1001), or a decimal rate NTSC knows (23.976, 29.97, 59.94).</summary>
    public static FrameRate Rate(string text)
    {
        var parts = text.Split('/');
        if (parts.Length == 2 && long.TryParse(parts[0], CultureInfo.InvariantCulture, out var n) && long.TryParse(parts[1], CultureInfo.InvariantCulture, out var d) && n > 0 && d > 0)
        {
            return new FrameRate(n, d);
        }

        return text switch
        {
            _ when long.TryParse(text, CultureInfo.InvariantCulture, out var whole) && whole is > 0 and <= 240 => new FrameRate(whole, 1),
            "23.976" or "23.98" => new FrameRate(24000, 1001),
            "29.97" => new FrameRate(30000, 1001),
            "59.94" => new FrameRate(60000, 1001),
            _ => throw new UserErrorException($"'{text}' is not a frame rate; use a whole number (24, 30), a ratio (30000/1001) or 23.976, 29.97, 59.94"),
        };
    }

    public static (int Width, int Height) Size(string text)
    {
        var parts = text.Split('x', 'X');
        return parts.Length == 2 && int.TryParse(parts[0], CultureInfo.InvariantCulture, out var w) && int.TryParse(parts[1], CultureInfo.InvariantCulture, out var h) && w is >= 2 and <= 16384 && h is >= 2 and <= 16384
            ? (w, h)
            : throw new UserErrorException($"'{text}' is not a picture size; use WIDTHxHEIGHT, e.g. 1920x1080 (2–16384)");
    }

    /// <summary>A value typed on the command line: true/false, an integer, a number, else text.</summary>
    public static TimelineValue Value(string text, bool integers = false) => text switch
    {
        "true" => new BoolValue(true),
        "false" => new BoolValue(false),
        _ when integers && long.TryParse(text, CultureInfo.InvariantCulture, out var i) => new IntegerValue(i),
        _ when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d) => new NumberValue(d),
        _ => new TextValue(text),
    };

    /// <summary>constant, linear, bezier (with handles), or an easing name (ease-in-quad, ease-in-out-sine…).</summary>
    public static KeyInterpolation Interpolation(string name, string? handles)
    {
        var interpolation = name switch
        {
            "constant" => KeyInterpolation.Constant,
            "linear" => KeyInterpolation.Linear,
            "bezier" => new KeyInterpolation(InterpolationKind.Bezier, Handles: Handles(handles ?? "0.333,0,0.667,1")),
            _ => new KeyInterpolation(InterpolationKind.Ease, name),
        };
        var problem = interpolation.Check();
        var known = TimelineCurves.ToCurveKey(new KeyframeEntity { Id = default, OrderKey = OrderKeys.First, Frame = 0, Value = new NumberValue(0), Interpolation = interpolation }) is not null;
        if (problem is not null || !known)
        {
            throw new UserErrorException($"'{name}' is not an interpolation{(problem is null ? "" : $" ({problem})")}; use constant, linear, bezier or an easing such as ease-in-quad, ease-out-cubic, ease-in-out-sine");
        }

        return interpolation;
    }

    private static BezierHandles Handles(string text)
    {
        var parts = text.Split(',').Select(p => double.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : double.NaN).ToArray();
        return parts.Length == 4 && parts.All(double.IsFinite)
            ? new BezierHandles(parts[0], parts[1], parts[2], parts[3])
            : throw new UserErrorException($"'{text}' is not bezier handles; use outX,outY,inX,inY (x in 0–1), e.g. 0.42,0,0.58,1");
    }
}
