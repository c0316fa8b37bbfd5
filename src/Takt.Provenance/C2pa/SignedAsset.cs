namespace Takt.Provenance.C2pa;

/// <summary>What signing wrote: the active manifest's label, the media type, the store's size and the output's size.</summary>
public sealed record SignedAsset(string ManifestLabel, string MediaType, int StoreBytes, long FileBytes);
