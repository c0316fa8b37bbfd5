namespace Takt.Domain.Curves;

/// <summary>
/// What a curve's values are. Only numbers interpolate; integers, enums and strings are discrete
/// (Blender's discrete F-curves, Deforum's single-string schedules), so their keys must be constant.
/// </summary>
public enum CurveValueKind : byte
{
    /// <summary>Any finite double; every interpolation allowed. JSON <c>number</c> (the default, omitted).</summary>
    Number,

    /// <summary>Whole numbers; keys are constant. JSON <c>integer</c>.</summary>
    WholeNumber,

    /// <summary>One of a set of names, carried in each key's <c>text</c>; keys are constant. JSON <c>enum</c>.</summary>
    Choice,

    /// <summary>Free text in each key's <c>text</c>; keys are constant. JSON <c>string</c>.</summary>
    Text,
}
