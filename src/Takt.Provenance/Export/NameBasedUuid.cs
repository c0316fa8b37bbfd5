using System.Security.Cryptography;
using System.Text;

namespace Takt.Provenance.Export;

/// <summary>
/// Name-based UUIDs (RFC 9562 §5.8, version 8, the SHA-256 construction of its appendix B.2):
/// the same namespace and name always give the same UUID, so a node's run id is stable across
/// exports without being stored, and a recorded artifact (a dataset version) has one node id however often it is built. SHA-256 rather than version 5's SHA-1, which the analyzers
/// rightly flag; nothing here is a security boundary either way.
/// </summary>
public static class NameBasedUuid
{
    public static Guid Create(Guid ns, string name)
    {
        var nameBytes = Encoding.UTF8.GetBytes(name);
        var input = new byte[16 + nameBytes.Length];
        ns.TryWriteBytes(input, bigEndian: true, out _);
        nameBytes.CopyTo(input, 16);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(input, hash);
        var bytes = hash[..16];
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }

    /// <summary>The activity that produced a node: its PROV activity id and its OpenLineage run id.</summary>
    public static Guid RunOf(Guid node) => Create(TaktVocabulary.RunNamespace, node.ToString("D"));
}
