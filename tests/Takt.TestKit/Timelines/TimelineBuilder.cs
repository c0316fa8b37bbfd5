using Takt.Domain.Timeline;

namespace Takt.TestKit.Timelines;

/// <summary>
/// Builds timeline documents for tests the way an editor does: every entity is a CreateEntity
/// operation replayed on the empty document, so a built document passes the same checks as a
/// real one. Ids are deterministic (a counter), so two builds of the same script are equal.
/// </summary>
public sealed class TimelineBuilder
{
    private readonly List<TimelineOperation> _operations = [];
    private int _next;
    private string? _lastKey;

    public TimelineBuilder(string project = "show", string scene = "s01")
    {
        Project = Add(id => new ProjectEntity { Id = id, OrderKey = Key(), Name = project });
        Scene = Add(id => new SceneEntity { Id = id, ParentId = Project, OrderKey = Key(), Name = scene });
    }

    public TimelineEntityId Project { get; }

    public TimelineEntityId Scene { get; }

    public IReadOnlyList<TimelineOperation> Operations => _operations;

    public TimelineEntityId Cut(string name, int width, int height, long frames, long rateNumerator = 24, long rateDenominator = 1) =>
        Add(id => new CutEntity { Id = id, ParentId = Scene, OrderKey = Key(), Name = name, Width = width, Height = height, DurationFrames = frames, Rate = new FrameRate(rateNumerator, rateDenominator) });

    public TimelineEntityId Track(TimelineEntityId cut, string name, TrackKind kind = TrackKind.Video, bool enabled = true) =>
        Add(id => new TrackEntity { Id = id, ParentId = cut, OrderKey = Key(), Name = name, TrackKind = kind, Enabled = enabled, Locked = false });

    public TimelineEntityId Clip(TimelineEntityId track, string name, ClipSource source, long start, long duration, long sourceIn = 0, IReadOnlyDictionary<string, ParameterBinding>? bindings = null)
    {
        var map = System.Collections.Immutable.ImmutableSortedDictionary<string, ParameterBinding>.Empty.WithComparers(StringComparer.Ordinal);
        foreach (var (input, binding) in bindings ?? new Dictionary<string, ParameterBinding>())
        {
            map = map.SetItem(input, binding);
        }

        return Add(id => new ClipEntity { Id = id, ParentId = track, OrderKey = Key(), Name = name, Start = start, Duration = duration, SourceIn = sourceIn, Source = source, Bindings = map });
    }

    /// <summary>A number curve on a target with keys (frame, value), each with the given interpolation (linear by default).</summary>
    public TimelineEntityId Curve(TimelineEntityId target, string parameter, params (double Frame, double Value)[] keys) =>
        Curve(target, parameter, KeyInterpolation.Linear, keys);

    public TimelineEntityId Curve(TimelineEntityId target, string parameter, KeyInterpolation interpolation, params (double Frame, double Value)[] keys)
    {
        var curve = Add(id => new CurveEntity { Id = id, ParentId = target, OrderKey = Key(), Parameter = parameter, ValueKind = CurveValueKind.Number });
        foreach (var (frame, value) in keys)
        {
            Add(id => new KeyframeEntity { Id = id, ParentId = curve, OrderKey = Key(), Frame = frame, Value = new NumberValue(value), Interpolation = interpolation });
        }

        return curve;
    }

    public TimelineEntityId TextCurve(TimelineEntityId target, string parameter, params (double Frame, string Value)[] keys)
    {
        var curve = Add(id => new CurveEntity { Id = id, ParentId = target, OrderKey = Key(), Parameter = parameter, ValueKind = CurveValueKind.Text });
        foreach (var (frame, value) in keys)
        {
            Add(id => new KeyframeEntity { Id = id, ParentId = curve, OrderKey = Key(), Frame = frame, Value = new TextValue(value), Interpolation = KeyInterpolation.Constant });
        }

        return curve;
    }

    /// <summary>The document the operations build; a refused operation fails the test with its problem.</summary>
    public TimelineDocument Build()
    {
        var result = TimelineDocument.Empty.Replay(_operations);
        return result.Applied ? result.Document : throw new InvalidOperationException($"the test timeline is not valid: {result.Problem}");
    }

    private TimelineEntityId Add(Func<TimelineEntityId, TimelineEntity> make)
    {
        var id = new TimelineEntityId(new Guid(_next++, 0, 0, new byte[8]));
        _operations.Add(new CreateEntity(make(id)));
        return id;
    }

    // Order keys only need to grow; one sequence for all entities keeps siblings in creation order.
    private string Key() => _lastKey = OrderKeys.Between(_lastKey, null);
}
