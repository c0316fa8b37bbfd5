using Microsoft.EntityFrameworkCore;
using Takt.Archive.Datasets;
using Takt.Domain.Datasets;
using Takt.Domain.Lineage;
using Takt.Persistence.Datasets;
using Takt.Provenance.OptOut;

namespace Takt.Engine.Datasets;

public sealed partial class DatasetCatalog
{
    /// <summary>
    /// With a target: re-derives the latest version of each dataset (or of <paramref name="dataset"/>)
    /// for the new target — unchanged outputs are reused by derivation key. Without one: re-derives
    /// every version an opt-out invalidated (its pending "rederive-dataset" remediation items), under
    /// today's consent, and closes the items with the new version as the replacement.
    /// </summary>
    public async Task<IReadOnlyList<DatasetRebuild>> RebuildAsync(string? dataset, string? targetJson, IProgress<DatasetProgress>? progress, CancellationToken cancellationToken)
    {
        if (targetJson is not null)
        {
            var latest = (await ListAsync(dataset, cancellationToken)).GroupBy(v => v.Name).Select(g => g.Last()).ToList();
            if (latest.Count == 0)
            {
                throw new DatasetRecipeException(dataset is null ? "there are no dataset versions to rebuild" : $"no dataset named '{dataset}'");
            }

            var rebuilt = new List<DatasetRebuild>();
            foreach (var version in latest)
            {
                var recipe = Recipe(version).Retarget(targetJson);
                rebuilt.Add(new DatasetRebuild(version, await BuildAsync(recipe, null, version.Id, progress, cancellationToken), [], null));
            }

            return rebuilt;
        }

        List<(Guid Id, Guid NodeId)> items;
        Dictionary<Guid, DatasetVersionRow> versions;
        await using (var db = contexts.Create())
        {
            items = (await db.RemediationItems.AsNoTracking()
                .Where(i => i.Action == RemediationActions.RederiveDataset && i.State == RemediationActions.Pending)
                .Select(i => new { i.Id, i.NodeId }).ToListAsync(cancellationToken)).Select(i => (i.Id, i.NodeId)).ToList();
            var nodes = items.Select(i => i.NodeId).Distinct().ToArray();
            versions = await db.DatasetVersions.AsNoTracking().Where(v => nodes.Contains(v.Id)).ToDictionaryAsync(v => v.Id, cancellationToken);
        }

        var results = new List<DatasetRebuild>();
        var remediation = new RemediationQueries(contexts, lineage, audit, time);
        foreach (var group in items.GroupBy(i => i.NodeId).OrderBy(g => g.Key))
        {
            if (!versions.TryGetValue(group.Key, out var version) || (dataset is not null && version.Name != dataset))
            {
                continue; // a dataset node recorded by hand, not built here; or another dataset
            }

            var outcome = await BuildAsync(Recipe(version), null, version.Id, progress, cancellationToken);
            if (outcome.Version.Id == version.Id)
            {
                results.Add(new DatasetRebuild(version, outcome, [], "re-deriving gave the same version: nothing it holds is affected by the opt-out"));
                continue;
            }

            var resolved = new List<Guid>();
            string? problem = null;
            foreach (var item in group)
            {
                var result = await remediation.ResolveAsync(item.Id.ToString("D"), new LineageNodeId(outcome.Version.Id), cancellationToken);
                if (result.Problem is null)
                {
                    resolved.Add(item.Id);
                }
                else
                {
                    problem = result.Problem;
                }
            }

            results.Add(new DatasetRebuild(version, outcome, resolved, problem));
        }

        return results;
    }

    /// <summary>The recipe a version was built from, with its caption file where it was found then.</summary>
    private static DatasetRecipe Recipe(DatasetVersionRow version)
    {
        var recipe = DatasetRecipe.Parse(version.Recipe);
        return version.CaptionFile is { } file ? recipe with { Target = recipe.Target with { CaptionFile = file } } : recipe;
    }
}
