using System.Buffers.Binary;
using Takt.Domain.Lineage;
using Takt.Domain.Tenancy;

namespace Takt.Benchmarks.Lineage;

/// <summary>
/// Generates a lineage graph shaped like a studio's production, deterministically from a seed:
/// contributors and assets (the archive), dataset versions that mostly carry their previous
/// version's assets forward, training runs, LoRAs, fine-tunes and merges, generations that run a
/// checkpoint with LoRAs and references, and renders cut from generations. Datasets, models and
/// generations are interleaved in time as they would be recorded, and every weight comes from
/// <see cref="LineageWeights"/>, so the graph obeys the same rules as recorded lineage.
/// </summary>
public sealed partial class LineageGenerator
{
    private readonly LineageShape _shape;
    private readonly Random _random;
    private readonly SyntheticLineage _graph;
    private readonly double[] _tenantWeights;

    // By pool: 0 is the shared common pool (and, for checkpoints, the external base models).
    private readonly List<int>[] _contributors;
    private readonly List<int>[] _assets;
    private readonly List<int>[] _datasets;
    private readonly List<int>[] _checkpoints;
    private readonly List<int>[] _loras;
    private readonly List<int>[] _generations;
    private readonly Dictionary<int, long> _datasetSamples = [];
    private readonly HashSet<int> _picked = [];

    private LineageGenerator(LineageShape shape, int seed)
    {
        _shape = shape;
        _random = new Random(seed);
        var tenants = Enumerable.Range(0, shape.Tenants).Select(_ => new TenantId(NewGuid(0))).ToList();
        _graph = new SyntheticLineage(tenants);
        // Tenants differ in size: the first is the biggest studio, the last the smallest.
        _tenantWeights = [.. Enumerable.Range(0, shape.Tenants).Select(i => (double)(shape.Tenants - i))];
        _contributors = Pools();
        _assets = Pools();
        _datasets = Pools();
        _checkpoints = Pools();
        _loras = Pools();
        _generations = Pools();
    }

    public static SyntheticLineage Generate(LineageShape shape, int seed, Action<string> progress)
    {
        var generator = new LineageGenerator(shape, seed);
        generator.Run(progress);
        return generator._graph;
    }

    private void Run(Action<string> progress)
    {
        for (var c = 0; c < _shape.Contributors; c++)
        {
            AddContributor(c < _shape.Tenants + 1 ? c % (_shape.Tenants + 1) : ArchivePool());
        }

        _graph.PopularAsset = AddAsset(0);
        for (var a = 1; a < _shape.Assets; a++)
        {
            AddAsset(ArchivePool());
        }

        progress($"{_graph.NodeCount:N0} contributors and assets, {_graph.EdgeCount:N0} edges");
        for (var m = 0; m < _shape.ExternalModels; m++)
        {
            _checkpoints[0].Add(_graph.Add(NewGuid(_graph.NodeCount), LineageNodeKind.Model, 0, []));
        }

        var (datasets, models, renders) = (0, _shape.ExternalModels, 0);
        var generations = _shape.Generations;
        for (var g = 0; g < generations; g++)
        {
            // A tenth of the datasets exist before the first model; all of them by 80% of the
            // timeline, all models by 90%, renders throughout.
            var progressed = (double)g / generations;
            for (; datasets < _shape.Datasets * Math.Min(1, 0.1 + (0.9 * progressed / 0.8)); datasets++)
            {
                AddDataset(TenantPool());
            }

            for (; models < _shape.ExternalModels + ((_shape.Models - _shape.ExternalModels) * Math.Min(1, 0.05 + (0.95 * progressed / 0.9))); models++)
            {
                AddModel(TenantPool());
            }

            AddGeneration(TenantPool());
            for (; renders < (long)_shape.Renders * (g + 1) / generations; renders++)
            {
                AddRender(TenantPool());
            }

            if ((g + 1) % Math.Max(1, generations / 5) == 0)
            {
                progress($"{_graph.NodeCount:N0} nodes, {_graph.EdgeCount:N0} edges ({g + 1:N0} generations)");
            }
        }
    }

    private void AddContributor(int pool) =>
        _contributors[pool].Add(_graph.Add(NewGuid(_graph.NodeCount), LineageNodeKind.Contributor, pool, []));

    private int AddAsset(int pool)
    {
        // 45% of works have one rights holder, the rest two; prolific contributors hold more.
        var holders = _random.NextDouble() < 0.45 ? 1 : 2;
        var picks = PickDistinct(_contributors[pool], holders, Skew.Early);
        var node = _graph.Add(NewGuid(_graph.NodeCount), LineageNodeKind.Asset, pool, LineageWeights.ForAsset(picks.Select(Id)));
        _assets[pool].Add(node);
        return node;
    }

    /// <summary>
    /// A dataset version: usually the next version of one of the tenant's recent datasets (most of
    /// its assets kept, a tenth replaced), otherwise a new dataset of 300–700 assets, a tenth of
    /// them from the shared pool. Repeats come from 1–3 concept folders, as in kohya layouts.
    /// </summary>
    private void AddDataset(int pool)
    {
        var members = new List<int>();
        _picked.Clear();
        var previous = _datasets[pool].Count > 0 && _random.NextDouble() < 0.75 ? Recent(_datasets[pool], 64) : -1;
        int size;
        if (previous >= 0)
        {
            foreach (var asset in _graph.ParentsOf(previous))
            {
                if ((asset == _graph.PopularAsset || _random.NextDouble() >= 0.1) && _picked.Add(asset))
                {
                    members.Add(asset);
                }
            }

            size = Math.Clamp(_graph.ParentsOf(previous).Length + _random.Next(-50, 51), 300, 700);
        }
        else
        {
            size = _random.Next(300, 701);
            if (_random.NextDouble() < _shape.PopularShare && _picked.Add(_graph.PopularAsset))
            {
                members.Add(_graph.PopularAsset);
            }
        }

        while (members.Count < size)
        {
            var from = _random.NextDouble() < 0.1 ? _assets[0] : _assets[pool];
            var asset = from[_random.Next(from.Count)];
            if (_picked.Add(asset))
            {
                members.Add(asset);
            }
        }

        var folders = Enumerable.Range(0, _random.Next(1, 4)).Select(_ => RepeatChoices[_random.Next(RepeatChoices.Length)]).ToArray();
        var rows = members.Select((asset, i) => (Asset: asset, Samples: _random.NextDouble() < 0.05 ? _random.Next(2, 9) : 1, Repeats: folders[i % folders.Length])).ToList();
        var node = _graph.Add(NewGuid(_graph.NodeCount), LineageNodeKind.Dataset, pool, LineageWeights.ForDataset(rows.Select(r => (Id(r.Asset), r.Samples, r.Repeats))));
        _datasets[pool].Add(node);
        _datasetSamples[node] = rows.Sum(r => (long)r.Samples * r.Repeats);
    }

    private static readonly int[] RepeatChoices = [1, 2, 3, 5, 10];

    private enum Skew
    {
        Uniform,
        /// <summary>Early entries picked far more often: prolific contributors, popular base models.</summary>
        Early,
        /// <summary>Recent entries picked far more often: the datasets and models in current use.</summary>
        Recent,
    }

    private List<int> PickDistinct(List<int> from, int count, Skew skew)
    {
        var picks = new List<int>(count);
        count = Math.Min(count, from.Count);
        while (picks.Count < count)
        {
            var pick = Pick(from, skew);
            if (!picks.Contains(pick))
            {
                picks.Add(pick);
            }
        }

        return picks;
    }

    private int Pick(List<int> from, Skew skew)
    {
        var u = _random.NextDouble();
        var offset = (int)(from.Count * (skew == Skew.Uniform ? u : u * u * u));
        return from[skew == Skew.Recent ? from.Count - 1 - offset : offset];
    }

    private int Recent(List<int> from, int window) => from[from.Count - 1 - _random.Next(Math.Min(window, from.Count))];

    private int ArchivePool() => _random.NextDouble() < LineageShape.SharedPoolShare ? 0 : TenantPool();

    private int TenantPool()
    {
        var x = _random.NextDouble() * _tenantWeights.Sum();
        for (var t = 0; t < _tenantWeights.Length; t++)
        {
            if ((x -= _tenantWeights[t]) < 0)
            {
                return t + 1;
            }
        }

        return _tenantWeights.Length;
    }

    private LineageNodeId Id(int node) => new(_graph.IdOf(node));

    private List<int>[] Pools() => [.. Enumerable.Range(0, _shape.Tenants + 1).Select(_ => new List<int>())];

    /// <summary>Version-7 layout from the seeded generator, one node every 15 s of a year, so ids are deterministic and time-ordered like real ones.</summary>
    private Guid NewGuid(int node)
    {
        Span<byte> bytes = stackalloc byte[16];
        _random.NextBytes(bytes);
        var millis = (ulong)LineageRows.RecordedAt(node).ToUnixTimeMilliseconds();
        BinaryPrimitives.WriteUInt64BigEndian(bytes, (millis << 16) | ((ulong)((bytes[6] & 0x0F) | 0x70) << 8) | bytes[7]);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }
}
