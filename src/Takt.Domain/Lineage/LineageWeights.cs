namespace Takt.Domain.Lineage;

/// <summary>
/// The documented weight rule of every edge kind (docs/lineage.md). Each returns a node's full
/// parent list with weights summing to 1, so callers never normalise by hand.
/// </summary>
public static class LineageWeights
{
    /// <summary>The share of a generation that its references and transformed inputs take together.</summary>
    public const double ReferenceShare = 0.25;

    /// <summary>The editor's share of an edit when the caller does not declare one.</summary>
    public const double DefaultEditorShare = 0.5;

    /// <summary>Asset ← its work's rights holders, equally (a work records who holds rights, not in what proportion).</summary>
    public static IReadOnlyList<ParentLink> ForAsset(IEnumerable<LineageNodeId> rightsHolders) =>
        Normalised(rightsHolders.Distinct().Select(c => (c, 1.0, EdgeRole.RightsHolder)));

    /// <summary>Dataset ← assets, by share of samples × repeats (kohya-style repeats count as samples).</summary>
    public static IReadOnlyList<ParentLink> ForDataset(IEnumerable<(LineageNodeId Asset, int Samples, int Repeats)> members) =>
        Normalised(members.Select(m => (m.Asset, (double)Positive(m.Samples, "samples") * Positive(m.Repeats, "repeats"), EdgeRole.Sample)));

    /// <summary>
    /// Training run ← datasets by samples × epochs, and, for a fine-tune, ← the model it starts
    /// from with <paramref name="initialShare"/> of the whole (0 for a LoRA: its base model is a
    /// parent of each generation that uses it, not of the LoRA).
    /// </summary>
    public static IReadOnlyList<ParentLink> ForTrainingRun(IEnumerable<(LineageNodeId Dataset, long Samples, int Epochs)> datasets, LineageNodeId? initialModel = null, double initialShare = 0)
    {
        if (!double.IsFinite(initialShare) || initialShare is < 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(initialShare), initialShare, "must be in [0, 1)");
        }

        var data = Normalised(datasets.Select(d => (d.Dataset, (double)Positive(d.Samples, "samples") * Positive(d.Epochs, "epochs"), EdgeRole.TrainingData)));
        if (initialModel is not { } model)
        {
            return data;
        }

        return [.. data.Select(l => l with { Weight = l.Weight * (1 - initialShare) }), new ParentLink(model, initialShare, EdgeRole.InitialModel)];
    }

    /// <summary>Model ← the run that trained it: all of a trained model comes from its run.</summary>
    public static IReadOnlyList<ParentLink> ForTrainedModel(LineageNodeId run) => [new(run, 1, EdgeRole.TrainedBy)];

    /// <summary>Weighted-sum merge θ = Σ cᵢθᵢ: inputs by their coefficients, normalised. Negative coefficients are not a weighted sum.</summary>
    public static IReadOnlyList<ParentLink> ForWeightedSumMerge(IEnumerable<(LineageNodeId Model, double Coefficient)> inputs) =>
        Normalised(inputs.Select(i => (i.Model, NonNegative(i.Coefficient, "coefficient"), EdgeRole.MergeInput)));

    /// <summary>
    /// Add-difference merge θ = A + α(B − C): A keeps 1/(1+|α|), B takes |α|/(1+|α|), and C, whose
    /// content is subtracted, takes 0 but stays a parent so an opt-out on it still reaches the merge.
    /// </summary>
    public static IReadOnlyList<ParentLink> ForAddDifferenceMerge(LineageNodeId a, LineageNodeId b, LineageNodeId c, double alpha)
    {
        var strength = Math.Abs(Finite(alpha, "alpha"));
        return [new(a, 1 / (1 + strength), EdgeRole.MergeInput), new(b, strength / (1 + strength), EdgeRole.MergeInput), new(c, 0, EdgeRole.MergeSubtracted)];
    }

    /// <summary>
    /// TIES merge θ = base + λ·τ: the base keeps 1/(1+λ); the task models share λ/(1+λ) by
    /// coefficient × the fraction of their task vector that survived trimming and sign election.
    /// </summary>
    public static IReadOnlyList<ParentLink> ForTiesMerge(LineageNodeId baseModel, double lambda, IEnumerable<(LineageNodeId Model, double Coefficient, double KeptFraction)> tasks)
    {
        var scale = NonNegative(lambda, "lambda");
        var taskLinks = Normalised(tasks.Select(t => (t.Model, NonNegative(t.Coefficient, "coefficient") * Fraction(t.KeptFraction), EdgeRole.MergeInput)));
        return [new(baseModel, 1 / (1 + scale), EdgeRole.MergeInput), .. taskLinks.Select(l => l with { Weight = l.Weight * scale / (1 + scale) })];
    }

    /// <summary>
    /// Generation ← checkpoint (1) and LoRAs (|strength|), normalised, sharing 1 − <see cref="ReferenceShare"/>;
    /// references and transformed inputs share <see cref="ReferenceShare"/> equally. With no
    /// references the models take everything.
    /// </summary>
    public static IReadOnlyList<ParentLink> ForGeneration(LineageNodeId baseModel, IEnumerable<(LineageNodeId Lora, double Strength)>? loras = null, IEnumerable<LineageNodeId>? references = null, IEnumerable<LineageNodeId>? inputs = null)
    {
        var models = Normalised([(baseModel, 1.0, EdgeRole.BaseModel), .. (loras ?? []).Select(l => (l.Lora, Math.Abs(Finite(l.Strength, "strength")), EdgeRole.Lora))]);
        var material = Normalised([.. (references ?? []).Select(r => (r, 1.0, EdgeRole.Reference)), .. (inputs ?? []).Select(i => (i, 1.0, EdgeRole.Input))], allowEmpty: true);
        var modelShare = material.Count == 0 ? 1 : 1 - ReferenceShare;
        return [.. models.Select(l => l with { Weight = l.Weight * modelShare }), .. material.Select(l => l with { Weight = l.Weight * ReferenceShare })];
    }

    /// <summary>Edit ← its editor with <paramref name="editorShare"/>, and ← the edited material equally with the rest.</summary>
    public static IReadOnlyList<ParentLink> ForEdit(LineageNodeId editor, IEnumerable<LineageNodeId> edited, double editorShare = DefaultEditorShare)
    {
        var share = Fraction(editorShare);
        var material = Normalised(edited.Select(e => (e, 1.0, EdgeRole.Edited)), allowEmpty: true);
        if (material.Count == 0)
        {
            return [new(editor, 1, EdgeRole.Editor)];
        }

        return [new(editor, share, EdgeRole.Editor), .. material.Select(l => l with { Weight = l.Weight * (1 - share) })];
    }

    /// <summary>Render ← each cut's content, by its duration in frames.</summary>
    public static IReadOnlyList<ParentLink> ForRender(IEnumerable<(LineageNodeId Content, long Frames)> cuts) =>
        Normalised(cuts.Select(c => (c.Content, (double)Positive(c.Frames, "frames"), EdgeRole.Cut)));

    /// <summary>Product ← the renders it releases, by running time.</summary>
    public static IReadOnlyList<ParentLink> ForProduct(IEnumerable<(LineageNodeId Part, double Seconds)> parts) =>
        Normalised(parts.Select(p => (p.Part, NonNegative(p.Seconds, "seconds"), EdgeRole.Part)));

    private static List<ParentLink> Normalised(IEnumerable<(LineageNodeId Parent, double Weight, EdgeRole Role)> raw, bool allowEmpty = false)
    {
        var items = raw.ToList();
        if (items.Count == 0)
        {
            return allowEmpty ? [] : throw new ArgumentException("at least one parent is needed");
        }

        var total = items.Sum(i => i.Weight);
        if (!(total > 0) || !double.IsFinite(total))
        {
            throw new ArgumentException($"parent weights must have a positive, finite total (got {total})");
        }

        return [.. items.Select(i => new ParentLink(i.Parent, i.Weight / total, i.Role))];
    }

    private static long Positive(long value, string name) =>
        value > 0 ? value : throw new ArgumentOutOfRangeException(name, value, $"{name} must be positive");

    private static double NonNegative(double value, string name) =>
        double.IsFinite(value) && value >= 0 ? value : throw new ArgumentOutOfRangeException(name, value, $"{name} must be a finite number ≥ 0");

    private static double Finite(double value, string name) =>
        double.IsFinite(value) ? value : throw new ArgumentOutOfRangeException(name, value, $"{name} must be finite");

    private static double Fraction(double value) =>
        double.IsFinite(value) && value is >= 0 and <= 1 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "must be in [0, 1]");
}
