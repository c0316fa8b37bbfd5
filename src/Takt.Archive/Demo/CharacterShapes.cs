using System.Globalization;

namespace Takt.Archive.Demo;

/// <summary>
/// The geometry of the demo's heroine on a 1024x1024 canvas, bust shot in a yukata, listed back to
/// front. Layers, line art and flat colour are all derived from this one list so they always agree.
/// </summary>
internal static class CharacterShapes
{
    public const string Body = "body";
    public const string Head = "head";
    public const string Hair = "hair";

    public static IReadOnlyList<CharacterShape> Build(CharacterPalette p)
    {
        var s = new List<CharacterShape>
        {
            // Long back hair first: the torso and face are painted over it.
            new(Hair, "M512 185C330 185 285 330 290 470C295 600 270 700 245 800L290 775L305 822L340 770L684 770L719 822L734 775L779 800C754 700 729 600 734 470C739 330 694 185 512 185Z", p.Hair),
            new(Hair, "M322 390Q296 600 290 770L340 770C350 650 385 560 384 400Z", p.HairShadow, Outline: false),
            new(Hair, Mirror("M322 390Q296 600 290 770L340 770C350 650 385 560 384 400Z"), p.HairShadow, Outline: false),
            new(Body, "M250 1024C262 850 330 745 440 705L584 705C694 745 762 850 774 1024Z", p.Cloth),
            new(Body, "M250 1024C262 850 330 745 440 705L455 735C372 790 322 880 320 1024Z", p.ClothShadow, Outline: false),
            new(Body, Mirror("M250 1024C262 850 330 745 440 705L455 735C372 790 322 880 320 1024Z"), p.ClothShadow, Outline: false),
            new(Body, "M330 1024C340 940 360 880 390 840", null, Stroke: 3),
            new(Body, Mirror("M330 1024C340 940 360 880 390 840"), null, Stroke: 3),
        };

        foreach (var (x, y) in new[] { (360.0, 880.0), (690.0, 870.0), (420.0, 790.0), (640.0, 780.0) })
        {
            s.AddRange(Flower(Body, x, y, 12, p.Pattern, p.Obi, outline: false));
        }

        s.AddRange(
        [
            new(Head, "M470 560L470 705L512 805L554 705L554 560Z", p.Skin),
            new(Head, "M470 570L512 602L554 570L554 630Q512 655 470 630Z", p.SkinShadow, Outline: false),
            // Right lapel first, left lapel over it: a yukata always closes left over right.
            new(Body, "M452 702L482 700L566 890L540 905Z", p.Collar),
            new(Body, "M572 702L542 700L470 905L500 912Z", p.Collar),
            new(Body, "M290 930L734 930L744 1024L280 1024Z", p.Obi),
            new(Body, "M285 975L739 975", null, Stroke: 4),
            new(Head, Ellipse(378, 455, 18, 30), p.Skin),
            new(Head, Mirror(Ellipse(378, 455, 18, 30)), p.Skin),
            new(Head, "M378 360C380 470 440 560 512 598C584 560 644 470 646 360C646 250 378 250 378 360Z", p.Skin),
            new(Head, "M378 360C378 300 646 300 646 360L646 410C600 390 560 405 512 395C464 405 424 390 378 410Z", p.SkinShadow, Outline: false),
            new(Head, Ellipse(432, 512, 30, 12), "#ff8fa3", Outline: false, Extra: " opacity='0.55'"),
            new(Head, Ellipse(592, 512, 30, 12), "#ff8fa3", Outline: false, Extra: " opacity='0.55'"),
            new(Head, "M515 497L508 510", null, Stroke: 3),
            new(Head, "M420 372Q448 358 478 366", null, Stroke: 4),
            new(Head, Mirror("M420 372Q448 358 478 366"), null, Stroke: 4),
            // Bangs: pointed strands ending just above the eyes, the classic anime fringe.
            new(Hair, "M370 410C358 300 420 222 512 220C604 222 666 300 654 410Q644 380 634 352Q628 385 618 404Q612 360 596 338Q585 378 560 396Q560 350 545 328Q530 372 505 394Q505 345 490 326Q475 372 450 396Q452 350 440 334Q425 378 405 402Q400 372 392 352Q382 382 370 410Z", p.Hair),
            new(Hair, "M420 268Q512 238 604 268L596 284L580 274L566 290L550 276L536 292L512 278L488 292L474 276L458 290L444 274L428 284Z", p.HairLight, Outline: false),
            new(Hair, "M512 226Q478 290 470 380", null, Stroke: 3),
            new(Hair, "M512 226Q556 300 572 372", null, Stroke: 3),
            new(Hair, "M450 246Q420 300 420 370", null, Stroke: 3),
            new(Hair, Mirror("M450 246Q420 300 420 370"), null, Stroke: 3),
            // Side locks frame the face and hide the ears' outer edge.
            new(Hair, "M384 320C356 410 352 510 362 610L378 570L392 616C396 510 404 420 424 348Z", p.Hair),
            new(Hair, Mirror("M384 320C356 410 352 510 362 610L378 570L392 616C396 510 404 420 424 348Z"), p.Hair),
        ]);
        s.AddRange(Flower(Hair, 622, 282, 20, p.Ornament, "#fff3b0", outline: true));
        return s;
    }

    public static string Ellipse(double cx, double cy, double rx, double ry) => string.Create(CultureInfo.InvariantCulture,
        $"M{Raster.F(cx - rx)} {Raster.F(cy)}A{Raster.F(rx)} {Raster.F(ry)} 0 1 0 {Raster.F(cx + rx)} {Raster.F(cy)}A{Raster.F(rx)} {Raster.F(ry)} 0 1 0 {Raster.F(cx - rx)} {Raster.F(cy)}Z");

    /// <summary>Mirrors absolute path data across the canvas's vertical centre line (x = 512).</summary>
    public static string Mirror(string d)
    {
        var tokens = Tokenise(d);
        var result = new System.Text.StringBuilder();
        var command = 'M';
        var index = 0;
        foreach (var token in tokens)
        {
            if (char.IsLetter(token[0]))
            {
                command = token[0];
                index = 0;
                result.Append(token);
                continue;
            }

            var value = double.Parse(token, CultureInfo.InvariantCulture);
            // Arcs carry radii and flags before their end point; only their 6th number is an x.
            var isX = command == 'A' ? index % 7 == 5 : index % 2 == 0;
            if (command == 'A' && index % 7 == 4)
            {
                value = 1 - value;
            }

            if (isX)
            {
                value = 1024 - value;
            }

            result.Append(index == 0 ? string.Empty : " ").Append(Raster.F(value));
            index++;
        }

        return result.ToString();
    }

    private static List<string> Tokenise(string d)
    {
        var tokens = new List<string>();
        var current = new System.Text.StringBuilder();
        foreach (var c in d)
        {
            if (char.IsLetter(c) || c == ' ' || c == ',' || (c == '-' && current.Length > 0))
            {
                if (current.Length > 0)
                {
                    tokens.Add(current.ToString());
                    current.Clear();
                }

                if (char.IsLetter(c))
                {
                    tokens.Add(c.ToString());
                }
                else if (c == '-')
                {
                    current.Append(c);
                }
            }
            else
            {
                current.Append(c);
            }
        }

        if (current.Length > 0)
        {
            tokens.Add(current.ToString());
        }

        return tokens;
    }

    private static IEnumerable<CharacterShape> Flower(string part, double x, double y, double r, string petal, string centre, bool outline)
    {
        for (var i = 0; i < 5; i++)
        {
            var angle = (i * 72 - 90) * Math.PI / 180;
            yield return new(part, Ellipse(x + (r * Math.Cos(angle)), y + (r * Math.Sin(angle)), r, r), petal, outline, Stroke: 4);
        }

        yield return new(part, Ellipse(x, y, r * 0.5, r * 0.5), centre, outline, Stroke: 3);
    }
}
