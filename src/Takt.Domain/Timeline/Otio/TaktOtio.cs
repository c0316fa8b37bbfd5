namespace Takt.Domain.Timeline.Otio;

/// <summary>
/// Takt's conventions inside OTIO files. OTIO asks applications to namespace their metadata; everything Takt
/// adds (parameter curves, generation recipes) lives under <c>metadata["takt"]</c> so other tools carry it
/// along untouched.
/// </summary>
public static class TaktOtio
{
    /// <summary>The metadata namespace key for Takt's data on any OTIO object.</summary>
    public const string MetadataKey = "takt";

    /// <summary>Under <see cref="MetadataKey"/>: parameter curves keyed by parameter name.</summary>
    public const string CurvesKey = "curves";

    /// <summary>Under <see cref="MetadataKey"/>: the recipe (workflow, seed, model) a clip was or will be generated from.</summary>
    public const string RecipeKey = "recipe";

    /// <summary>The <c>generator_kind</c> of a <see cref="GeneratorReference"/> for a clip Takt has yet to generate.</summary>
    public const string GeneratorKind = "takt.generate";
}
