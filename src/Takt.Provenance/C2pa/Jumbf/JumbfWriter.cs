using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Takt.Provenance.C2pa.Jumbf;

/// <summary>
/// Writes JUMBF boxes (ISO/IEC 19566-5) as C2PA lays them out: every superbox starts with a
/// description box carrying its type UUID and label, with the "requestable" and "label present"
/// toggles set (§11.1.4.1.2); a salted assertion adds the private <c>c2sh</c> box.
/// </summary>
internal static class JumbfWriter
{
    private const byte Requestable = 0x01;
    private const byte LabelPresent = 0x02;
    private const byte PrivatePresent = 0x10;

    public static byte[] Superbox(byte[] typeUuid, string label, IEnumerable<byte[]> children, byte[]? salt = null)
    {
        var description = Description(typeUuid, label, salt);
        var content = new List<byte[]> { description };
        content.AddRange(children);
        return Box("jumb", content);
    }

    public static byte[] ContentBox(string type, ReadOnlySpan<byte> data) => Box(type, [data.ToArray()]);

    /// <summary>16 random bytes: the salt C2PA recommends so an assertion's hash cannot be guessed (§8.4.2.3).</summary>
    public static byte[] NewSalt() => RandomNumberGenerator.GetBytes(16);

    /// <summary>The bytes a hashed URI covers: the superbox's contents, without its own 8-byte header.</summary>
    public static ReadOnlySpan<byte> Contents(ReadOnlySpan<byte> superbox) => superbox[8..];

    private static byte[] Description(byte[] typeUuid, string label, byte[]? salt)
    {
        var labelBytes = Encoding.UTF8.GetBytes(label);
        var toggles = (byte)(Requestable | LabelPresent | (salt is null ? 0 : PrivatePresent));
        var body = new byte[16 + 1 + labelBytes.Length + 1];
        typeUuid.CopyTo(body, 0);
        body[16] = toggles;
        labelBytes.CopyTo(body, 17);
        List<byte[]> parts = [body];
        if (salt is not null)
        {
            parts.Add(Box("c2sh", [salt]));
        }

        return Box("jumd", parts);
    }

    private static byte[] Box(string type, IReadOnlyList<byte[]> parts)
    {
        var length = 8L + parts.Sum(p => (long)p.Length);
        if (length > int.MaxValue)
        {
            throw new InvalidOperationException($"a JUMBF '{type}' box of {length} bytes is larger than Takt writes");
        }

        var box = new byte[length];
        BinaryPrimitives.WriteUInt32BigEndian(box, (uint)length);
        Encoding.ASCII.GetBytes(type, box.AsSpan(4, 4));
        var position = 8;
        foreach (var part in parts)
        {
            part.CopyTo(box, position);
            position += part.Length;
        }

        return box;
    }
}
