using System.Text;

namespace Takt.Archive.Demo;

/// <summary>SVG fragments of the character on its 1024x1024 canvas, derived from <see cref="CharacterShapes"/>.</summary>
internal static class CharacterArt
{
    /// <summary>The finished drawing in one piece: cel fills with ink outlines, or (line only) ink on white paper.</summary>
    public static string Painted(CharacterPalette p, string eyes, string mouth, bool lineOnly, string idPrefix)
    {
        var svg = new StringBuilder();
        foreach (var shape in CharacterShapes.Build(p))
        {
            if (lineOnly && shape.Fill is not null && !shape.Outline)
            {
                continue;
            }

            var fill = shape.Fill is null ? "none" : lineOnly ? "#ffffff" : shape.Fill;
            var stroke = shape.Outline || shape.Fill is null ? $" stroke='{p.Ink}' stroke-width='{Raster.F(shape.Stroke)}' stroke-linejoin='round' stroke-linecap='round'" : string.Empty;
            svg.Append($"<path d='{shape.D}' fill='{fill}'{stroke}{(lineOnly ? string.Empty : shape.Extra)}/>");
        }

        svg.Append(CharacterFace.Eyes(eyes, p, lineOnly, idPrefix)).Append(CharacterFace.Mouth(mouth, p, lineOnly));
        return svg.ToString();
    }

    /// <summary>
    /// Fills of one part only. Each run of the part's shapes is masked by every other part's
    /// shape painted after it, so a layer never shows what the layers below it would cover in
    /// the painting (the face hides the back hair, the collar hides the neck).
    /// </summary>
    public static string Part(CharacterPalette p, string part)
    {
        var shapes = CharacterShapes.Build(p);
        var svg = new StringBuilder();
        var run = new StringBuilder();
        var runs = 0;
        for (var i = 0; i < shapes.Count; i++)
        {
            var shape = shapes[i];
            if (shape.Part == part && shape.Fill is not null)
            {
                run.Append($"<path d='{shape.D}' fill='{shape.Fill}'{shape.Extra}/>");
            }

            var runEnds = run.Length > 0 && (i == shapes.Count - 1 || (shapes[i + 1].Part != part && shapes[i + 1].Outline && shapes[i + 1].Fill is not null));
            if (!runEnds)
            {
                continue;
            }

            var mask = new StringBuilder();
            foreach (var later in shapes.Skip(i + 1).Where(s => s.Part != part && s.Outline && s.Fill is not null))
            {
                mask.Append($"<path d='{later.D}' fill='#000'/>");
            }

            var id = $"{part}-mask-{runs++}";
            svg.Append($"<mask id='{id}' maskUnits='userSpaceOnUse' x='0' y='0' width='1024' height='1024'><rect width='1024' height='1024' fill='#fff'/>{mask}</mask>")
               .Append($"<g mask='url(#{id})'>{run}</g>");
            run.Clear();
        }

        return svg.ToString();
    }

    /// <summary>Outlines of body, head and hair on white paper, for lifting into the line-art layer.</summary>
    public static string OutlinesOnWhite(CharacterPalette p)
    {
        var svg = new StringBuilder("<rect width='1024' height='1024' fill='#fff'/>");
        foreach (var shape in CharacterShapes.Build(p).Where(s => s.Outline || s.Fill is null))
        {
            var fill = shape.Fill is null ? "none" : "#fff";
            svg.Append($"<path d='{shape.D}' fill='{fill}' stroke='{p.Ink}' stroke-width='{Raster.F(shape.Stroke)}' stroke-linejoin='round' stroke-linecap='round'/>");
        }

        return svg.ToString();
    }

    /// <summary>One flat base colour under everything, so no paper shows through seams between cels.</summary>
    public static string Silhouette(CharacterPalette p, string colour)
    {
        var svg = new StringBuilder();
        foreach (var shape in CharacterShapes.Build(p).Where(s => s.Outline && s.Fill is not null))
        {
            svg.Append($"<path d='{shape.D}' fill='{colour}' stroke='{colour}' stroke-width='{Raster.F(shape.Stroke)}'/>");
        }

        return svg.ToString();
    }
}
