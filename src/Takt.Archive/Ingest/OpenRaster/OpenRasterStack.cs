namespace Takt.Archive.Ingest.OpenRaster;

/// <summary>stack.xml as parsed, before any layer is checked against the zip's entries.</summary>
internal sealed record OpenRasterStack(int Width, int Height, IReadOnlyList<OpenRasterLayer> Layers, IReadOnlyList<OpenRasterLayerError> LayerErrors);
