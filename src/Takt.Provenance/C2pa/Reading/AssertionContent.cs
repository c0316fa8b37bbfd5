using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Takt.Archive.Signals;

namespace Takt.Provenance.C2pa.Reading;

/// <summary>Reads an assertion superbox's content box: CBOR as a decoded tree, JSON as a node.</summary>
internal static class AssertionContent
{
    public static ReadOnlyMemory<byte>? Cbor(ManifestStore store, JumbfBox assertion) =>
        ManifestBox.ContentBox(assertion, "cbor") is { } box ? store.Bytes.AsMemory(box.ContentOffset, box.ContentLength) : null;

    /// <summary>The decoded CBOR content, or null when there is none or it does not decode.</summary>
    public static object? Tree(ManifestStore store, JumbfBox assertion)
    {
        if (Cbor(store, assertion) is not { } bytes)
        {
            return null;
        }

        try
        {
            return CborTree.Decode(bytes);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>The content as JSON whichever way it is stored, or null.</summary>
    public static JsonNode? Json(ManifestStore store, JumbfBox assertion)
    {
        if (ManifestBox.ContentBox(assertion, "json") is { } json)
        {
            try
            {
                return JsonNode.Parse(Encoding.UTF8.GetString(store.Bytes, json.ContentOffset, json.ContentLength), documentOptions: new JsonDocumentOptions { MaxDepth = CborTree.MaxDepth });
            }
            catch (JsonException)
            {
                return null;
            }
        }

        return Tree(store, assertion) is { } tree ? CborJson.ToJson(tree) : null;
    }
}
