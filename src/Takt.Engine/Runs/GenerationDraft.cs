using Takt.Domain.Workflows;
using Takt.Engine.Backends;

namespace Takt.Engine.Runs;

/// <summary>The Generation lineage node one node run writes: where its inputs came from, which models it ran, and how.</summary>
/// <param name="Inputs">The lineage nodes of the values on its inputs (assets, models, earlier generations), by port type.</param>
/// <param name="Attributes">Inputs, outputs, parameters, backend, seed, as canonical JSON; never a secret.</param>
/// <param name="Tool">The backend as it reported itself (e.g. <c>openai sora-2</c>, <c>takt 0.4</c>).</param>
/// <param name="Generative">Whether the node makes new content (a model ran) rather than transforming its inputs.</param>
public sealed record GenerationDraft(
    Guid Id,
    Guid Tenant,
    string Label,
    IReadOnlyList<(Guid Node, PortType Type)> Inputs,
    IReadOnlyList<ModelUse> Models,
    string Attributes,
    string Tool,
    bool Generative);
