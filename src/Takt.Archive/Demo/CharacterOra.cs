using NetVips;

namespace Takt.Archive.Demo;

/// <summary>
/// The layered character file: body, head and hair cels, switchable eyes and mouths in nested
/// stacks (one of each visible, as lip-sync and blink rigs expect), line art on top and a flat
/// base colour at the bottom.
/// </summary>
internal static class CharacterOra
{
    public const int Size = 1024;

    public static byte[] Write(CharacterPalette p)
    {
        var disposables = new List<Image>();
        Image Layer(string fragment)
        {
            var image = Raster.Render(Raster.Svg(Size, Size, fragment));
            disposables.Add(image);
            return image;
        }

        try
        {
            using var paper = Raster.RenderOpaque(Raster.Svg(Size, Size, CharacterArt.OutlinesOnWhite(p)));
            var lineArt = Raster.InkFromPaper(paper, Ink(p.Ink));
            disposables.Add(lineArt);

            var eyes = CharacterFace.EyeStates
                .Select(s => OraNode.Layer($"eyes-{s}", Layer(CharacterFace.Eyes(s, p, lineOnly: false, $"e{s}")), visible: s == "open"))
                .ToArray();
            var mouths = CharacterFace.MouthShapes
                .Select(s => OraNode.Layer($"mouth-{s}", Layer(CharacterFace.Mouth(s, p, lineOnly: false)), visible: s == "closed"))
                .ToArray();
            var hair = OraNode.Layer("hair", Layer(CharacterArt.Part(p, CharacterShapes.Hair)));
            var head = OraNode.Layer("head", Layer(CharacterArt.Part(p, CharacterShapes.Head)));
            var body = OraNode.Layer("body", Layer(CharacterArt.Part(p, CharacterShapes.Body)));
            var flat = OraNode.Layer("flat-colour", Layer(CharacterArt.Silhouette(p, p.SkinShadow)));
            var root = OraNode.Stack(
                "root",
                OraNode.Layer("line-art", lineArt),
                OraNode.Stack("face", OraNode.Stack("eyes", eyes), OraNode.Stack("mouth", mouths)),
                hair,
                head,
                body,
                flat);

            var visibleBottomFirst = new List<Image>
            {
                flat.Pixels!, body.Pixels!, head.Pixels!, hair.Pixels!,
                mouths.Single(m => m.Visible).Pixels!, eyes.Single(e => e.Visible).Pixels!, lineArt,
            };
            using var merged = Raster.Over(visibleBottomFirst);
            return OpenRasterWriter.Write(Size, Size, root, merged);
        }
        finally
        {
            foreach (var image in disposables)
            {
                image.Dispose();
            }
        }
    }

    public static byte[] Ink(string hex) =>
        [Convert.ToByte(hex[1..3], 16), Convert.ToByte(hex[3..5], 16), Convert.ToByte(hex[5..7], 16)];
}
