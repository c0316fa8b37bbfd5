namespace Takt.Provenance.C2pa.Containers.Bmff;

/// <summary>Fixed values of C2PA's BMFF embedding (C2PA 2.2 §A.5) and the limits Takt puts on hostile input.</summary>
internal static class BmffConstants
{
    /// <summary>The extended type of the C2PA ContentProvenanceBox: D8FEC3D6-1B0E-483C-9297-5828877EC481.</summary>
    public static ReadOnlySpan<byte> C2paUuid =>
    [
        0xD8, 0xFE, 0xC3, 0xD6, 0x1B, 0x0E, 0x48, 0x3C, 0x92, 0x97, 0x58, 0x28, 0x87, 0x7E, 0xC4, 0x81,
    ];

    public const string ManifestPurpose = "manifest";

    /// <summary>
    /// Bytes before the JUMBF in a manifest uuid box: 8 header, 16 extended type, 4 version and
    /// flags, "manifest\0", 8 offset to the first merkle box.
    /// </summary>
    public const int ManifestBoxPrefix = 8 + 16 + 4 + 9 + 8;

    /// <summary>moov is the only box held in memory; real ones are kilobytes to a few megabytes.</summary>
    public const long MaxMoovSize = 256L * 1024 * 1024;

    /// <summary>A manifest store is read into memory; anything larger is not a plausible store.</summary>
    public const long MaxStoreSize = 256L * 1024 * 1024;

    /// <summary>Bounds the box tree a hostile file can make the verifier build.</summary>
    public const int MaxBoxes = 1_000_000;

    public const int MaxDepth = 16;

    public const int CopyBufferSize = 1024 * 1024;

    /// <summary>
    /// The boxes c2pa-rs's reader descends into (bmff_io.rs <c>build_bmff_tree</c>), so that an
    /// exclusion xpath such as <c>/moov/trak/mdia/minf/stbl/stco</c> finds what it finds there.
    /// </summary>
    public static bool IsContainer(string type) => type is
        "moov" or "trak" or "mdia" or "minf" or "stbl" or "moof" or "traf" or "edts" or "udta"
        or "dinf" or "tref" or "treg" or "mvex" or "mfra" or "meta" or "schi";

    /// <summary>Boxes whose version and flags an exclusion may match on (ISO/IEC 14496-12 FullBoxes).</summary>
    public static bool IsFullBox(string type) => type is
        "meta" or "iloc" or "stco" or "co64" or "tfhd" or "trun" or "tfra" or "mfro" or "saio" or "saiz"
        or "sidx" or "mvhd" or "tkhd" or "mdhd" or "hdlr" or "stsd" or "stts" or "stss" or "stsc"
        or "stsz" or "ctts" or "elst" or "dref" or "vmhd" or "smhd" or "mehd" or "trex" or "mfhd"
        or "tfdt" or "pssh" or "iinf" or "pitm" or "iref" or "ipma" or "emsg";
}
