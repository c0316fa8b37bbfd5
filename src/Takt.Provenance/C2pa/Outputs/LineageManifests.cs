using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Takt.Archive.Blobs;
using Takt.Domain.Lineage;
using Takt.Persistence;
using Takt.Provenance.C2pa.Containers;
using Takt.Provenance.C2pa.Manifests;
using Takt.Provenance.Lineage;

namespace Takt.Provenance.C2pa.Outputs;

/// <summary>
/// What a signed output says about itself, read from the lineage graph: walking up from the
/// output's node through generations, edits and renders, the first artifacts met are its
/// ingredients — archive assets placed into it (<c>componentOf</c>, with the work and its authors
/// named, and the asset's own C2PA manifest when the file came with one), models, LoRAs and
/// datasets (<c>inputTo</c>), and prompts among the generations' parameters (<c>inputTo</c>).
/// Nothing past a model or dataset is listed (a LoRA's hundreds of training works): those reach
/// the file through the attribution snapshot whose hash the Takt assertion carries.
/// </summary>
public sealed class LineageManifests(TaktContextFactory contexts, LineageStore lineage, IBlobStore blobs, IReadOnlyList<IAssetContainer> containers)
{
    /// <summary>Enough for any real composite; the attribution snapshot still covers the rest.</summary>
    public const int MaxIngredients = 64;

    private const int MaxPromptLength = 400;

    public async Task<ManifestDefinition> DescribeAsync(OutputSubject subject, IReadOnlyDictionary<string, string> trainingMining, CancellationToken cancellationToken)
    {
        if (subject.LineageNode is not { } start)
        {
            // A file with no recorded history: it says only that Takt made it.
            return new ManifestDefinition(subject.Title, [new ManifestAction(C2paActions.Created, C2paActions.AlgorithmicMedia, [])], [], trainingMining);
        }

        var index = await lineage.IndexAsync(cancellationToken);
        if (!index.TryFind(new LineageNodeId(start), out var node))
        {
            throw new InvalidOperationException($"the lineage node {start} of {subject.Title} is not recorded, so its ingredients cannot be named");
        }

        var (found, steps) = Walk(index, node);
        await using var db = contexts.Create();
        var ingredients = new List<IngredientDefinition>();
        var relationships = new List<string>();
        var generative = found.Any(f => index.KindOf(f) == LineageNodeKind.Model);

        foreach (var asset in await AssetIngredientsAsync(db, found.Where(f => index.KindOf(f) == LineageNodeKind.Asset).Select(f => index.IdOf(f).Value).ToList(), cancellationToken))
        {
            ingredients.Add(asset);
        }

        var artifacts = found.Where(f => index.KindOf(f) is LineageNodeKind.Model or LineageNodeKind.Dataset).Select(f => index.IdOf(f).Value).ToList();
        var rows = await db.LineageNodes.AsNoTracking().Where(n => artifacts.Contains(n.Id) || steps.Contains(n.Id)).ToListAsync(cancellationToken);
        foreach (var row in rows.Where(r => artifacts.Contains(r.Id)).OrderBy(r => r.Seq))
        {
            var dataset = row.Kind == LineageNodeKinds.Name(LineageNodeKind.Dataset);
            ingredients.Add(new IngredientDefinition(
                row.Label, IngredientDefinition.InputTo, "application/octet-stream", $"urn:takt:lineage:{row.Id:D}",
                [dataset ? "c2pa.types.dataset" : "c2pa.types.model"], dataset ? "dataset" : Describe(row.Attributes, "model")));
        }

        foreach (var prompt in rows.Where(r => steps.Contains(r.Id)).OrderBy(r => r.Seq).SelectMany(r => Prompts(r.Attributes)).Distinct(StringComparer.Ordinal))
        {
            generative = true;
            ingredients.Add(new IngredientDefinition(prompt, IngredientDefinition.InputTo, "text/plain", DataTypes: ["c2pa.types.generator.prompt"], Description: "prompt"));
        }

        if (ingredients.Count > MaxIngredients)
        {
            ingredients = ingredients.Take(MaxIngredients).ToList();
        }

        var inputs = Indexes(ingredients, IngredientDefinition.InputTo);
        var placed = Indexes(ingredients, IngredientDefinition.ComponentOf);
        var sourceType = (generative, placed.Count > 0) switch
        {
            (true, true) => C2paActions.CompositeWithTrainedAlgorithmicMedia,
            (true, false) => C2paActions.TrainedAlgorithmicMedia,
            (false, true) => C2paActions.Composite,
            (false, false) => C2paActions.AlgorithmicMedia,
        };
        List<ManifestAction> actions = [new ManifestAction(C2paActions.Created, sourceType, inputs)];
        if (placed.Count > 0)
        {
            actions.Add(new ManifestAction(C2paActions.Placed, null, placed));
        }

        var tenant = index.TenantOf(node)?.Value;
        var stamp = new LineageStamp(start, tenant?.ToString("D"), subject.Run, AttributionSnapshot.Hash(AttributionSnapshot.Write(index, node)));
        return new ManifestDefinition(subject.Title, actions, ingredients, trainingMining, stamp);
    }

    /// <summary>The artifacts nearest the output (assets, models, datasets) and the steps passed on the way.</summary>
    private static (List<int> Found, HashSet<Guid> Steps) Walk(LineageIndex index, int start)
    {
        var found = new List<int>();
        var steps = new HashSet<Guid>();
        var seen = new HashSet<int> { start };
        var queue = new Queue<int>([start]);
        while (queue.Count > 0)
        {
            var current = queue.Dequeue();
            switch (index.KindOf(current))
            {
                case LineageNodeKind.Asset or LineageNodeKind.Model or LineageNodeKind.Dataset:
                    found.Add(current);
                    continue;
                case LineageNodeKind.Contributor:
                    continue;
                default:
                    steps.Add(index.IdOf(current).Value);
                    break;
            }

            foreach (var parent in index.ParentsOf(current))
            {
                if (seen.Add(parent))
                {
                    queue.Enqueue(parent);
                }
            }
        }

        return (found, steps);
    }

    private async Task<List<IngredientDefinition>> AssetIngredientsAsync(TaktDbContext db, List<Guid> ids, CancellationToken cancellationToken)
    {
        var assets = await (from a in db.Assets.AsNoTracking()
                            join w in db.Works.AsNoTracking() on a.WorkId equals w.Id
                            where ids.Contains(a.Id)
                            orderby a.OriginalPath
                            select new { AssetId = a.Id, a.Name, a.MediaType, a.Sha256, a.OriginalPath, Work = w.Key, w.Title, WorkId = w.Id }).ToListAsync(cancellationToken);
        var workIds = assets.Select(a => a.WorkId).Distinct().ToList();
        var holders = await (from h in db.Set<Persistence.Archive.WorkRightsHolderRow>().AsNoTracking()
                             join c in db.Contributors.AsNoTracking() on h.ContributorId equals c.Id
                             where workIds.Contains(h.WorkId)
                             select new { h.WorkId, c.Name }).ToListAsync(cancellationToken);
        var list = new List<IngredientDefinition>();
        foreach (var asset in assets)
        {
            var authors = holders.Where(h => h.WorkId == asset.WorkId).Select(h => h.Name).Order(StringComparer.Ordinal).ToList();
            var description = $"work {asset.Work} “{asset.Title}”" + (authors.Count > 0 ? $" by {string.Join(", ", authors)}" : "") + $"; archive file {asset.OriginalPath} (sha256:{asset.Sha256})";
            list.Add(new IngredientDefinition(
                asset.Name, IngredientDefinition.ComponentOf, asset.MediaType, $"urn:takt:asset:{asset.AssetId:D}",
                Description: description, ManifestStore: await ManifestOfAsync(asset.Sha256, cancellationToken)));
        }

        return list;
    }

    /// <summary>The C2PA store the archived file arrived with, carried into the output so the chain can be checked.</summary>
    private async Task<byte[]?> ManifestOfAsync(string sha256, CancellationToken cancellationToken)
    {
        var hash = BlobHash.Parse(sha256);
        var head = new byte[32];
        int read;
        await using (var start = await blobs.OpenReadAsync(hash, cancellationToken))
        {
            read = await start.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken);
        }

        var container = containers.FirstOrDefault(c => c.Recognises(head.AsSpan(0, read)));
        if (container is null)
        {
            return null;
        }

        // Blob streams check their hash as they are read and do not seek; the containers do.
        await using var stream = await SeekableAsync(await blobs.OpenReadAsync(hash, cancellationToken), cancellationToken);
        try
        {
            return await container.ReadStoreAsync(stream, cancellationToken);
        }
        catch (C2paFormatException)
        {
            // A damaged manifest in an archived file is the archive's finding, not a reason to refuse the output.
            return null;
        }
    }

    private static async Task<Stream> SeekableAsync(Stream blob, CancellationToken cancellationToken)
    {
        if (blob.CanSeek)
        {
            return blob;
        }

        await using (blob)
        {
            var copy = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
            await blob.CopyToAsync(copy, cancellationToken);
            copy.Position = 0;
            return copy;
        }
    }

    private static List<int> Indexes(List<IngredientDefinition> parts, string relationship) =>
        [.. parts.Select((p, i) => (p, i)).Where(x => x.p.Relationship == relationship).Select(x => x.i)];

    /// <summary>Prompt parameters of a generation (any string parameter whose name contains "prompt").</summary>
    private static IEnumerable<string> Prompts(string? attributes)
    {
        if (attributes is null)
        {
            yield break;
        }

        using var json = JsonDocument.Parse(attributes);
        if (!json.RootElement.TryGetProperty("parameters", out var parameters) || parameters.ValueKind != JsonValueKind.Object)
        {
            yield break;
        }

        foreach (var parameter in parameters.EnumerateObject())
        {
            if (parameter.Name.Contains("prompt", StringComparison.OrdinalIgnoreCase) && parameter.Value.ValueKind == JsonValueKind.String && parameter.Value.GetString() is { Length: > 0 } text)
            {
                yield return text.Length <= MaxPromptLength ? text : text[..MaxPromptLength] + "…";
            }
        }
    }

    private static string Describe(string? attributes, string fallback)
    {
        if (attributes is null)
        {
            return fallback;
        }

        using var json = JsonDocument.Parse(attributes);
        return json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String
            ? type.GetString()!
            : fallback;
    }
}
