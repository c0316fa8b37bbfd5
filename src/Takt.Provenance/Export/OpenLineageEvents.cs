using System.Text.Json;
using Takt.Domain.Lineage;

namespace Takt.Provenance.Export;

/// <summary>
/// Writes OpenLineage 2-0-2 RunEvents, one JSON object per line, for the runs in a subgraph: a
/// dataset build (inputs: its assets; output: the dataset version), a training run (inputs: its
/// datasets and initial model; outputs: the models it trained) and a generation (inputs: its
/// models, references and transformed material; output: the generation). Each run is COMPLETE at
/// the moment its node was recorded, and its id is a name-based UUID of the node, so exporting
/// again gives the same events. Datasets are named <c>kind/id</c> in <c>takt://tenant</c>; the
/// <c>takt_lineage</c> facets carry kinds, labels, weights and roles. At a tenant boundary a run
/// lists only the inputs the asker may see.
/// </summary>
public static class OpenLineageEvents
{
    public const string FacetKey = "takt_lineage";

    public static bool IsRun(LineageNodeKind kind) =>
        kind is LineageNodeKind.Dataset or LineageNodeKind.TrainingRun or LineageNodeKind.Generation;

    /// <returns>How many events were written.</returns>
    public static int Write(LineageSubgraph graph, Stream stream, string producer = TaktVocabulary.Producer)
    {
        var nodes = graph.Nodes.ToDictionary(n => n.Id);
        var parents = graph.Edges.ToLookup(e => e.Child);
        var trained = graph.Edges.Where(e => e.Role == EdgeRole.TrainedBy).ToLookup(e => e.Parent);
        var count = 0;
        foreach (var node in graph.Nodes.Where(n => IsRun(n.Kind)))
        {
            using (var writer = ExportJson.Writer(stream, indented: false))
            {
                var outputs = node.Kind == LineageNodeKind.TrainingRun
                    ? trained[node.Id].Select(e => (nodes[e.Child], (SubgraphEdge?)e)).ToList()
                    : [(node, null)];
                WriteEvent(writer, node, [.. parents[node.Id].Select(e => (nodes[e.Parent], e))], outputs, producer);
            }

            stream.WriteByte((byte)'\n');
            count++;
        }

        return count;
    }

    private static void WriteEvent(Utf8JsonWriter writer, SubgraphNode node, List<(SubgraphNode Node, SubgraphEdge Edge)> inputs, List<(SubgraphNode Node, SubgraphEdge? Edge)> outputs, string producer)
    {
        writer.WriteStartObject();
        writer.WriteString("eventType", "COMPLETE");
        writer.WriteString("eventTime", ExportJson.Instant(node.RecordedAt));

        writer.WriteStartObject("run");
        writer.WriteString("runId", NameBasedUuid.RunOf(node.Id.Value).ToString("D"));
        writer.WriteStartObject("facets");
        StartFacet(writer, "TaktLineageRunFacet", producer);
        writer.WriteString("node", node.Id.ToString());
        writer.WriteString("kind", LineageNodeKinds.Name(node.Kind));
        writer.WriteString("label", node.Label);
        writer.WriteString("tenant", node.Tenant);
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteEndObject();

        writer.WriteStartObject("job");
        writer.WriteString("namespace", Namespace(node));
        writer.WriteString("name", $"{JobKind(node.Kind)}/{node.Label}");
        writer.WriteStartObject("facets");
        writer.WriteStartObject("jobType");
        writer.WriteString("_producer", producer);
        writer.WriteString("_schemaURL", "https://openlineage.io/spec/facets/2-0-4/JobTypeJobFacet.json#/$defs/JobTypeJobFacet");
        writer.WriteString("processingType", "BATCH");
        writer.WriteString("integration", "TAKT");
        writer.WriteString("jobType", JobKind(node.Kind).Replace('-', '_').ToUpperInvariant());
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteEndObject();

        writer.WriteStartArray("inputs");
        foreach (var (input, edge) in inputs)
        {
            WriteDataset(writer, input, "inputFacets", "TaktLineageInputDatasetFacet", edge, producer);
        }

        writer.WriteEndArray();
        writer.WriteStartArray("outputs");
        foreach (var (output, edge) in outputs)
        {
            WriteDataset(writer, output, "outputFacets", "TaktLineageOutputDatasetFacet", edge, producer);
        }

        writer.WriteEndArray();
        writer.WriteString("producer", producer);
        writer.WriteString("schemaURL", TaktVocabulary.OpenLineageRunEventSchema);
        writer.WriteEndObject();
    }

    private static void WriteDataset(Utf8JsonWriter writer, SubgraphNode node, string usageFacets, string usageFacet, SubgraphEdge? edge, string producer)
    {
        writer.WriteStartObject();
        writer.WriteString("namespace", Namespace(node));
        writer.WriteString("name", $"{LineageNodeKinds.Name(node.Kind)}/{node.Id}");
        writer.WriteStartObject("facets");
        StartFacet(writer, "TaktLineageDatasetFacet", producer);
        writer.WriteString("node", node.Id.ToString());
        writer.WriteString("kind", LineageNodeKinds.Name(node.Kind));
        writer.WriteString("label", node.Label);
        if (node.Reference is { } reference)
        {
            writer.WriteString("reference", reference);
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
        if (edge is not null)
        {
            writer.WriteStartObject(usageFacets);
            StartFacet(writer, usageFacet, producer);
            writer.WriteString("role", EdgeRoles.Name(edge.Role));
            writer.WriteNumber("weight", edge.Weight);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    private static void StartFacet(Utf8JsonWriter writer, string definition, string producer)
    {
        writer.WriteStartObject(FacetKey);
        writer.WriteString("_producer", producer);
        writer.WriteString("_schemaURL", $"{TaktVocabulary.FacetSchema}#/$defs/{definition}");
    }

    private static string Namespace(SubgraphNode node) => $"takt://{node.Tenant}";

    private static string JobKind(LineageNodeKind kind) => kind switch
    {
        LineageNodeKind.Dataset => "dataset-build",
        LineageNodeKind.TrainingRun => "training-run",
        LineageNodeKind.Generation => "generation",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
