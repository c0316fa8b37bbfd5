using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Takt.Domain.Lineage;
using Takt.Domain.Tenancy;
using Takt.Engine.Models.Safetensors;
using Takt.Persistence;
using Takt.Provenance.Lineage;

namespace Takt.Engine.Models;

/// <summary>
/// Checkpoints, LoRAs and merges as lineage Model nodes, identified by the sha256 of their data
/// section (<c>Reference = "sha256:…"</c>), so a metadata edit is the same model. A model with no
/// known training is recorded as a root, which attribution reports as external (unknown origin).
/// </summary>
public sealed partial class ModelRegistry(TaktContextFactory contexts, LineageStore store)
{
    /// <summary>The tenant slug that stands for the shared common pool (a node with no tenant).</summary>
    public const string SharedPool = "shared-pool";

    private static readonly string ModelKind = LineageNodeKinds.Name(LineageNodeKind.Model);

    /// <summary>
    /// Registers a safetensors file under a tenant (slug; null or <see cref="SharedPool"/> for the
    /// shared pool). <paramref name="trainedOn"/> are the training runs that produced it; none
    /// records an unknown origin. The same data hash twice in a tenant returns the existing node.
    /// </summary>
    public async Task<ModelRegistrationOutcome> RegisterAsync(
        string path, string? tenantSlug, string? label, IReadOnlyList<LineageNodeId>? trainedOn, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(path))
        {
            return ModelRegistrationOutcome.Fail($"model file '{path}' does not exist");
        }

        var (tenant, tenantProblem) = await TenantAsync(tenantSlug, cancellationToken);
        if (tenantProblem is not null)
        {
            return ModelRegistrationOutcome.Fail(tenantProblem);
        }

        string hash;
        Dictionary<string, object?> attributes;
        try
        {
            using var file = SafetensorsFile.Open(path);
            hash = await file.DataHashAsync(cancellationToken);
            attributes = Describe(file, hash);
        }
        catch (SafetensorsFormatException e)
        {
            return ModelRegistrationOutcome.Fail($"'{path}' is not a valid safetensors file: {e.Message}");
        }

        var runs = (trainedOn ?? []).Distinct().ToList();
        attributes["origin"] = runs.Count == 0 ? "unknown" : "trained";
        // Several runs (a resumed or staged training) share the model equally: nothing says in what proportion.
        IReadOnlyList<ParentLink> parents = [.. runs.Select(r => new ParentLink(r, 1.0 / runs.Count, EdgeRole.TrainedBy))];
        return await RecordAsync(hash, tenant, label ?? Path.GetFileName(path), parents, attributes, cancellationToken);
    }

    /// <summary>The node of a data hash registered in a tenant (null: the shared pool), if any.</summary>
    public async Task<LineageNodeId?> FindAsync(string dataHash, TenantId? tenant, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.Create();
        var reference = Reference(dataHash);
        var owner = tenant?.Value;
        var id = await db.LineageNodes.AsNoTracking()
            .Where(n => n.Kind == ModelKind && n.Reference == reference && n.TenantId == owner)
            .OrderBy(n => n.Seq).Select(n => (Guid?)n.Id).FirstOrDefaultAsync(cancellationToken);
        return id is { } found ? new LineageNodeId(found) : null;
    }

    /// <summary>A tenant by slug; null or <see cref="SharedPool"/> is the shared pool (no tenant).</summary>
    public async Task<(TenantId? Tenant, string? Problem)> TenantAsync(string? slug, CancellationToken cancellationToken = default)
    {
        if (slug is null or SharedPool)
        {
            return (null, null);
        }

        await using var db = contexts.Create();
        var id = await db.Tenants.AsNoTracking().Where(t => t.Slug == slug).Select(t => (Guid?)t.Id).FirstOrDefaultAsync(cancellationToken);
        return id is { } found ? (new TenantId(found), null) : (null, $"no tenant '{slug}'");
    }

    private static string Reference(string dataHash) => "sha256:" + dataHash;

    private async Task<ModelRegistrationOutcome> RecordAsync(
        string hash, TenantId? tenant, string label, IReadOnlyList<ParentLink> parents, Dictionary<string, object?> attributes, CancellationToken cancellationToken)
    {
        if (await FindAsync(hash, tenant, cancellationToken) is { } existing)
        {
            return ModelRegistrationOutcome.Ok(new ModelRegistration(existing, hash, label, AlreadyRegistered: true));
        }

        var draft = new LineageNodeDraft(
            new LineageNodeId(Guid.CreateVersion7()), LineageNodeKind.Model, tenant, label, parents, Reference(hash), JsonSerializer.Serialize(attributes));
        var outcome = await store.RecordAsync([draft], cancellationToken);
        return outcome.Succeeded
            ? ModelRegistrationOutcome.Ok(new ModelRegistration(draft.Id, hash, label, AlreadyRegistered: false))
            : ModelRegistrationOutcome.Fail(string.Join("; ", outcome.Problems.Select(p => p.Message)));
    }

    /// <summary>What is worth keeping about a file beside its hash: size, tensors, and the metadata keys trainers write.</summary>
    private static Dictionary<string, object?> Describe(SafetensorsFile file, string hash)
    {
        string[] keys = ["ss_sd_model_name", "ss_base_model_version", "ss_network_module", "ss_output_name", "modelspec.architecture", "modelspec.title", "takt.version"];
        return new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["file"] = Path.GetFileName(file.Path),
            ["dataHash"] = hash,
            ["bytes"] = file.FileLength,
            ["tensors"] = file.Tensors.Count,
            ["parameters"] = file.Tensors.Sum(t => t.Shape.Aggregate(1L, (a, d) => a * d)),
            ["metadata"] = keys.Where(file.Metadata.ContainsKey).ToDictionary(k => k, k => file.Metadata[k], StringComparer.Ordinal),
        };
    }
}
