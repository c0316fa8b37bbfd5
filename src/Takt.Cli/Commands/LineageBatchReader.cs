using System.Text.Json;
using Takt.Domain.Lineage;
using Takt.Domain.Tenancy;
using Takt.Provenance.Lineage;

namespace Takt.Cli.Commands;

/// <summary>
/// Reads a batch document for <c>takt lineage record</c>:
/// <c>{"nodes":[{"id"?, "kind", "tenant", "label", "reference"?, "attributes"?, "parents":[{"id","weight","role"}]}]}</c>.
/// Every problem in the document is collected and reported together; the graph's own rules
/// (weights sum to 1, roles join the right kinds, no cycles) are checked by the store after.
/// </summary>
internal static class LineageBatchReader
{
    private static readonly HashSet<string> NodeProperties = new(StringComparer.Ordinal) { "id", "kind", "tenant", "label", "reference", "attributes", "parents" };
    private static readonly HashSet<string> ParentProperties = new(StringComparer.Ordinal) { "id", "weight", "role" };

    /// <summary>What a node is called in messages: its place in the file and its label.</summary>
    public sealed record Entry(int Number, LineageNodeDraft Draft)
    {
        public string Name => $"node {Number} ('{Draft.Label}')";
    }

    public static async Task<(IReadOnlyList<Entry> Entries, IReadOnlyList<string> Problems)> ReadAsync(string json, LineageLookup lookup, CancellationToken cancellationToken)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException e)
        {
            return ([], [$"the batch is not valid JSON: {e.Message}"]);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("nodes", out var nodes) || nodes.ValueKind != JsonValueKind.Array)
            {
                return ([], ["the batch must be an object with a \"nodes\" array"]);
            }

            if (nodes.GetArrayLength() == 0)
            {
                return ([], ["the batch has no nodes"]);
            }

            var problems = new List<string>();
            var ids = new List<LineageNodeId>();
            foreach (var (node, number) in nodes.EnumerateArray().Select((n, i) => (n, i + 1)))
            {
                ids.Add(node.ValueKind == JsonValueKind.Object && node.TryGetProperty("id", out var id)
                    ? id.ValueKind == JsonValueKind.String && Guid.TryParse(id.GetString(), out var parsed) && parsed != Guid.Empty
                        ? new LineageNodeId(parsed)
                        : Problem(problems, $"node {number}: \"id\" must be a GUID (leave it out for a new one)")
                    : LineageNodeId.New());
            }

            var inBatch = ids.ToHashSet();
            var tenants = new Dictionary<string, (Guid? Id, string? Problem)>(StringComparer.Ordinal);
            var entries = new List<Entry>();
            foreach (var (node, number) in nodes.EnumerateArray().Select((n, i) => (n, i + 1)))
            {
                if (await ReadNodeAsync(node, number, ids[number - 1], inBatch, tenants, lookup, problems, cancellationToken) is { } draft)
                {
                    entries.Add(new Entry(number, draft));
                }
            }

            return problems.Count == 0 ? (entries, []) : ([], problems);
        }
    }

    private static async Task<LineageNodeDraft?> ReadNodeAsync(
        JsonElement node, int number, LineageNodeId id, HashSet<LineageNodeId> inBatch, Dictionary<string, (Guid? Id, string? Problem)> tenants,
        LineageLookup lookup, List<string> problems, CancellationToken cancellationToken)
    {
        var at = $"node {number}";
        if (node.ValueKind != JsonValueKind.Object)
        {
            problems.Add($"{at}: must be an object");
            return null;
        }

        var before = problems.Count;
        problems.AddRange(node.EnumerateObject().Where(p => !NodeProperties.Contains(p.Name)).Select(p => $"{at}: unknown property \"{p.Name}\" (use {string.Join(", ", NodeProperties)})"));
        var label = Text(node, "label", at, problems, required: true);
        if (label is not null)
        {
            at = $"node {number} ('{label}')";
        }

        var kindText = Text(node, "kind", at, problems, required: true);
        var kind = LineageNodeKind.Asset;
        if (kindText is not null && !LineageNodeKinds.TryParse(kindText, out kind))
        {
            problems.Add($"{at}: unknown kind '{kindText}'; use one of {string.Join(", ", LineageNodeKinds.All.Select(LineageNodeKinds.Name))}");
        }

        TenantId? tenant = null;
        if (Text(node, "tenant", at, problems, required: true) is { } slug)
        {
            if (slug != "shared-pool")
            {
                if (!tenants.TryGetValue(slug, out var found))
                {
                    tenants[slug] = found = await lookup.TenantAsync(slug, cancellationToken);
                }

                if (found.Problem is not null)
                {
                    problems.Add($"{at}: {found.Problem} (use a tenant's slug or shared-pool)");
                }
                else
                {
                    tenant = new TenantId(found.Id!.Value);
                }
            }
        }

        var reference = Text(node, "reference", at, problems, required: false);
        var attributes = node.TryGetProperty("attributes", out var a) && a.ValueKind != JsonValueKind.Null ? a.GetRawText() : null;
        var parents = new List<ParentLink>();
        if (node.TryGetProperty("parents", out var list))
        {
            if (list.ValueKind != JsonValueKind.Array)
            {
                problems.Add($"{at}: \"parents\" must be an array");
            }
            else
            {
                foreach (var (parent, p) in list.EnumerateArray().Select((x, i) => (x, i + 1)))
                {
                    if (await ReadParentAsync(parent, $"{at}, parent {p}", inBatch, lookup, problems, cancellationToken) is { } link)
                    {
                        parents.Add(link);
                    }
                }
            }
        }

        return problems.Count == before ? new LineageNodeDraft(id, kind, tenant, label!, parents, reference, attributes) : null;
    }

    private static async Task<ParentLink?> ReadParentAsync(JsonElement parent, string at, HashSet<LineageNodeId> inBatch, LineageLookup lookup, List<string> problems, CancellationToken cancellationToken)
    {
        if (parent.ValueKind != JsonValueKind.Object)
        {
            problems.Add($"{at}: must be an object with id, weight and role");
            return null;
        }

        var before = problems.Count;
        problems.AddRange(parent.EnumerateObject().Where(p => !ParentProperties.Contains(p.Name)).Select(p => $"{at}: unknown property \"{p.Name}\" (use id, weight, role)"));
        LineageNodeId id = default;
        if (Text(parent, "id", at, problems, required: true) is { } text)
        {
            if (Guid.TryParse(text, out var exact) && inBatch.Contains(new LineageNodeId(exact)))
            {
                id = new LineageNodeId(exact);
            }
            else
            {
                // Parents outside the batch are looked up in the operator's view; the store's rules then check tenancy.
                var (found, problem) = await lookup.NodeAsync(text, null, cancellationToken);
                if (found is { } node)
                {
                    id = node;
                }
                else
                {
                    problems.Add($"{at}: {problem}");
                }
            }
        }

        var weight = double.NaN;
        if (!parent.TryGetProperty("weight", out var w))
        {
            problems.Add($"{at}: \"weight\" is required");
        }
        else if (w.ValueKind != JsonValueKind.Number || !w.TryGetDouble(out weight) || !double.IsFinite(weight))
        {
            problems.Add($"{at}: weight must be a finite number, not {w.GetRawText()}");
        }

        var role = EdgeRole.Sample;
        if (Text(parent, "role", at, problems, required: true) is { } roleText && !EdgeRoles.TryParse(roleText, out role))
        {
            problems.Add($"{at}: unknown role '{roleText}'; use one of {string.Join(", ", Enum.GetValues<EdgeRole>().Select(EdgeRoles.Name))}");
        }

        return problems.Count == before ? new ParentLink(id, weight, role) : null;
    }

    private static string? Text(JsonElement element, string property, string at, List<string> problems, bool required)
    {
        if (!element.TryGetProperty(property, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            if (required)
            {
                problems.Add($"{at}: \"{property}\" is required");
            }

            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            problems.Add($"{at}: \"{property}\" must be a string, not {value.GetRawText()}");
            return null;
        }

        return value.GetString();
    }

    private static LineageNodeId Problem(List<string> problems, string message)
    {
        problems.Add(message);
        return default;
    }
}
