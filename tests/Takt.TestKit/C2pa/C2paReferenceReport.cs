using System.Text.Json;

namespace Takt.TestKit.C2pa;

/// <summary>
/// What the official c2pa-rs reader says about one file. <see cref="Error"/> is set, and the rest
/// empty, when the reader found no manifest or could not read the file.
/// </summary>
public sealed record C2paReferenceReport
{
    /// <summary>c2pa-rs's validation state: Valid, Trusted or Invalid; empty on <see cref="Error"/>.</summary>
    public required string State { get; init; }

    public required string? ActiveManifest { get; init; }

    /// <summary>The c2pa-rs status codes, in the reader's order (repeats kept: one per hashed URI).</summary>
    public required IReadOnlyList<string> Success { get; init; }

    public required IReadOnlyList<string> Informational { get; init; }

    public required IReadOnlyList<C2paReferenceStatus> Failure { get; init; }

    /// <summary>The reader's <c>manifests</c> map (label to manifest), kept raw for tests that look inside.</summary>
    public required JsonElement Manifests { get; init; }

    /// <summary>The reader's <c>validation_results.ingredientDeltas</c>, raw.</summary>
    public required JsonElement IngredientDeltas { get; init; }

    public required string? Error { get; init; }

    public IReadOnlyList<string> FailureCodes => [.. Failure.Select(f => f.Code)];
}
