namespace Takt.Media.Compositing;

/// <summary>How a layer combines with what is under it (premultiplied formulas; alpha is always "over").</summary>
public enum BlendMode : byte
{
    /// <summary>Source over destination.</summary>
    Normal,

    /// <summary>Colours added (light effects, glows), clipped at white.</summary>
    Add,

    /// <summary>Colours multiplied (shadows, 影).</summary>
    Multiply,

    /// <summary>Inverse of multiplying the inverses (highlights).</summary>
    Screen,
}
