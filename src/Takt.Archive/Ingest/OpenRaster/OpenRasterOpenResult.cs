namespace Takt.Archive.Ingest.OpenRaster;

/// <summary>Either an open reader or the reason the file is not a usable OpenRaster document.</summary>
public sealed record OpenRasterOpenResult(OpenRasterReader? Reader, string? Error)
{
    public static OpenRasterOpenResult Failed(string error) => new(null, error);
}
