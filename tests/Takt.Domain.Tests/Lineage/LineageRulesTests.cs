using Takt.Domain.Lineage;
using Takt.Domain.Tenancy;

namespace Takt.Domain.Tests.Lineage;

public sealed class LineageRulesTests
{
    private static readonly TenantId Kumo = TenantId.New();
    private static readonly TenantId Yoru = TenantId.New();

    private readonly Dictionary<LineageNodeId, RecordedNode> _recorded = [];
    private readonly LineageNodeId _mei = LineageNodeId.New();
    private readonly LineageNodeId _sheet = LineageNodeId.New();
    private readonly LineageNodeId _yoruAsset = LineageNodeId.New();

    public LineageRulesTests()
    {
        _recorded[_mei] = new RecordedNode(LineageNodeKind.Contributor, Kumo);
        _recorded[_sheet] = new RecordedNode(LineageNodeKind.Asset, Kumo);
        _recorded[_yoruAsset] = new RecordedNode(LineageNodeKind.Asset, Yoru);
    }

    private LineageCheck Check(params LineageNodeDraft[] batch) =>
        LineageRules.Check(batch, id => _recorded.GetValueOrDefault(id), t => t == Yoru);

    private static LineageNodeDraft Dataset(TenantId? tenant, params ParentLink[] parents) =>
        new(LineageNodeId.New(), LineageNodeKind.Dataset, tenant, "dataset v1", parents);

    [Fact]
    public void Check_ValidDataset_IsAccepted()
    {
        var check = Check(Dataset(Kumo, LineageWeights.ForDataset([(_sheet, 10, 2)]).ToArray()));

        Assert.True(check.IsValid, string.Join("; ", check.Problems));
    }

    [Theory]
    [InlineData(double.NaN, "finite number")]
    [InlineData(double.PositiveInfinity, "finite number")]
    [InlineData(-0.5, "finite number ≥ 0")]
    [InlineData(0.5, "sum to 0.5, not 1")]
    public void Check_BadWeight_IsRejectedWithTheReason(double weight, string expected)
    {
        var check = Check(Dataset(Kumo, new ParentLink(_sheet, weight, EdgeRole.Sample)));

        Assert.False(check.IsValid);
        Assert.Contains(check.Problems, p => p.Message.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Check_DuplicateParent_IsRejected()
    {
        var check = Check(Dataset(Kumo, new ParentLink(_sheet, 0.5, EdgeRole.Sample), new ParentLink(_sheet, 0.5, EdgeRole.Sample)));

        Assert.Contains(check.Problems, p => p.Message.Contains("named twice", StringComparison.Ordinal));
    }

    [Fact]
    public void Check_UnknownParent_IsRejected()
    {
        var check = Check(Dataset(Kumo, new ParentLink(LineageNodeId.New(), 1, EdgeRole.Sample)));

        Assert.Contains(check.Problems, p => p.Message.Contains("is not recorded", StringComparison.Ordinal));
    }

    [Fact]
    public void Check_OtherTenantsParent_IsRejected()
    {
        var check = Check(Dataset(Kumo, new ParentLink(_yoruAsset, 1, EdgeRole.Sample)));

        Assert.Contains(check.Problems, p => p.Message.Contains("another tenant", StringComparison.Ordinal));
    }

    [Fact]
    public void Check_SharedPoolDataset_TakesOnlyFromTenantsThatFeedThePool()
    {
        Assert.True(Check(Dataset(null, new ParentLink(_yoruAsset, 1, EdgeRole.Sample))).IsValid);

        var check = Check(Dataset(null, new ParentLink(_sheet, 1, EdgeRole.Sample)));
        Assert.Contains(check.Problems, p => p.Message.Contains("does not contribute to the shared pool", StringComparison.Ordinal));
    }

    [Fact]
    public void Check_RoleOfAnotherKind_IsRejected()
    {
        var check = Check(Dataset(Kumo, new ParentLink(_sheet, 1, EdgeRole.BaseModel)));

        Assert.Contains(check.Problems, p => p.Message.Contains("belongs to a generation", StringComparison.Ordinal));
    }

    [Fact]
    public void Check_RoleOnTheWrongParentKind_IsRejected()
    {
        var check = Check(Dataset(Kumo, new ParentLink(_mei, 1, EdgeRole.Sample)));

        Assert.Contains(check.Problems, p => p.Message.Contains("cannot point at a contributor", StringComparison.Ordinal));
    }

    [Fact]
    public void Check_CycleWithinBatch_IsRejectedAndNothingOrdered()
    {
        var a = LineageNodeId.New();
        var b = LineageNodeId.New();
        var editA = new LineageNodeDraft(a, LineageNodeKind.Edit, Kumo, "edit a", [new(_mei, 0.5, EdgeRole.Editor), new(b, 0.5, EdgeRole.Edited)]);
        var editB = new LineageNodeDraft(b, LineageNodeKind.Edit, Kumo, "edit b", [new(_mei, 0.5, EdgeRole.Editor), new(a, 0.5, EdgeRole.Edited)]);

        var check = Check(editA, editB);

        Assert.Empty(check.Ordered);
        Assert.Equal(2, check.Problems.Count(p => p.Message.Contains("cycle", StringComparison.Ordinal)));
    }

    [Fact]
    public void Check_BatchGivenChildFirst_IsOrderedParentsFirst()
    {
        var dataset = Dataset(Kumo, new ParentLink(_sheet, 1, EdgeRole.Sample));
        var run = new LineageNodeDraft(LineageNodeId.New(), LineageNodeKind.TrainingRun, Kumo, "run", LineageWeights.ForTrainingRun([(dataset.Id, 10, 5)]));

        var check = Check(run, dataset);

        Assert.True(check.IsValid, string.Join("; ", check.Problems));
        Assert.Equal([dataset.Id, run.Id], check.Ordered.Select(n => n.Id));
    }

    [Fact]
    public void Check_RecordedAgain_IsRejectedAsAppendOnly()
    {
        var check = Check(new LineageNodeDraft(_sheet, LineageNodeKind.Asset, Kumo, "sheet", [new(_mei, 1, EdgeRole.RightsHolder)]));

        Assert.Contains(check.Problems, p => p.Message.Contains("append-only", StringComparison.Ordinal));
    }

    [Fact]
    public void Check_ContributorWithParents_AndDatasetWithout_AreRejected()
    {
        var contributor = new LineageNodeDraft(LineageNodeId.New(), LineageNodeKind.Contributor, Kumo, "someone", [new(_mei, 1, EdgeRole.Editor)]);
        var empty = Dataset(Kumo);

        var check = Check(contributor, empty);

        Assert.Contains(check.Problems, p => p.Node == contributor.Id);
        Assert.Contains(check.Problems, p => p.Node == empty.Id && p.Message.Contains("at least one parent", StringComparison.Ordinal));
    }

    [Fact]
    public void Check_SubtractedMergeInputWithWeight_IsRejected()
    {
        var model = LineageNodeId.New();
        _recorded[model] = new RecordedNode(LineageNodeKind.Model, Kumo);
        var other = LineageNodeId.New();
        _recorded[other] = new RecordedNode(LineageNodeKind.Model, Kumo);
        var merge = new LineageNodeDraft(LineageNodeId.New(), LineageNodeKind.Model, Kumo, "merge", [new(model, 0.5, EdgeRole.MergeInput), new(other, 0.5, EdgeRole.MergeSubtracted)]);

        Assert.Contains(Check(merge).Problems, p => p.Message.Contains("subtracted", StringComparison.Ordinal));
    }
}
