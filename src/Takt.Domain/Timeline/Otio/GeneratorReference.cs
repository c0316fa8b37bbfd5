using Takt.Domain.Timeline.Otio.Json;

namespace Takt.Domain.Timeline.Otio;

/// <summary>
/// Media made by a generator rather than read from a file. Takt uses it for clips not yet generated:
/// <see cref="GeneratorKind"/> <see cref="TaktOtio.GeneratorKind"/> with the recipe in <see cref="Parameters"/>.
/// </summary>
public sealed class GeneratorReference : MediaReference
{
    public override string SchemaName => "GeneratorReference";

    public string GeneratorKind { get; set; } = "";

    /// <summary>The generator's parameters as a JSON object.</summary>
    public OtioJsonValue Parameters { get; set; } = OtioJsonValue.EmptyObject;
}
