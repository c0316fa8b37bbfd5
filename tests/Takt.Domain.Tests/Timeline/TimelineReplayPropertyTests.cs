using CsCheck;
using Takt.Domain.Timeline;

namespace Takt.Domain.Tests.Timeline;

public sealed class TimelineReplayPropertyTests
{
    private static readonly Gen<int[]> Choices = Gen.Int[0, 1 << 20].Array[20, 600];

    [Fact]
    public void RandomEdits_EachInverseRestoresTheDocumentBefore()
    {
        Choices.Sample(choices =>
        {
            var edits = Run(choices);
            foreach (var (before, _, result) in edits.Attempts.Where(a => a.Result.Applied))
            {
                var undone = result.Inverse!.Apply(result.Document!);
                Assert.True(undone.Applied, undone.Problem?.ToString());
                Assert.Equal(before, undone.Document);
            }
        });
    }

    [Fact]
    public void RandomEdits_ReplayingTheLogRebuildsTheDocument_AndUndoingAllEmptiesIt()
    {
        Choices.Sample(choices =>
        {
            var edits = Run(choices);
            var log = edits.Attempts.Where(a => a.Result.Applied).ToList();

            var replayed = TimelineDocument.Empty.Replay(log.Select(a => a.Operation));
            Assert.True(replayed.Applied);
            Assert.Equal(edits.Document, replayed.Document);

            var undone = edits.Document.Replay(log.Select(a => a.Result.Inverse!).Reverse());
            Assert.True(undone.Applied, undone.Problem?.ToString());
            Assert.Equal(TimelineDocument.Empty, undone.Document);
        });
    }

    [Fact]
    public void RandomEdits_NeverOverlapClips_KeepParentsValid_AndPlaceCreatesWhereAsked()
    {
        Choices.Sample(choices =>
        {
            var edits = Run(choices);
            foreach (var document in edits.Attempts.Where(a => a.Result.Applied).Select(a => a.Result.Document!))
            {
                AssertInvariants(document);
            }

            foreach (var (entity, parent, index, after) in edits.Placements)
            {
                var siblings = parent is { } p ? after.Children(p) : after.Roots();
                Assert.Equal(entity, siblings[index].Id);
            }
        });
    }

    [Fact]
    public void RandomEdits_RefusalsNameTheEntity()
    {
        Choices.Sample(choices =>
        {
            foreach (var (_, operation, result) in Run(choices).Attempts.Where(a => !a.Result.Applied && a.Operation is not OperationBatch))
            {
                Assert.NotNull(result.Problem!.Entity);
                Assert.False(string.IsNullOrWhiteSpace(result.Problem.Message));
            }
        });
    }

    [Fact]
    public void RandomEdits_JsonRoundTrips_DocumentsCanonicallyAndEveryOperation()
    {
        Choices.Sample(choices =>
        {
            var edits = Run(choices);
            var bytes = TimelineJson.WriteDocument(edits.Document);
            Assert.True(TimelineJson.TryReadDocument(bytes, out var read, out var problem), problem);
            Assert.Equal(edits.Document, read);
            Assert.Equal(bytes, TimelineJson.WriteDocument(read));

            foreach (var (_, operation, _) in edits.Attempts)
            {
                Assert.True(TimelineJson.TryReadOperation(TimelineJson.WriteOperation(operation), out var op, out var opProblem), opProblem);
                Assert.Equal(operation, op);
            }
        });
    }

    private static RandomEdits Run(int[] choices)
    {
        var edits = new RandomEdits(choices);
        edits.Run();
        return edits;
    }

    /// <summary>Checked by brute force, independently of the rules the operations apply.</summary>
    private static void AssertInvariants(TimelineDocument document)
    {
        var clips = document.Entities.Values.OfType<ClipEntity>().ToList();
        foreach (var a in clips)
        {
            foreach (var b in clips)
            {
                Assert.False(a.Id != b.Id && a.ParentId == b.ParentId && a.Start < b.End && b.Start < a.End, $"clips {a.Id} and {b.Id} overlap");
            }
        }

        foreach (var entity in document.Entities.Values)
        {
            var parent = entity.ParentId is { } p ? document.Find(p) : null;
            Assert.True(TimelineParentRules.Allows(entity.Kind, parent?.Kind), $"{entity.Kind} {entity.Id} under {parent?.Kind}");
            Assert.True(entity.ParentId is null || parent is not null);

            // The child index agrees with the parents the entities name.
            var children = document.Entities.Values.Where(e => e.ParentId == entity.Id).Select(e => e.Id.Value).Order();
            Assert.Equal(children, document.Children(entity.Id).Select(e => e.Id.Value).Order());
        }

        Assert.Equal(document.Entities.Values.Where(e => e.ParentId is null).Select(e => e.Id.Value).Order(), document.Roots().Select(e => e.Id.Value).Order());
    }
}
