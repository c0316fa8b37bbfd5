using Takt.Domain.Archive;
using Takt.Domain.Timeline;

namespace Takt.Domain.Tests.Timeline;

/// <summary>
/// Turns a stream of random integers into edits against the evolving document: creates, sets, moves,
/// deletes and commands, many of them invalid on purpose (wrong parent, overlap, NaN-free bad values).
/// Every attempt is recorded with the document before it and its result.
/// </summary>
internal sealed class RandomEdits
{
    private readonly int[] _choices;
    private int _cursor;
    private int _nextId = 1000;

    public RandomEdits(int[] choices) => _choices = choices;

    public TimelineDocument Document { get; private set; } = TimelineDocument.Empty;

    public List<(TimelineDocument Before, TimelineOperation Operation, ApplyResult Result)> Attempts { get; } = [];

    /// <summary>(parent, index among its children) for each accepted create, to check order keys placed it there.</summary>
    public List<(TimelineEntityId Entity, TimelineEntityId? Parent, int Index, TimelineDocument After)> Placements { get; } = [];

    public void Run()
    {
        while (_cursor < _choices.Length)
        {
            var operation = Step();
            if (operation is null)
            {
                continue;
            }

            var before = Document;
            var result = operation.Apply(before);
            Attempts.Add((before, operation, result));
            if (result.Applied)
            {
                Document = result.Document;
            }
        }
    }

    private int Next(int n) => _choices[_cursor++ % _choices.Length] % n;

    private TimelineOperation? Step() => Next(15) switch
    {
        0 when Document.Roots().Count < 2 => Create(null, (id, parent, key) => new ProjectEntity { Id = id, ParentId = parent, OrderKey = key, Name = "p" }, EntityKind.Project),
        1 => Create(Pick(EntityKind.Project), (id, parent, key) => new SceneEntity { Id = id, ParentId = parent, OrderKey = key, Name = "s" }),
        2 => Create(Pick(EntityKind.Scene), (id, parent, key) => new CutEntity
        {
            Id = id,
            ParentId = parent,
            OrderKey = key,
            Name = "c",
            Rate = new FrameRate(1 + Next(60000), 1 + Next(1001)),
            Width = 1 + Next(4096),
            Height = 1 + Next(4096),
            DurationFrames = Next(500),
        }),
        3 => Create(Pick(EntityKind.Cut), (id, parent, key) => TimelineFixtures.Track(id, parent!.Value, key, locked: Next(8) == 0)),
        4 => Create(Pick(EntityKind.Track), (id, parent, key) => new ClipEntity
        {
            Id = id,
            ParentId = parent,
            OrderKey = key,
            Name = "k",
            Start = Next(60),
            Duration = 1 + Next(15),
            SourceIn = Next(5),
            Source = Source(),
        }),
        5 => Create(Pick(EntityKind.Clip, EntityKind.Track, EntityKind.Cut), (id, parent, key) => new CurveEntity
        {
            Id = id,
            ParentId = parent,
            OrderKey = key,
            Parameter = "in" + Next(3),
            ValueKind = (CurveValueKind)Next(4),
        }),
        6 => Create(Pick(EntityKind.Curve), (id, parent, key) => new KeyframeEntity
        {
            Id = id,
            ParentId = parent,
            OrderKey = key,
            Frame = Next(20),
            Value = KeyValue(Document.Find<CurveEntity>(parent!.Value)!.ValueKind),
            Interpolation = Interpolation(),
        }),
        7 or 8 or 9 => Set(),
        10 => Move(),
        11 => Pick() is { } doomed ? (Next(2) == 0 ? new DeleteEntity(Document.Find(doomed)!) : TimelineCommands.DeleteTree(Document, doomed).Batch) : null,
        _ => Command(),
    };

    private CreateEntity? Create(TimelineEntityId? parent, Func<TimelineEntityId, TimelineEntityId?, string, TimelineEntity> make, EntityKind? root = null)
    {
        if (parent is null && root is null)
        {
            return null;
        }

        var siblings = parent is { } p ? Document.Children(p) : Document.Roots();
        var index = Next(siblings.Count + 1);
        var key = Document.OrderKeyAt(parent, index);
        var id = TimelineFixtures.Id(_nextId++);
        var entity = make(id, parent, key);
        var result = new CreateEntity(entity).Apply(Document);
        if (result.Applied)
        {
            Placements.Add((id, parent, index, result.Document));
        }

        return new CreateEntity(entity);
    }

    private SetProperty? Set()
    {
        if ((Next(3) == 0 ? Pick() : Pick(EntityKind.Clip, EntityKind.Keyframe)) is not { } id)
        {
            return null;
        }

        var entity = Document.Find(id)!;
        var names = entity.PropertyNames.Append(entity is ClipEntity ? ClipEntity.BindingPrefix + "in" + Next(3) : "nonsense").ToArray();
        var property = names[Next(names.Length)];
        TimelineValue value = property switch
        {
            "start" or "duration" or "durationFrames" or "width" or "height" => new IntegerValue(Next(60) - 2),
            "sourceIn" => new IntegerValue(Next(8) - 1),
            "source" => Source(),
            "rate" => new FrameRate(Next(30), 1 + Next(2)),
            "frame" => new NumberValue(Next(20) + (Next(2) * 0.5)),
            "value" => KeyValue(Document.Find<CurveEntity>(entity.ParentId!.Value)!.ValueKind),
            "interpolation" => Interpolation(),
            "enabled" or "locked" => new BoolValue(Next(2) == 0),
            "trackKind" => new TextValue(Next(5) == 0 ? "smell" : TimelineNames.Of((TrackKind)Next(4))),
            "valueKind" => new TextValue(TimelineNames.Of((CurveValueKind)Next(4))),
            _ when property.StartsWith(ClipEntity.BindingPrefix, StringComparison.Ordinal) => Next(3) switch
            {
                0 => NullValue.Instance,
                1 => new ConstantBinding(new NumberValue(Next(10) / 4.0)),
                _ => Pick(EntityKind.Curve) is { } curve ? new CurveBinding(curve) : new CurveBinding(TimelineFixtures.Id(1)),
            },
            _ => new TextValue("n" + Next(5)),
        };
        return new SetProperty(id, property, value);
    }

    private MoveEntity? Move()
    {
        if (Pick() is not { } id)
        {
            return null;
        }

        // Mostly a parent of an allowed kind, so moves are often accepted; otherwise anything, root included.
        var parent = Next(3) > 0 ? Pick([.. TimelineParentRules.ParentsOf(Document.Find(id)!.Kind)]) : Next(4) == 0 ? null : Pick();
        var siblings = parent is { } p ? Document.Children(p) : Document.Roots();
        return new MoveEntity(id, parent, Document.OrderKeyAt(parent, Next(siblings.Count + 1)));
    }

    private OperationBatch? Command()
    {
        if (Pick(EntityKind.Clip) is not { } clipId)
        {
            return null;
        }

        var clip = Document.Find<ClipEntity>(clipId)!;
        var next = Document.ClipsOf(clip.ParentId!.Value).FirstOrDefault(c => c.Start == clip.End);
        var command = Next(5) switch
        {
            0 => TimelineCommands.RippleDelete(Document, clipId),
            1 => TimelineCommands.Slip(Document, clipId, Next(11) - 5),
            2 => TimelineCommands.Roll(Document, clipId, next?.Id ?? clipId, Next(11) - 5),
            3 => TimelineCommands.Slide(Document, clipId, Next(9) - 4),
            _ => TimelineCommands.RippleInsert(Document, new ClipEntity
            {
                Id = TimelineFixtures.Id(_nextId++),
                ParentId = clip.ParentId,
                OrderKey = Document.OrderKeyAt(clip.ParentId, 0),
                Name = "r",
                Start = Next(60),
                Duration = 1 + Next(10),
                SourceIn = 0,
                Source = Source(),
            }),
        };
        return command.Batch;
    }

    private TimelineEntityId? Pick(params EntityKind[] kinds)
    {
        var candidates = Document.Entities.Values.Where(e => kinds.Length == 0 || kinds.Contains(e.Kind)).OrderBy(e => e.Id.Value).ToList();
        return candidates.Count == 0 ? null : candidates[Next(candidates.Count)].Id;
    }

    private ClipSource Source() => Next(3) switch
    {
        0 => new ArchiveAssetSource(new AssetId(TimelineFixtures.Id(Next(5)).Value), "sha256:" + Next(9)),
        1 => new RenderedSequenceSource("sha256:" + Next(9), 1 + Next(100)),
        _ => new GenerationSource("wf" + Next(3)),
    };

    /// <summary>Mostly a value the curve accepts; one time in five any kind.</summary>
    private TimelineValue KeyValue(CurveValueKind kind) => (Next(5) == 0 ? (CurveValueKind)Next(4) : kind) switch
    {
        CurveValueKind.Integer => new IntegerValue(Next(10)),
        CurveValueKind.Enum or CurveValueKind.Text => new TextValue("t" + Next(3)),
        _ => new NumberValue((Next(200) - 100) / 8.0),
    };

    private KeyInterpolation Interpolation() => Next(5) switch
    {
        0 or 4 => KeyInterpolation.Constant,
        1 => KeyInterpolation.Linear,
        2 => new KeyInterpolation(InterpolationKind.Bezier, Handles: new BezierHandles(Next(5) / 4.0, Next(9) / 4.0, Next(5) / 4.0, 1)),
        _ => new KeyInterpolation(InterpolationKind.Ease, Easing: "quad-inout"),
    };
}
