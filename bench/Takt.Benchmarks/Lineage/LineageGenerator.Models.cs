using Takt.Domain.Lineage;

namespace Takt.Benchmarks.Lineage;

public sealed partial class LineageGenerator
{
    /// <summary>
    /// One model of a tenant: a weighted-sum merge of 2–3 checkpoints (its own or external ones),
    /// or a trained one, a LoRA or a full fine-tune, with its training run on 1–3 recent datasets.
    /// </summary>
    private void AddModel(int pool)
    {
        if (_random.NextDouble() < LineageShape.MergeShare)
        {
            var inputs = new List<int>();
            var wanted = _random.Next(2, 4);
            while (inputs.Count < wanted)
            {
                var own = _checkpoints[pool].Count > 0 && _random.NextDouble() < 0.5;
                var input = own ? Pick(_checkpoints[pool], Skew.Recent) : Pick(_checkpoints[0], Skew.Early);
                if (!inputs.Contains(input))
                {
                    inputs.Add(input);
                }
            }

            var coefficients = inputs.Select(i => (Id(i), Math.Round(0.1 + (0.9 * _random.NextDouble()), 2)));
            _checkpoints[pool].Add(_graph.Add(NewGuid(_graph.NodeCount), LineageNodeKind.Model, pool, LineageWeights.ForWeightedSumMerge(coefficients)));
            return;
        }

        if (_datasets[pool].Count == 0)
        {
            AddDataset(pool);
        }

        var lora = _random.NextDouble() < LineageShape.LoraShare;
        var datasets = PickDistinct(_datasets[pool], _random.Next(1, 4), Skew.Recent);
        var data = datasets.Select(d => (Id(d), _datasetSamples[d], _random.Next(1, 21)));
        IReadOnlyList<ParentLink> runParents;
        if (lora)
        {
            runParents = LineageWeights.ForTrainingRun(data);
        }
        else
        {
            // Most fine-tunes start from an external base; some from the tenant's own checkpoints.
            var own = _checkpoints[pool].Count > 0 && _random.NextDouble() < 0.3;
            var initial = own ? Pick(_checkpoints[pool], Skew.Recent) : Pick(_checkpoints[0], Skew.Early);
            runParents = LineageWeights.ForTrainingRun(data, Id(initial), Math.Round(0.5 + (0.4 * _random.NextDouble()), 2));
        }

        var run = _graph.Add(NewGuid(_graph.NodeCount), LineageNodeKind.TrainingRun, pool, runParents);
        var model = _graph.Add(NewGuid(_graph.NodeCount), LineageNodeKind.Model, pool, LineageWeights.ForTrainedModel(Id(run)));
        (lora ? _loras : _checkpoints)[pool].Add(model);
    }

    /// <summary>
    /// A generation: a checkpoint (external half the time, popular ones far more often), 0–3 of
    /// the tenant's LoRAs at a strength of 0.3–1, and 0–2 reference images from the archive.
    /// </summary>
    private void AddGeneration(int pool)
    {
        var own = _checkpoints[pool].Count > 0 && _random.NextDouble() < 0.5;
        var checkpoint = own ? Pick(_checkpoints[pool], Skew.Recent) : Pick(_checkpoints[0], Skew.Early);

        var x = _random.NextDouble();
        var loraCount = x < 0.2 ? 0 : x < 0.55 ? 1 : x < 0.85 ? 2 : 3;
        var loras = PickDistinct(_loras[pool], loraCount, Skew.Recent)
            .Select(l => (Id(l), Math.Round(0.3 + (0.7 * _random.NextDouble()), 2)));

        x = _random.NextDouble();
        var referenceCount = x < 0.6 ? 0 : x < 0.9 ? 1 : 2;
        var references = new List<LineageNodeId>(referenceCount);
        while (references.Count < referenceCount)
        {
            var from = _random.NextDouble() < 0.1 ? _assets[0] : _assets[pool];
            var reference = Id(from[_random.Next(from.Count)]);
            if (!references.Contains(reference))
            {
                references.Add(reference);
            }
        }

        var node = _graph.Add(NewGuid(_graph.NodeCount), LineageNodeKind.Generation, pool, LineageWeights.ForGeneration(Id(checkpoint), loras, references));
        _generations[pool].Add(node);
    }

    /// <summary>A render: 3–12 cuts of the tenant's recent generations, each by its length in frames.</summary>
    private void AddRender(int pool)
    {
        if (_generations[pool].Count < 12)
        {
            return;
        }

        _picked.Clear();
        var cuts = new List<(LineageNodeId, long)>();
        var wanted = _random.Next(3, 13);
        while (cuts.Count < wanted)
        {
            var generation = Recent(_generations[pool], 200);
            if (_picked.Add(generation))
            {
                cuts.Add((Id(generation), _random.Next(24, 241)));
            }
        }

        _graph.Add(NewGuid(_graph.NodeCount), LineageNodeKind.Render, pool, LineageWeights.ForRender(cuts));
    }
}
