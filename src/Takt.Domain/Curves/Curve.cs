using System.Globalization;
using System.Text;

namespace Takt.Domain.Curves;

/// <summary>
/// A value over frames, given by keys at strictly increasing frames. Each key owns the
/// interpolation of the segment after it (constant, linear, bezier, named easings, inverse step);
/// before the first key and after the last the value holds. Integer, enum and string curves are
/// discrete: every key is constant. Built only through <see cref="TryCreate(IReadOnlyList{CurveKey}, out Curve?, out string?)"/>
/// or the JSON readers, so every curve has at least one key, finite numbers, valid handles and
/// increasing frames. See docs/curves.md.
/// </summary>
public sealed partial record Curve
{
    // Struct-of-arrays copies of the keys: the evaluators walk these without touching the key records.
    private readonly double[] _frames;
    private readonly double[] _values;
    private readonly CurveInterpolation[] _interpolations;
    private readonly CurveHandle[] _outs;
    private readonly CurveHandle[] _ins;

    private Curve(CurveValueKind kind, CurveKey[] keys)
    {
        Kind = kind;
        // Read-only view: the keys must not change under the struct-of-arrays copies below.
        Keys = Array.AsReadOnly(keys);
        _frames = new double[keys.Length];
        _values = new double[keys.Length];
        _interpolations = new CurveInterpolation[keys.Length];
        _outs = new CurveHandle[keys.Length];
        _ins = new CurveHandle[keys.Length];
        for (var i = 0; i < keys.Length; i++)
        {
            _frames[i] = keys[i].Frame;
            _values[i] = keys[i].Value;
            _interpolations[i] = keys[i].Interpolation;
            _outs[i] = keys[i].Out ?? default;
            _ins[i] = keys[i].In ?? default;
        }
    }

    public CurveValueKind Kind { get; }

    public IReadOnlyList<CurveKey> Keys { get; }

    /// <summary>A number curve from keys, or the problem with them (named by key index).</summary>
    public static bool TryCreate(IReadOnlyList<CurveKey> keys, out Curve? curve, out string? problem) =>
        TryCreate(CurveValueKind.Number, keys, out curve, out problem);

    /// <summary>A curve of the given kind from keys, or the problem with them (named by key index).</summary>
    public static bool TryCreate(CurveValueKind kind, IReadOnlyList<CurveKey> keys, out Curve? curve, out string? problem)
    {
        curve = null;
        problem = Check(kind, keys);
        if (problem is not null)
        {
            return false;
        }

        curve = new Curve(kind, [.. keys]);
        return true;
    }

    /// <summary>Discrete kinds never interpolate.</summary>
    public static bool IsDiscrete(CurveValueKind kind) => kind != CurveValueKind.Number;

    public bool Equals(Curve? other) =>
        other is not null && Kind == other.Kind && Keys.SequenceEqual(other.Keys);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Kind);
        foreach (var key in Keys)
        {
            hash.Add(key);
        }

        return hash.ToHashCode();
    }

    public override string ToString() => Encoding.UTF8.GetString(ToCanonicalJson());

    private static string? Check(CurveValueKind kind, IReadOnlyList<CurveKey> keys)
    {
        if (!Enum.IsDefined(kind))
        {
            return $"unknown value kind {kind}";
        }

        if (keys.Count == 0)
        {
            return "a curve needs at least one key";
        }

        for (var i = 0; i < keys.Count; i++)
        {
            if (CheckKey(kind, keys[i]) is { } keyProblem)
            {
                return $"key {i}: {keyProblem}";
            }

            if (i > 0 && keys[i].Frame <= keys[i - 1].Frame)
            {
                return Invariant($"key {i}: frame {keys[i].Frame} does not come after key {i - 1}'s frame {keys[i - 1].Frame}; frames must be strictly increasing");
            }
        }

        return null;
    }

    private static string? CheckKey(CurveValueKind kind, CurveKey key)
    {
        if (!double.IsFinite(key.Frame))
        {
            return Invariant($"frame {key.Frame} is not a finite number");
        }

        if (!double.IsFinite(key.Value))
        {
            return Invariant($"value {key.Value} is not a finite number");
        }

        if (!Enum.IsDefined(key.Interpolation))
        {
            return $"unknown interpolation {key.Interpolation}";
        }

        if (IsDiscrete(kind) && key.Interpolation != CurveInterpolation.Constant)
        {
            return $"{Name(kind)} curves only have constant keys (discrete values never interpolate), not {Name(key.Interpolation)}";
        }

        if (kind == CurveValueKind.WholeNumber && key.Value != Math.Floor(key.Value))
        {
            return Invariant($"value {key.Value} is not a whole number (the curve's kind is integer)");
        }

        var textual = kind is CurveValueKind.Choice or CurveValueKind.Text;
        if (textual != key.Text is not null)
        {
            return textual ? $"{Name(kind)} curves carry each key's value in 'text'" : "only enum and string curves carry 'text'";
        }

        if (textual && key.Value != 0)
        {
            return $"{Name(kind)} keys hold their value in 'text'; 'value' must be 0";
        }

        var bezier = key.Interpolation == CurveInterpolation.Bezier;
        if (bezier != (key.Out is not null && key.In is not null) || (!bezier && (key.Out is not null || key.In is not null)))
        {
            return bezier ? "a bezier key needs both handles 'out' and 'in'" : "only bezier keys carry handles";
        }

        if (bezier && (CheckHandle("out", key.Out!.Value) ?? CheckHandle("in", key.In!.Value)) is { } handleProblem)
        {
            return handleProblem;
        }

        return null;
    }

    private static string? CheckHandle(string name, CurveHandle handle) =>
        !(handle.X >= 0 && handle.X <= 1)
            ? Invariant($"handle '{name}' x {handle.X} must lie in [0, 1] (a fraction of the segment's time)")
            : !double.IsFinite(handle.Y) ? Invariant($"handle '{name}' y {handle.Y} is not a finite number") : null;

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
