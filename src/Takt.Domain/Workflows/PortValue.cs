using System.Text.Json;

namespace Takt.Domain.Workflows;

/// <summary>
/// A value on a port at run time: either content in the blob store (images, video, audio,
/// masks, sequences as a JSON list of frame blobs) or a small inline JSON value (text, number,
/// curve, model reference, JSON). <see cref="ContentHash"/> is what result caching keys on:
/// the blob's sha256, or the sha256 of the inline value's canonical JSON.
/// </summary>
/// <param name="Lineage">The lineage node this value comes from (an asset, a model, a generation), if any.</param>
public sealed record PortValue(
    PortType Type,
    string ContentHash,
    string? BlobHash = null,
    string? MediaType = null,
    JsonElement? Inline = null,
    Guid? Lineage = null);
