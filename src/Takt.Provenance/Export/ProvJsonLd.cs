using System.Text.Json;
using Takt.Domain.Lineage;

namespace Takt.Provenance.Export;

/// <summary>
/// Writes a subgraph as W3C PROV-JSON-LD (the openprov context). Contributors are agents;
/// training runs are activities; every other node is an entity, and an entity made by a step of
/// Takt's (a dataset build, a merge, a generation, an edit, a render, a release) gets that step
/// as its generating activity. Edges become qualified relations carrying <c>takt:weight</c> and
/// <c>takt:role</c>: Derivation between entities, Attribution to rights holders, Association
/// with editors, Usage by training runs and Generation of the models they train. A revocation
/// is an activity that invalidates the entities it made unusable. The mapping is in docs/lineage.md.
/// </summary>
public static class ProvJsonLd
{
    public static void Write(LineageSubgraph graph, Stream stream)
    {
        using var writer = ExportJson.Writer(stream, indented: true);
        var kinds = graph.Nodes.ToDictionary(n => n.Id, n => n.Kind);
        var merged = graph.Edges.Where(e => e.Role is EdgeRole.MergeInput or EdgeRole.MergeSubtracted).Select(e => e.Child).ToHashSet();
        var withActivity = graph.Nodes.Where(n => HasOwnActivity(n.Kind, merged.Contains(n.Id))).Select(n => n.Id).ToHashSet();

        writer.WriteStartObject();
        WriteContext(writer);
        writer.WriteStartArray("@graph");
        foreach (var node in graph.Nodes)
        {
            WriteNode(writer, node, withActivity.Contains(node.Id));
        }

        foreach (var edge in graph.Edges)
        {
            WriteEdge(writer, edge, kinds[edge.Parent], withActivity.Contains(edge.Child));
        }

        var invalidated = graph.Invalidations.Where(i => IsEntity(kinds[i.Node])).ToList();
        foreach (var revocation in invalidated.Select(i => i.Revocation).Distinct().Order())
        {
            writer.WriteStartObject();
            writer.WriteString("@id", ExportJson.Urn(revocation));
            writer.WriteString("@type", "Activity");
            writer.WriteString("label", "consent revocation");
            writer.WriteString("takt:kind", "revocation");
            writer.WriteEndObject();
        }

        foreach (var invalidation in invalidated)
        {
            writer.WriteStartObject();
            writer.WriteString("@type", "Invalidation");
            writer.WriteString("entity", ExportJson.Urn(invalidation.Node.Value));
            writer.WriteString("activity", ExportJson.Urn(invalidation.Revocation));
            writer.WriteString("time", ExportJson.Instant(invalidation.At));
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary>Whether a node's PROV element is an entity (rather than an agent or an activity).</summary>
    public static bool IsEntity(LineageNodeKind kind) => kind is not (LineageNodeKind.Contributor or LineageNodeKind.TrainingRun);

    // A trained model's activity is its training run, and an asset or an imported model has none
    // that Takt knows of; every other entity is made by one step of Takt's, named after the node.
    private static bool HasOwnActivity(LineageNodeKind kind, bool merged) => kind switch
    {
        LineageNodeKind.Dataset or LineageNodeKind.Generation or LineageNodeKind.Edit or LineageNodeKind.Render or LineageNodeKind.Product => true,
        LineageNodeKind.Model => merged,
        _ => false,
    };

    private static string ActivityKind(LineageNodeKind kind) => kind switch
    {
        LineageNodeKind.Dataset => "dataset-build",
        LineageNodeKind.Model => "merge",
        LineageNodeKind.Generation => "generation-run",
        LineageNodeKind.Edit => "editing",
        LineageNodeKind.Render => "rendering",
        LineageNodeKind.Product => "release",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    private static string ActivityOf(LineageNodeId node) => ExportJson.Urn(NameBasedUuid.RunOf(node.Value));

    private static void WriteContext(Utf8JsonWriter writer)
    {
        writer.WriteStartArray("@context");
        writer.WriteStringValue(TaktVocabulary.ProvJsonLdContext);
        writer.WriteStartObject();
        writer.WriteNumber("@version", 1.1);
        writer.WriteString("xsd", "http://www.w3.org/2001/XMLSchema#");
        writer.WriteString("takt", TaktVocabulary.Namespace);
        writer.WriteStartObject("takt:weight");
        writer.WriteString("@type", "xsd:double");
        writer.WriteEndObject();
        writer.WriteStartObject("takt:recordedAt");
        writer.WriteString("@type", "xsd:dateTime");
        writer.WriteEndObject();
        writer.WriteStartObject("takt:attributes");
        writer.WriteString("@type", "@json");
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteEndArray();
    }

    private static void WriteNode(Utf8JsonWriter writer, SubgraphNode node, bool ownActivity)
    {
        var id = ExportJson.Urn(node.Id.Value);
        var recorded = ExportJson.Instant(node.RecordedAt);
        writer.WriteStartObject();
        writer.WriteString("@id", id);
        writer.WriteString("@type", node.Kind switch
        {
            LineageNodeKind.Contributor => "Agent",
            LineageNodeKind.TrainingRun => "Activity",
            _ => "Entity",
        });
        writer.WriteString("label", node.Label);
        if (node.Kind == LineageNodeKind.TrainingRun)
        {
            writer.WriteString("endTime", recorded);
        }

        writer.WriteString("takt:kind", LineageNodeKinds.Name(node.Kind));
        writer.WriteString("takt:tenant", node.Tenant);
        if (node.Reference is { } reference)
        {
            writer.WriteString("takt:reference", reference);
        }

        writer.WriteString("takt:recordedAt", recorded);
        if (node.Attributes is { } attributes)
        {
            writer.WritePropertyName("takt:attributes");
            ExportJson.Attributes(writer, attributes);
        }

        writer.WriteEndObject();
        if (!ownActivity)
        {
            return;
        }

        var activity = ActivityOf(node.Id);
        writer.WriteStartObject();
        writer.WriteString("@id", activity);
        writer.WriteString("@type", "Activity");
        writer.WriteString("label", $"{ActivityKind(node.Kind)}: {node.Label}");
        writer.WriteString("endTime", recorded);
        writer.WriteString("takt:kind", ActivityKind(node.Kind));
        writer.WriteString("takt:tenant", node.Tenant);
        writer.WriteEndObject();

        writer.WriteStartObject();
        writer.WriteString("@type", "Generation");
        writer.WriteString("entity", id);
        writer.WriteString("activity", activity);
        writer.WriteString("time", recorded);
        writer.WriteEndObject();
    }

    private static void WriteEdge(Utf8JsonWriter writer, SubgraphEdge edge, LineageNodeKind parentKind, bool childHasActivity)
    {
        var child = ExportJson.Urn(edge.Child.Value);
        var parent = ExportJson.Urn(edge.Parent.Value);
        writer.WriteStartObject();
        switch (edge.Role)
        {
            case EdgeRole.RightsHolder:
                writer.WriteString("@type", "Attribution");
                writer.WriteString("entity", child);
                writer.WriteString("agent", parent);
                break;
            case EdgeRole.Editor:
                writer.WriteString("@type", "Association");
                writer.WriteString("activity", ActivityOf(edge.Child));
                writer.WriteString("agent", parent);
                break;
            case EdgeRole.TrainingData or EdgeRole.InitialModel:
                writer.WriteString("@type", "Usage");
                writer.WriteString("activity", child);
                writer.WriteString("entity", parent);
                break;
            case EdgeRole.TrainedBy:
                writer.WriteString("@type", "Generation");
                writer.WriteString("entity", child);
                writer.WriteString("activity", parent);
                break;
            default:
                if (!IsEntity(parentKind))
                {
                    throw new InvalidDataException($"edge {edge.Child} ← {edge.Parent} ({EdgeRoles.Name(edge.Role)}) joins an entity to a {LineageNodeKinds.Name(parentKind)}");
                }

                writer.WriteString("@type", "Derivation");
                writer.WriteString("generatedEntity", child);
                writer.WriteString("usedEntity", parent);
                if (childHasActivity)
                {
                    writer.WriteString("activity", ActivityOf(edge.Child));
                }

                break;
        }

        writer.WriteString("takt:role", EdgeRoles.Name(edge.Role));
        writer.WriteNumber("takt:weight", edge.Weight);
        writer.WriteEndObject();
    }
}
