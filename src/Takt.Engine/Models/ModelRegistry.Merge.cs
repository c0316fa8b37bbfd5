using System.Text.Json;
using Takt.Domain.Lineage;
using Takt.Domain.Tenancy;
using Takt.Engine.Models.Merging;

namespace Takt.Engine.Models;

public sealed partial class ModelRegistry
{
    /// <summary>
    /// Records a committed merge as a Model node whose parents are its inputs' nodes, weighted by
    /// <see cref="LineageWeights"/> for the method (SLERP as the weighted sum (1 − t, t)). Every
    /// input must be registered first, in the tenant or the shared pool.
    /// </summary>
    public async Task<ModelRegistrationOutcome> RecordMergeAsync(
        MergeRecipe recipe, MergeResult result, string? tenantSlug, string? label, CancellationToken cancellationToken = default)
    {
        var (tenant, tenantProblem) = await TenantAsync(tenantSlug, cancellationToken);
        if (tenantProblem is not null)
        {
            return ModelRegistrationOutcome.Fail(tenantProblem);
        }

        var hashes = result.BaseHash is null ? result.InputHashes : [.. result.InputHashes, result.BaseHash];
        var nodes = new List<LineageNodeId>();
        for (var i = 0; i < hashes.Count; i++)
        {
            var node = await FindVisibleAsync(hashes[i], tenant, cancellationToken);
            if (node is null)
            {
                var file = recipe.Files[i];
                return ModelRegistrationOutcome.Fail($"input model '{file}' (sha256:{hashes[i]}) is not registered; run 'takt model register {file}' first");
            }

            nodes.Add(node.Value);
        }

        IReadOnlyList<ParentLink> parents;
        try
        {
            parents = Parents(recipe, result, nodes);
        }
        catch (ArgumentException e)
        {
            return ModelRegistrationOutcome.Fail($"the merge's lineage weights cannot be derived: {e.Message}");
        }

        var attributes = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["file"] = Path.GetFileName(result.OutputPath),
            ["dataHash"] = result.DataHash,
            ["parameters"] = result.ParameterCount,
            ["tensors"] = result.TensorCount,
            ["origin"] = "merge",
            ["method"] = MergeRecipe.MethodName(recipe.Method),
            ["recipe"] = JsonDocument.Parse(recipe.ToMetadataJson()).RootElement,
            ["keptFractions"] = result.KeptFractions,
        };
        return await RecordAsync(result.DataHash, tenant, label ?? Path.GetFileName(result.OutputPath), parents, attributes, cancellationToken);
    }

    private static IReadOnlyList<ParentLink> Parents(MergeRecipe recipe, MergeResult result, List<LineageNodeId> nodes)
    {
        var k = recipe.Inputs.Count;
        return recipe.Method switch
        {
            MergeMethod.WeightedSum => LineageWeights.ForWeightedSumMerge(nodes.Take(k).Select((n, i) => (n, recipe.Inputs[i].Coefficient))),
            MergeMethod.AddDifference => LineageWeights.ForAddDifferenceMerge(nodes[0], nodes[1], nodes[2], recipe.Alpha),
            MergeMethod.Slerp => LineageWeights.ForWeightedSumMerge([(nodes[0], 1 - recipe.T), (nodes[1], recipe.T)]),
            MergeMethod.Ties or MergeMethod.Dare => LineageWeights.ForTiesMerge(
                nodes[k], recipe.Lambda, nodes.Take(k).Select((n, i) => (n, recipe.Inputs[i].Coefficient, result.KeptFractions?[i] ?? 1))),
            _ => throw new ArgumentOutOfRangeException(nameof(recipe), recipe.Method, "unknown merge method"),
        };
    }

    /// <summary>The tenant's own node for a hash, else the shared pool's.</summary>
    private async Task<LineageNodeId?> FindVisibleAsync(string hash, TenantId? tenant, CancellationToken cancellationToken) =>
        await FindAsync(hash, tenant, cancellationToken) ?? (tenant is null ? null : await FindAsync(hash, null, cancellationToken));
}
