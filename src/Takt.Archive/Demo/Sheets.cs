using System.Text;

namespace Takt.Archive.Demo;

/// <summary>Paper-like production sheets: storyboard pages, key drawings and a commission illustration.</summary>
internal static class Sheets
{
    public const int BoardWidth = 1600, BoardHeight = 900;
    public const int KeyWidth = 1280, KeyHeight = 720;
    public const int CommissionSize = 768;

    /// <summary>
    /// One storyboard (ekonte) page: header, a 16:9 picture frame with a rough pencil sketch, and
    /// the action, dialogue and timing columns to its right.
    /// </summary>
    public static string Storyboard(string header, string action, string dialogue, string time, string sketch)
    {
        var svg = new StringBuilder($"<rect width='{BoardWidth}' height='{BoardHeight}' fill='#fbfaf6'/>");
        svg.Append(PixelFont.Path(header, 40, 30, 6, "#222"))
           .Append("<line x1='40' y1='90' x2='1560' y2='90' stroke='#222' stroke-width='3'/>")
           .Append("<rect x='40' y='120' width='1000' height='562' fill='#fff' stroke='#222' stroke-width='5'/>")
           .Append("<svg x='40' y='120' width='1000' height='562' viewBox='0 0 1000 562'>").Append(sketch).Append("</svg>")
           .Append("<rect x='1070' y='120' width='490' height='562' fill='none' stroke='#222' stroke-width='3'/>")
           .Append("<line x1='1070' y1='420' x2='1560' y2='420' stroke='#222' stroke-width='2'/>")
           .Append(PixelFont.Path("ACTION", 1090, 140, 4, "#222"))
           .Append(PixelFont.Path("DIALOGUE", 1090, 440, 4, "#222"));
        var y = 185.0;
        foreach (var line in PixelFont.Wrap(action, 24))
        {
            svg.Append(PixelFont.Path(line, 1090, y, 3, "#333"));
            y += 32;
        }

        y = 485;
        foreach (var line in PixelFont.Wrap(dialogue, 24))
        {
            svg.Append(PixelFont.Path(line, 1090, y, 3, "#1d3557"));
            y += 32;
        }

        svg.Append(PixelFont.Path($"TIME {time}", 1090, 720, 5, "#c1121f"))
           .Append(PixelFont.Path(Caption(dialogue), 40, 720, 4, "#222"));
        return svg.ToString();
    }

    /// <summary>The character as a rough pencil sketch on a 1000x562 panel, drawn twice slightly offset as a hand would.</summary>
    public static string Sketch(CharacterPalette p, double x, double y, double scale, string eyes, string mouth, string background)
    {
        var pencil = p with { Ink = "#7a7a7a" };
        var figure = CharacterArt.Painted(pencil, eyes, mouth, lineOnly: true, $"sk{eyes}{mouth}");
        return background
            + $"<g transform='translate({Raster.F(x + 3)} {Raster.F(y + 2)}) scale({Raster.F(scale)})' opacity='0.35'>{figure}</g>"
            + $"<g transform='translate({Raster.F(x)} {Raster.F(y)}) scale({Raster.F(scale)})'>{figure}</g>";
    }

    public static string FestivalRough() =>
        "<path d='M0 420Q500 380 1000 430' stroke='#999' stroke-width='3' fill='none'/>"
        + "<path d='M0 120Q500 190 1000 120' stroke='#999' stroke-width='2' fill='none'/>"
        + string.Concat(Enumerable.Range(0, 8).Select(i => $"<ellipse cx='{60 + (i * 125)}' cy='{150 + (i % 2 * 8)}' rx='18' ry='24' fill='none' stroke='#888' stroke-width='3'/>"))
        + "<path d='M760 60l30 30m0-30l-30 30M820 40l20 20' stroke='#aaa' stroke-width='3'/>";

    public static string RiverRough() =>
        "<path d='M0 380Q500 340 1000 380M0 420Q480 400 1000 430' stroke='#999' stroke-width='3' fill='none'/>"
        + "<circle cx='820' cy='110' r='50' fill='none' stroke='#999' stroke-width='3'/>"
        + "<path d='M60 560L90 470L120 560M150 560L170 490L190 560' stroke='#999' stroke-width='3' fill='none'/>";

    /// <summary>A key drawing page: frame guide, cut and drawing number, then the figure as line art or painted.</summary>
    public static string KeyDrawing(CharacterPalette p, string label, bool lineOnly)
    {
        var figure = CharacterArt.Painted(p, "open", "a", lineOnly, "key");
        return $"<rect width='{KeyWidth}' height='{KeyHeight}' fill='#ffffff'/>"
            + "<rect x='60' y='40' width='1160' height='640' fill='none' stroke='#5aa9e6' stroke-width='3' stroke-dasharray='16 10'/>"
            + $"<g transform='translate(330 30) scale(0.66)'>{figure}</g>"
            + PixelFont.Path(label, 80, 60, 6, "#d62828");
    }

    /// <summary>A private fan illustration: pastel card with sparkles around the character.</summary>
    public static string Commission(CharacterPalette p)
    {
        var figure = CharacterArt.Painted(p, "closed", "i", lineOnly: false, "com");
        var sparkles = string.Concat(new[] { (90, 120), (660, 90), (120, 560), (680, 520), (380, 60) }
            .Select(s => $"<path d='M{s.Item1} {s.Item2 - 24}L{s.Item1 + 7} {s.Item2 - 7}L{s.Item1 + 24} {s.Item2}L{s.Item1 + 7} {s.Item2 + 7}L{s.Item1} {s.Item2 + 24}L{s.Item1 - 7} {s.Item2 + 7}L{s.Item1 - 24} {s.Item2}L{s.Item1 - 7} {s.Item2 - 7}Z' fill='#fff' stroke='#f48fb1' stroke-width='3'/>"));
        return "<defs><radialGradient id='card'><stop offset='0' stop-color='#fff0f6'/><stop offset='1' stop-color='#ffc2d9'/></radialGradient></defs>"
            + $"<rect width='{CommissionSize}' height='{CommissionSize}' rx='40' fill='url(#card)'/>{sparkles}"
            + $"<g transform='translate(0 -60) scale(0.75)'>{figure}</g>"
            + "<rect x='0' y='690' width='768' height='78' fill='#ffffff' opacity='0.8'/>"
            + PixelFont.Path("FOR K. - HAPPY FESTIVAL!", 384 - (PixelFont.Measure("FOR K. - HAPPY FESTIVAL!", 4) / 2), 712, 4, "#c2185b");
    }

    private static string Caption(string dialogue) => dialogue.Length > 40 ? dialogue[..40] : dialogue;
}
