using System.Text;

namespace Takt.Archive.Demo;

/// <summary>
/// Background art at 1920x1080 split into depth layers the way a compositor receives it: an opaque
/// far layer (sky), then mid and near layers with transparency for parallax.
/// </summary>
internal static class Backgrounds
{
    public const int Width = 1920, Height = 1080;

    public static readonly string[] Depths = ["far", "mid", "near"];

    public static string Festival(string depth) => depth switch
    {
        "far" => Sky("#1b1446", "#5a2a78", "#f08a5d", 1) + Stars(11, 90) + Hills("#2a1f4f", 760, 60) + Fireworks(),
        "mid" => Trees("#1c2a3a", 640, 7, 21) + Stalls() + LanternString(560, 0.6),
        _ => LanternString(150, 1.4) + Branches("#10202a", 5),
    };

    public static string Riverbank(string depth) => depth switch
    {
        "far" => Sky("#0f1e4a", "#2f4f8f", "#f2a65a", 2) + Stars(23, 60) + Moon() + Hills("#22355e", 620, 40),
        "mid" => River() + Trees("#1f3b2d", 560, 5, 31),
        _ => Grass(33) + Fireflies(37),
    };

    public static string Alley(string depth) => depth switch
    {
        "far" => Sky("#05070f", "#141b33", "#3b2a4f", 3) + Stars(41, 40),
        "mid" => Buildings(43),
        _ => LanternString(200, 1.1) + Branches("#050608", 47),
    };

    private static string Sky(string top, string middle, string horizon, int id) =>
        $"<defs><linearGradient id='sky{id}' x1='0' y1='0' x2='0' y2='1'><stop offset='0' stop-color='{top}'/><stop offset='0.55' stop-color='{middle}'/><stop offset='1' stop-color='{horizon}'/></linearGradient></defs>"
        + $"<rect width='{Width}' height='{Height}' fill='url(#sky{id})'/>";

    private static string Stars(uint seed, int count)
    {
        var random = new SeededRandom(seed);
        var svg = new StringBuilder();
        for (var i = 0; i < count; i++)
        {
            svg.Append($"<circle cx='{Raster.F(random.Next(0, Width))}' cy='{Raster.F(random.Next(0, 520))}' r='{Raster.F(random.Next(1, 3))}' fill='#fff8dc' opacity='{Raster.F(random.Next(0.4, 1))}'/>");
        }

        return svg.ToString();
    }

    private static string Hills(string colour, double y, double amplitude) =>
        $"<path d='M0 {Raster.F(y)}C320 {Raster.F(y - amplitude)} 640 {Raster.F(y + amplitude)} 960 {Raster.F(y - (amplitude * 0.5))}S1600 {Raster.F(y - amplitude)} 1920 {Raster.F(y)}L1920 1080L0 1080Z' fill='{colour}'/>";

    private static string Moon() =>
        "<circle cx='1500' cy='200' r='120' fill='#fff3c4' opacity='0.25'/><circle cx='1500' cy='200' r='70' fill='#fff6d8'/>";

    private static string Fireworks()
    {
        var svg = new StringBuilder();
        foreach (var (x, y, r, colour) in new[] { (420.0, 260.0, 150.0, "#ffd166"), (1380.0, 200.0, 190.0, "#ef476f"), (960.0, 380.0, 110.0, "#06d6a0") })
        {
            for (var i = 0; i < 24; i++)
            {
                var a = i * Math.PI / 12;
                svg.Append($"<line x1='{Raster.F(x + (Math.Cos(a) * r * 0.25))}' y1='{Raster.F(y + (Math.Sin(a) * r * 0.25))}' x2='{Raster.F(x + (Math.Cos(a) * r))}' y2='{Raster.F(y + (Math.Sin(a) * r))}' stroke='{colour}' stroke-width='5' stroke-linecap='round'/>");
                svg.Append($"<circle cx='{Raster.F(x + (Math.Cos(a) * r * 1.08))}' cy='{Raster.F(y + (Math.Sin(a) * r * 1.08))}' r='6' fill='#fffbe6'/>");
            }
        }

        return svg.ToString();
    }

    private static string Trees(string colour, double baseY, int count, uint seed)
    {
        var random = new SeededRandom(seed);
        var svg = new StringBuilder();
        for (var i = 0; i < count; i++)
        {
            var x = (i + 0.5) * Width / count + random.Next(-60, 60);
            var h = random.Next(220, 360);
            svg.Append($"<rect x='{Raster.F(x - 14)}' y='{Raster.F(baseY - 40)}' width='28' height='{Raster.F(Height - baseY + 40)}' fill='#2b1d14'/>");
            for (var k = 0; k < 3; k++)
            {
                svg.Append($"<ellipse cx='{Raster.F(x + random.Next(-50, 50))}' cy='{Raster.F(baseY - (h * (0.4 + (0.25 * k))))}' rx='{Raster.F(random.Next(90, 140))}' ry='{Raster.F(random.Next(70, 110))}' fill='{colour}'/>");
            }
        }

        return svg.ToString() + $"<rect x='0' y='{Raster.F(baseY + 200)}' width='{Width}' height='{Raster.F(Height - baseY - 200)}' fill='{colour}'/>";
    }

    private static string Stalls()
    {
        var svg = new StringBuilder();
        var colours = new[] { "#c0392b", "#f4f1de", "#e07a5f", "#3d405b" };
        for (var i = 0; i < 5; i++)
        {
            var x = 80 + (i * 370);
            svg.Append($"<rect x='{x}' y='760' width='320' height='320' fill='#6b3e26' stroke='#2a160c' stroke-width='6'/>")
               .Append($"<rect x='{x + 20}' y='800' width='280' height='120' fill='#ffcf7a' opacity='0.85'/>");
            for (var s = 0; s < 8; s++)
            {
                svg.Append($"<path d='M{x - 20 + (s * 45)} 700L{x + 25 + (s * 45)} 700L{x + 25 + (s * 45)} 770Q{x + 2 + (s * 45)} 790 {x - 20 + (s * 45)} 770Z' fill='{colours[(i + s) % 2 == 0 ? 0 : 1]}' stroke='#2a160c' stroke-width='3'/>");
            }

            svg.Append(PixelFont.Path(i % 2 == 0 ? "TAKOYAKI" : "KINGYO", x + 40, 830, 6, colours[3]));
        }

        return svg.ToString();
    }

    private static string LanternString(double y, double scale)
    {
        var svg = new StringBuilder($"<path d='M0 {Raster.F(y - (40 * scale))}Q960 {Raster.F(y + (60 * scale))} 1920 {Raster.F(y - (40 * scale))}' stroke='#222' stroke-width='{Raster.F(3 * scale)}' fill='none'/>");
        var step = 160 * scale;
        for (var x = step / 2; x < Width; x += step)
        {
            var t = x / Width;
            var cy = (y - (40 * scale)) + (4 * t * (1 - t) * 50 * scale) + (40 * scale);
            var rx = 34 * scale;
            var ry = 44 * scale;
            svg.Append($"<circle cx='{Raster.F(x)}' cy='{Raster.F(cy)}' r='{Raster.F(ry * 1.9)}' fill='#ffb347' opacity='0.18'/>")
               .Append($"<ellipse cx='{Raster.F(x)}' cy='{Raster.F(cy)}' rx='{Raster.F(rx)}' ry='{Raster.F(ry)}' fill='#e63946' stroke='#3a1010' stroke-width='{Raster.F(3 * scale)}'/>")
               .Append($"<ellipse cx='{Raster.F(x - (8 * scale))}' cy='{Raster.F(cy - (10 * scale))}' rx='{Raster.F(rx * 0.35)}' ry='{Raster.F(ry * 0.5)}' fill='#ff8c69' opacity='0.8'/>")
               .Append($"<rect x='{Raster.F(x - (rx * 0.6))}' y='{Raster.F(cy - ry - (6 * scale))}' width='{Raster.F(rx * 1.2)}' height='{Raster.F(10 * scale)}' fill='#1d1d1d'/>")
               .Append($"<rect x='{Raster.F(x - (rx * 0.6))}' y='{Raster.F(cy + ry - (4 * scale))}' width='{Raster.F(rx * 1.2)}' height='{Raster.F(10 * scale)}' fill='#1d1d1d'/>");
        }

        return svg.ToString();
    }

    private static string Branches(string colour, uint seed)
    {
        var random = new SeededRandom(seed);
        var svg = new StringBuilder("<path d='M0 0L260 0C220 120 160 220 60 300L0 330Z' fill='" + colour + "'/><path d='M1920 0L1660 0C1700 100 1780 180 1920 220Z' fill='" + colour + "'/>");
        for (var i = 0; i < 40; i++)
        {
            var left = i % 2 == 0;
            var x = left ? random.Next(0, 320) : random.Next(1620, 1920);
            svg.Append($"<ellipse cx='{Raster.F(x)}' cy='{Raster.F(random.Next(0, left ? 340 : 240))}' rx='{Raster.F(random.Next(20, 40))}' ry='{Raster.F(random.Next(10, 18))}' fill='{colour}' transform='rotate({Raster.F(random.Next(-40, 40))} {Raster.F(x)} 0)'/>");
        }

        return svg.ToString();
    }

    private static string River() =>
        "<path d='M0 700Q960 650 1920 700L1920 1080L0 1080Z' fill='#3b5f8a'/><path d='M0 700Q960 650 1920 700L1920 730Q960 690 0 740Z' fill='#6f8fb8'/>"
        + "<rect x='1380' y='690' width='70' height='14' fill='#fff6d8' opacity='0.7'/><rect x='1410' y='740' width='140' height='10' fill='#fff6d8' opacity='0.5'/><rect x='1440' y='790' width='90' height='8' fill='#fff6d8' opacity='0.35'/>"
        + "<path d='M200 560L1100 560L1100 585L200 585Z' fill='#5d4037' stroke='#2e1f1a' stroke-width='4'/><path d='M240 585L240 690M480 585L480 690M720 585L720 690M960 585L960 690' stroke='#2e1f1a' stroke-width='14'/>"
        + "<path d='M0 880Q700 820 1920 900L1920 1080L0 1080Z' fill='#2d5a3d'/>";

    private static string Grass(uint seed)
    {
        var random = new SeededRandom(seed);
        var svg = new StringBuilder("<path d='M0 980Q960 940 1920 990L1920 1080L0 1080Z' fill='#173d25'/>");
        for (var i = 0; i < 140; i++)
        {
            var x = random.Next(0, Width);
            var h = random.Next(60, 180);
            svg.Append($"<path d='M{Raster.F(x - 8)} 1080Q{Raster.F(x)} {Raster.F(1080 - h)} {Raster.F(x + random.Next(-40, 40))} {Raster.F(1060 - h)}Q{Raster.F(x + 4)} {Raster.F(1080 - (h / 2))} {Raster.F(x + 8)} 1080Z' fill='{(i % 3 == 0 ? "#24583a" : "#122f1d")}'/>");
        }

        return svg.ToString();
    }

    private static string Fireflies(uint seed)
    {
        var random = new SeededRandom(seed);
        var svg = new StringBuilder();
        for (var i = 0; i < 30; i++)
        {
            var x = random.Next(0, Width);
            var y = random.Next(650, 1000);
            svg.Append($"<circle cx='{Raster.F(x)}' cy='{Raster.F(y)}' r='14' fill='#eaff7b' opacity='0.25'/><circle cx='{Raster.F(x)}' cy='{Raster.F(y)}' r='4' fill='#f8ffc4'/>");
        }

        return svg.ToString();
    }

    private static string Buildings(uint seed)
    {
        var random = new SeededRandom(seed);
        var svg = new StringBuilder();
        for (var x = 0.0; x < Width; x += 240)
        {
            var top = random.Next(250, 520);
            svg.Append($"<rect x='{Raster.F(x)}' y='{Raster.F(top)}' width='236' height='{Raster.F(Height - top)}' fill='#1a1d2e' stroke='#0a0b12' stroke-width='4'/>");
            for (var wy = top + 40; wy < 980; wy += 90)
            {
                svg.Append($"<rect x='{Raster.F(x + 40)}' y='{Raster.F(wy)}' width='50' height='40' fill='{(random.Next(0, 1) > 0.6 ? "#ffd27a" : "#2a3050")}'/>")
                   .Append($"<rect x='{Raster.F(x + 140)}' y='{Raster.F(wy)}' width='50' height='40' fill='{(random.Next(0, 1) > 0.7 ? "#ffd27a" : "#2a3050")}'/>");
            }
        }

        return svg.ToString();
    }
}
