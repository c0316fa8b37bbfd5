using CsCheck;
using Takt.Domain.Lineage;

namespace Takt.Domain.Tests.Lineage;

public sealed class LineageWeightsTests
{
    private static LineageNodeId Id() => LineageNodeId.New();

    private static void SumsToOne(IReadOnlyList<ParentLink> links)
    {
        Assert.All(links, l => Assert.True(l.Weight >= 0 && double.IsFinite(l.Weight)));
        Assert.Equal(1.0, links.Sum(l => l.Weight), LineageRules.WeightTolerance);
    }

    [Fact]
    public void EveryRule_GivesNonNegativeWeightsSummingToOne()
    {
        Gen.Select(Gen.Int[1, 40], Gen.Double[0, 3], Gen.Int[0, 4], Gen.Int[0, 3]).Sample((n, strength, loras, refs) =>
        {
            SumsToOne(LineageWeights.ForDataset(Enumerable.Range(0, n).Select(i => (Id(), i + 1, (i % 3) + 1))));
            SumsToOne(LineageWeights.ForTrainingRun(Enumerable.Range(0, n).Select(i => (Id(), (long)(i + 10), 3)), Id(), 0.4));
            SumsToOne(LineageWeights.ForWeightedSumMerge(Enumerable.Range(0, n).Select(i => (Id(), strength + i + 0.1))));
            SumsToOne(LineageWeights.ForAddDifferenceMerge(Id(), Id(), Id(), strength - 1.5));
            SumsToOne(LineageWeights.ForTiesMerge(Id(), strength, Enumerable.Range(0, n).Select(i => (Id(), 1.0 + i, 0.2))));
            SumsToOne(LineageWeights.ForGeneration(Id(), Enumerable.Range(0, loras).Select(_ => (Id(), strength)), Enumerable.Range(0, refs).Select(_ => Id())));
            SumsToOne(LineageWeights.ForEdit(Id(), Enumerable.Range(0, refs).Select(_ => Id()), strength / 3));
            SumsToOne(LineageWeights.ForRender(Enumerable.Range(0, n).Select(i => (Id(), (long)(i * 12 + 1)))));
        }, iter: 500);
    }

    [Fact]
    public void ForGeneration_ReferencesShareAQuarter_ModelsByStrength()
    {
        var (checkpoint, lora, reference) = (Id(), Id(), Id());

        var links = LineageWeights.ForGeneration(checkpoint, [(lora, 0.5)], [reference]);

        Assert.Equal(0.5, links.Single(l => l.Parent == checkpoint).Weight, 12);
        Assert.Equal(0.25, links.Single(l => l.Parent == lora).Weight, 12);
        Assert.Equal(0.25, links.Single(l => l.Parent == reference && l.Role == EdgeRole.Reference).Weight, 12);
    }

    [Fact]
    public void ForAddDifferenceMerge_KeepsTheSubtractedModelAsAZeroWeightParent()
    {
        var (a, b, c) = (Id(), Id(), Id());

        var links = LineageWeights.ForAddDifferenceMerge(a, b, c, 1.0);

        Assert.Equal([0.5, 0.5, 0.0], links.Select(l => l.Weight));
        Assert.Equal(EdgeRole.MergeSubtracted, links[2].Role);
    }

    [Fact]
    public void ForWeightedSumMerge_NegativeCoefficient_IsRefused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => LineageWeights.ForWeightedSumMerge([(Id(), 1.0), (Id(), -0.5)]));
}
