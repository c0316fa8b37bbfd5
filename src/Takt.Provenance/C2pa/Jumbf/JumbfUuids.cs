namespace Takt.Provenance.C2pa.Jumbf;

/// <summary>
/// The JUMBF description-box type UUIDs C2PA uses (§11.1.4): a four-character code followed by
/// the ISO suffix 0011-0010-8000-00AA00389B71.
/// </summary>
internal static class JumbfUuids
{
    public static readonly byte[] Store = Make("c2pa");
    public static readonly byte[] Manifest = Make("c2ma");
    public static readonly byte[] AssertionStore = Make("c2as");
    public static readonly byte[] Claim = Make("c2cl");
    public static readonly byte[] Signature = Make("c2cs");
    public static readonly byte[] Cbor = Make("cbor");
    public static readonly byte[] Json = Make("json");

    private static byte[] Make(string code)
    {
        byte[] suffix = [0x00, 0x11, 0x00, 0x10, 0x80, 0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71];
        return [.. System.Text.Encoding.ASCII.GetBytes(code), .. suffix];
    }
}
