using Takt.Domain.Lineage;

namespace Takt.Provenance.Demo;

/// <summary>One node of the demo's recorded pipeline.</summary>
/// <param name="Step">A stable name for it in the pipeline (<c>dataset</c>, <c>lora</c>, <c>product</c>…).</param>
public sealed record DemoLineageStep(string Step, LineageNodeId Id, LineageNodeKind Kind, string Label);
