using System.Diagnostics.CodeAnalysis;

namespace Takt.Domain.Timeline;

/// <summary>
/// An entity of the flat timeline map. Every entity has an id, a parent (none only for a project)
/// and a fractional order key among its siblings; the rest are named properties, read and written
/// through <see cref="GetProperty"/> and <see cref="TryWithProperty"/> so that operations, inverses
/// and JSON all go through one table per kind. Parent and order key change only by a move.
/// </summary>
public abstract record TimelineEntity
{
    private protected TimelineEntity()
    {
    }

    public required TimelineEntityId Id { get; init; }

    public TimelineEntityId? ParentId { get; init; }

    public required string OrderKey { get; init; }

    public abstract EntityKind Kind { get; }

    /// <summary>The fixed property names of this kind, in canonical (ordinal) order.</summary>
    public abstract IReadOnlyList<string> PropertyNames { get; }

    /// <summary>The property's value, or null when this kind has no such property.</summary>
    public abstract TimelineValue? GetProperty(string property);

    /// <summary>A copy with the property set, or the problem (unknown property, wrong type, out of range).</summary>
    public bool TryWithProperty(string property, TimelineValue value, [NotNullWhen(true)] out TimelineEntity? entity, [NotNullWhen(false)] out TimelineProblem? problem)
    {
        entity = null;
        if (GetProperty(property) is null)
        {
            problem = new(TimelineProblemKind.UnknownProperty, Id, property, $"a {Kind.ToString().ToLowerInvariant()} has no property '{property}'");
            return false;
        }

        var message = With(property, value, out entity);
        if (message is not null || entity is null)
        {
            entity = null;
            problem = new(TimelineProblemKind.InvalidValue, Id, property, message ?? "invalid value");
            return false;
        }

        problem = null;
        return true;
    }

    /// <summary>The first problem with the entity's own values (not its place in a document), or null.</summary>
    public TimelineProblem? Check()
    {
        if (!OrderKeys.IsValid(OrderKey))
        {
            return new(TimelineProblemKind.InvalidOrderKey, Id, "orderKey", $"'{OrderKey}' is not a valid order key");
        }

        foreach (var property in AllPropertyNames())
        {
            if (!TryWithProperty(property, GetProperty(property)!, out _, out var problem))
            {
                return problem;
            }
        }

        return null;
    }

    /// <summary>Fixed property names and, for kinds with open-ended properties (clip bindings), those present.</summary>
    public virtual IEnumerable<string> AllPropertyNames() => PropertyNames;

    /// <summary>A blank entity of the kind, for readers that then set every property.</summary>
    public static TimelineEntity Blank(EntityKind kind, TimelineEntityId id, TimelineEntityId? parentId, string orderKey) => kind switch
    {
        EntityKind.Project => new ProjectEntity { Id = id, ParentId = parentId, OrderKey = orderKey, Name = string.Empty },
        EntityKind.Scene => new SceneEntity { Id = id, ParentId = parentId, OrderKey = orderKey, Name = string.Empty },
        EntityKind.Cut => new CutEntity { Id = id, ParentId = parentId, OrderKey = orderKey, Name = string.Empty, Rate = new FrameRate(24, 1), Width = 1, Height = 1, DurationFrames = 0 },
        EntityKind.Track => new TrackEntity { Id = id, ParentId = parentId, OrderKey = orderKey, Name = string.Empty, TrackKind = TrackKind.Video, Enabled = true, Locked = false },
        EntityKind.Clip => new ClipEntity { Id = id, ParentId = parentId, OrderKey = orderKey, Name = string.Empty, Start = 0, Duration = 1, SourceIn = 0, Source = new GenerationSource("-") },
        EntityKind.Curve => new CurveEntity { Id = id, ParentId = parentId, OrderKey = orderKey, Parameter = "-", ValueKind = CurveValueKind.Number },
        EntityKind.Keyframe => new KeyframeEntity { Id = id, ParentId = parentId, OrderKey = orderKey, Frame = 0, Value = new NumberValue(0), Interpolation = KeyInterpolation.Linear },
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown entity kind"),
    };

    /// <summary>Sets a property known to exist; returns the problem with the value, or null.</summary>
    private protected abstract string? With(string property, TimelineValue value, out TimelineEntity? entity);

    private protected static string? Text(TimelineValue value, out string text, bool allowEmpty = true)
    {
        text = value is TextValue t ? t.Value : string.Empty;
        return value is not TextValue ? $"expected text, not {value.TypeName}"
            : !allowEmpty && string.IsNullOrWhiteSpace(text) ? "must not be empty" : null;
    }

    private protected static string? Integer(TimelineValue value, long minimum, out long number)
    {
        number = value is IntegerValue i ? i.Value : 0;
        return value is not IntegerValue ? $"expected an integer, not {value.TypeName}"
            : number < minimum ? $"must be at least {minimum}, not {number}" : null;
    }

    private protected static string? Flag(TimelineValue value, out bool flag)
    {
        flag = value is BoolValue b && b.Value;
        return value is BoolValue ? null : $"expected a bool, not {value.TypeName}";
    }

    private protected static string? Named<TEnum>(TimelineValue value, out TEnum result)
        where TEnum : struct, Enum
    {
        result = default;
        return value is TextValue t && TimelineNames.TryParse(t.Value, out result) ? null
            : $"expected one of {string.Join(", ", TimelineNames.All<TEnum>())}, not {Describe(value)}";
    }

    private protected static string Describe(TimelineValue value) => value is TextValue t ? $"'{t.Value}'" : value.TypeName;
}
