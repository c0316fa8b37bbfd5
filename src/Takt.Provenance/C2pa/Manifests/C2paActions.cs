namespace Takt.Provenance.C2pa.Manifests;

/// <summary>The C2PA action names and IPTC digital source types Takt writes (C2PA §18.14, IPTC NewsCodes).</summary>
public static class C2paActions
{
    public const string Created = "c2pa.created";
    public const string Opened = "c2pa.opened";
    public const string Placed = "c2pa.placed";
    public const string Edited = "c2pa.edited";

    private const string Iptc = "http://cv.iptc.org/newscodes/digitalsourcetype/";
    public const string TrainedAlgorithmicMedia = Iptc + "trainedAlgorithmicMedia";
    public const string CompositeWithTrainedAlgorithmicMedia = Iptc + "compositeWithTrainedAlgorithmicMedia";
    public const string CompositeSynthetic = Iptc + "compositeSynthetic";
    public const string DigitalCreation = Iptc + "digitalCreation";
}
