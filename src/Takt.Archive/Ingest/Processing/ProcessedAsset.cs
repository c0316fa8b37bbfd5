using Takt.Archive.Blobs;
using Takt.Archive.Media;
using Takt.Domain.Archive;
using Takt.Domain.Rights;

namespace Takt.Archive.Ingest.Processing;

/// <summary>One asset ready to be recorded: its bytes are already durable in the blob store.</summary>
public sealed record ProcessedAsset
{
    public required string OriginalPath { get; init; }

    public required string Name { get; init; }

    public required LayerKind LayerKind { get; init; }

    public required BlobPut Blob { get; init; }

    public required MediaFacts Facts { get; init; }

    /// <summary>Format-specific placement (layer offsets, opacity, blend mode, stack path) as JSON.</summary>
    public string? Attributes { get; init; }

    /// <summary>Consent statements found in the file's own metadata.</summary>
    public IReadOnlyList<ConsentGrant> EmbeddedConsent { get; init; } = [];
}
