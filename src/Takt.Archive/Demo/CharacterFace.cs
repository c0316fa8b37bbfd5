using System.Globalization;

namespace Takt.Archive.Demo;

/// <summary>
/// Eyes and mouths, drawn per expression so each can be its own switchable layer. With
/// <c>lineOnly</c> the same drawing comes out as an uncoloured key drawing would have it.
/// </summary>
internal static class CharacterFace
{
    public static readonly string[] EyeStates = ["open", "half", "closed"];
    public static readonly string[] MouthShapes = ["a", "i", "u", "e", "o", "closed"];

    private const double LeftX = 450, RightX = 574, EyeY = 458, MouthY = 548;

    public static string Eyes(string state, CharacterPalette p, bool lineOnly, string idPrefix) =>
        Eye(LeftX, -1, state, p, lineOnly, idPrefix + "l") + Eye(RightX, 1, state, p, lineOnly, idPrefix + "r");

    private static string Eye(double cx, int outward, string state, CharacterPalette p, bool lineOnly, string id)
    {
        var cy = EyeY;
        var ink = p.Ink;
        // Outer corner (toward the ear) carries the lash flick.
        string X(double dx) => Raster.F(cx + (outward * dx));
        string Y(double dy) => Raster.F(cy + dy);
        var flick = $"<path d='M{X(40)} {Y(-22)}L{X(54)} {Y(-34)}' stroke='{ink}' stroke-width='7' stroke-linecap='round' fill='none'/>";
        if (state == "closed")
        {
            return $"<path d='M{X(-38)} {Y(4)}Q{X(0)} {Y(30)} {X(40)} {Y(2)}' stroke='{ink}' stroke-width='8' stroke-linecap='round' fill='none'/>"
                + $"<path d='M{X(40)} {Y(2)}L{X(52)} {Y(-6)}' stroke='{ink}' stroke-width='6' stroke-linecap='round' fill='none'/>";
        }

        var white = lineOnly ? "#ffffff" : "#ffffff";
        var irisFill = lineOnly ? "#ffffff" : $"url(#{id}g)";
        var pupil = lineOnly ? ink : "#1c1024";
        var lidTop = state == "half" ? 6 : -40;
        var clip = $"<clipPath id='{id}c'><rect x='{Raster.F(cx - 60)}' y='{Y(lidTop + 6)}' width='120' height='120'/></clipPath>";
        var gradient = $"<linearGradient id='{id}g' x1='0' y1='0' x2='0' y2='1'><stop offset='0' stop-color='{p.IrisTop}'/><stop offset='1' stop-color='{p.IrisBottom}'/></linearGradient>";
        var ball = string.Create(CultureInfo.InvariantCulture,
            $"<g clip-path='url(#{id}c)'><path d='{CharacterShapes.Ellipse(cx, cy + 4, 38, 46)}' fill='{white}'/>"
            + $"<path d='{CharacterShapes.Ellipse(cx + (outward * -2), cy + 8, 30, 40)}' fill='{irisFill}' stroke='{ink}' stroke-width='3'/>"
            + $"<path d='{CharacterShapes.Ellipse(cx + (outward * -2), cy + 12, 12, 18)}' fill='{pupil}'/>"
            + $"<path d='{CharacterShapes.Ellipse(cx - 12, cy - 8, 10, 10)}' fill='#ffffff' stroke='{(lineOnly ? ink : "none")}' stroke-width='2'/>"
            + $"<path d='{CharacterShapes.Ellipse(cx + 10, cy + 26, 5, 5)}' fill='#ffffff'/></g>");
        var lash = state == "half"
            ? $"<path d='M{X(-42)} {Y(12)}Q{X(0)} {Y(-6)} {X(40)} {Y(8)}' stroke='{ink}' stroke-width='10' stroke-linecap='round' fill='none'/>"
                + $"<path d='M{X(-36)} {Y(-16)}Q{X(0)} {Y(-36)} {X(34)} {Y(-18)}' stroke='{ink}' stroke-width='3' fill='none'/>"
            : $"<path d='M{X(-42)} {Y(-16)}Q{X(0)} {Y(-60)} {X(40)} {Y(-22)}' stroke='{ink}' stroke-width='10' stroke-linecap='round' fill='none'/>" + flick;
        var lower = $"<path d='M{X(-26)} {Y(50)}Q{X(0)} {Y(56)} {X(28)} {Y(46)}' stroke='{ink}' stroke-width='3' fill='none'/>";
        return $"<defs>{clip}{gradient}</defs>{ball}{lash}{lower}";
    }

    public static string Mouth(string shape, CharacterPalette p, bool lineOnly)
    {
        var ink = p.Ink;
        var inside = lineOnly ? "#ffffff" : "#8a2d3a";
        var tongue = lineOnly ? "#ffffff" : "#ff8a9a";
        string Open(string d) => $"<path d='{d}' fill='{inside}' stroke='{ink}' stroke-width='3' stroke-linejoin='round'/>";
        var y = MouthY;
        return shape switch
        {
            "a" => Open($"M494 {y - 10}Q512 {y - 12} 530 {y - 10}Q528 {y + 24} 512 {y + 28}Q496 {y + 24} 494 {y - 10}Z")
                + $"<path d='{CharacterShapes.Ellipse(512, y + 19, 10, 5)}' fill='{tongue}'/>",
            "i" => Open($"M486 {y - 8}Q512 {y - 2} 538 {y - 8}Q530 {y + 10} 512 {y + 12}Q494 {y + 10} 486 {y - 8}Z")
                + $"<path d='M490 {y - 6}Q512 {y} 534 {y - 6}L532 {y - 1}Q512 {y + 4} 492 {y - 1}Z' fill='#ffffff'/>",
            "u" => Open(CharacterShapes.Ellipse(512, y + 2, 7, 6)),
            "e" => Open($"M492 {y - 8}Q512 {y - 6} 532 {y - 8}Q526 {y + 14} 512 {y + 16}Q498 {y + 14} 492 {y - 8}Z"),
            "o" => Open(CharacterShapes.Ellipse(512, y + 5, 13, 16)),
            _ => $"<path d='M496 {y - 2}Q512 {y + 6} 528 {y - 2}' stroke='{ink}' stroke-width='4' stroke-linecap='round' fill='none'/>",
        };
    }
}
