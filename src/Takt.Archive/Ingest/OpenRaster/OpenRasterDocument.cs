namespace Takt.Archive.Ingest.OpenRaster;

/// <summary>
/// The validated contents of an OpenRaster file: canvas size, usable layers top to bottom (stack.xml
/// order), and the layers that were rejected. Entry paths point into the zip; nothing is decoded.
/// </summary>
public sealed record OpenRasterDocument(
    int Width,
    int Height,
    IReadOnlyList<OpenRasterLayer> Layers,
    IReadOnlyList<OpenRasterLayerError> LayerErrors,
    string? MergedImageEntry,
    string? ThumbnailEntry);
