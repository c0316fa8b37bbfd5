namespace Takt.Provenance.Export;

/// <summary>
/// The names Takt's exports use for what PROV and OpenLineage do not define. The host is the
/// reserved <c>.example</c> domain until the project has a home of its own: these are identifiers,
/// not links a reader must resolve (docs/lineage.md; the facet schema is in docs/schemas).
/// </summary>
public static class TaktVocabulary
{
    /// <summary>The JSON-LD namespace of <c>takt:</c> terms (weight, role, kind, tenant…).</summary>
    public const string Namespace = "https://takt.example/ns/lineage#";

    /// <summary>Who wrote an OpenLineage event: the exporter, versioned with the facet schema.</summary>
    public const string Producer = "https://takt.example/takt/lineage-export/1-0-0";

    /// <summary>The JSON Schema of the <c>takt_lineage</c> facets; each facet points at its <c>$defs</c> entry.</summary>
    public const string FacetSchema = "https://takt.example/spec/facets/1-0-0/TaktLineageFacets.json";

    public const string ProvJsonLdContext = "https://openprovenance.org/prov-jsonld/context.jsonld";

    public const string OpenLineageRunEventSchema = "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent";

    /// <summary>The namespace of the name-based UUIDs that identify the activity (run) behind a node.</summary>
    public static readonly Guid RunNamespace = new("5d0e8f0c-6a0b-4f7e-9d56-7a4b1c2e3f10");
}
