namespace Takt.Archive.Ingest.OpenRaster;

/// <summary>Why one layer was left out; the rest of the document is still usable.</summary>
public sealed record OpenRasterLayerError(string Name, string Src, string Message);
