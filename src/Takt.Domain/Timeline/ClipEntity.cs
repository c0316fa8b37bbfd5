using System.Collections.Immutable;

namespace Takt.Domain.Timeline;

/// <summary>
/// A clip on a track, placed absolutely: it covers frames [<see cref="Start"/>, <see cref="End"/>)
/// of its cut and shows its source from <see cref="SourceIn"/>. Absolute placement (not OTIO's
/// implicit sequence) makes concurrent moves of different clips commute. A generation clip's
/// workflow inputs are <see cref="Bindings"/>, each its own property <c>binding:&lt;input&gt;</c>
/// (null removes it), so edits to different inputs never conflict.
/// </summary>
public sealed record ClipEntity : TimelineEntity
{
    public const string BindingPrefix = "binding:";

    private static readonly string[] Names = ["duration", "name", "source", "sourceIn", "start"];

    public required string Name { get; init; }

    public required long Start { get; init; }

    public required long Duration { get; init; }

    public required long SourceIn { get; init; }

    public required ClipSource Source { get; init; }

    public ImmutableSortedDictionary<string, ParameterBinding> Bindings { get; init; } =
        ImmutableSortedDictionary<string, ParameterBinding>.Empty.WithComparers(StringComparer.Ordinal);

    public long End => Start + Duration;

    public override EntityKind Kind => EntityKind.Clip;

    public override IReadOnlyList<string> PropertyNames => Names;

    public override IEnumerable<string> AllPropertyNames() => Names.Concat(Bindings.Keys.Select(k => BindingPrefix + k));

    public override TimelineValue? GetProperty(string property)
    {
        if (property.StartsWith(BindingPrefix, StringComparison.Ordinal))
        {
            return Bindings.TryGetValue(property[BindingPrefix.Length..], out var binding) ? binding : NullValue.Instance;
        }

        return property switch
        {
            "name" => new TextValue(Name),
            "start" => new IntegerValue(Start),
            "duration" => new IntegerValue(Duration),
            "sourceIn" => new IntegerValue(SourceIn),
            "source" => Source,
            _ => null,
        };
    }

    public bool Equals(ClipEntity? other) =>
        other is not null && base.Equals(other) && Name == other.Name && Start == other.Start && Duration == other.Duration
        && SourceIn == other.SourceIn && Source == other.Source && Bindings.Count == other.Bindings.Count
        && Bindings.All(b => other.Bindings.TryGetValue(b.Key, out var v) && v == b.Value);

    public override int GetHashCode() => HashCode.Combine(base.GetHashCode(), Name, Start, Duration, SourceIn, Source, Bindings.Count);

    private protected override string? With(string property, TimelineValue value, out TimelineEntity? entity)
    {
        entity = null;
        string? problem;
        switch (property)
        {
            case "name":
                problem = Text(value, out var name);
                entity = this with { Name = name };
                return problem;
            case "start":
                // Frames are added to durations and offsets; the bound keeps every sum far from overflow.
                problem = Integer(value, 0, out var start) ?? Bounded(start);
                entity = this with { Start = start };
                return problem;
            case "duration":
                problem = Integer(value, 1, out var duration) ?? Bounded(duration);
                entity = this with { Duration = duration };
                return problem;
            case "sourceIn":
                problem = Integer(value, 0, out var sourceIn) ?? Bounded(sourceIn);
                entity = this with { SourceIn = sourceIn };
                return problem;
            case "source":
                if (value is not ClipSource source)
                {
                    return $"expected a clip source, not {value.TypeName}";
                }

                entity = this with { Source = source };
                return source.Check();
            default:
                return WithBinding(property[BindingPrefix.Length..], value, out entity);
        }
    }

    private string? WithBinding(string input, TimelineValue value, out TimelineEntity? entity)
    {
        entity = null;
        if (string.IsNullOrWhiteSpace(input))
        {
            return "a binding names a workflow input";
        }

        switch (value)
        {
            case NullValue:
                entity = this with { Bindings = Bindings.Remove(input) };
                return null;
            case ConstantBinding constant:
                entity = this with { Bindings = Bindings.SetItem(input, constant) };
                return constant.Check();
            case CurveBinding curve:
                entity = this with { Bindings = Bindings.SetItem(input, curve) };
                return null;
            default:
                return $"expected a parameter binding or null, not {value.TypeName}";
        }
    }

    private static string? Bounded(long frames) => frames > MaxFrame ? $"must be at most {MaxFrame} frames" : null;

    /// <summary>About 1,200 years at 240 fps: far beyond any cut, far below overflow.</summary>
    public const long MaxFrame = 1L << 42;
}
