namespace Takt.Archive.Ingest.OpenRaster;

/// <summary>
/// One raster layer of an OpenRaster stack. <see cref="Path"/> is the names of the enclosing
/// stacks ("body/head"), empty for a layer at the root; X/Y are the layer's own offsets as stored.
/// </summary>
public sealed record OpenRasterLayer(
    string Name,
    string Src,
    int X,
    int Y,
    double Opacity,
    bool Visible,
    string CompositeOp,
    string Path);
