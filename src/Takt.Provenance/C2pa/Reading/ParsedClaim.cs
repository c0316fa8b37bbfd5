using Takt.Provenance.C2pa.Verification;

namespace Takt.Provenance.C2pa.Reading;

/// <summary>A claim (§10) decoded from its box: version 2 for <c>c2pa.claim.v2</c>, 1 for <c>c2pa.claim</c>.</summary>
internal sealed record ParsedClaim(int Version, ReadOnlyMemory<byte> Bytes, IReadOnlyDictionary<string, object?> Map)
{
    private static readonly string[] RequiredV2 = ["instanceID", "claim_generator_info", "signature", "created_assertions"];
    private static readonly string[] RequiredV1 = ["claim_generator", "signature", "assertions", "dc:format", "instanceID"];

    public string? Alg => Map.Text("alg");

    /// <summary>Every hashed URI the claim lists: created + gathered (v2) or assertions (v1), raw.</summary>
    public IEnumerable<object?> AssertionReferences =>
        Version >= 2
            ? (Map.List("created_assertions") ?? []).Concat(Map.List("gathered_assertions") ?? [])
            : Map.List("assertions") ?? [];

    /// <summary>Reads and decodes the manifest's claim, or logs why it cannot and returns null.</summary>
    public static ParsedClaim? Read(ManifestStore store, ManifestBox manifest, StatusLog log)
    {
        var url = JumbfUri.Manifest(manifest.Label);
        var boxes = manifest.Claims.ToList();
        if (boxes.Count == 0)
        {
            log.Failure(ValidationCodes.ClaimMissing, url, "the manifest has no claim box");
            return null;
        }

        if (boxes.Count > 1)
        {
            log.Failure(ValidationCodes.ClaimMultiple, url, "the manifest has more than one claim box");
            return null;
        }

        var claimBox = boxes[0];
        var claimUrl = $"{url}/{claimBox.Label}";
        if (ManifestBox.ContentBox(claimBox, "cbor") is not { } content)
        {
            log.Failure(ValidationCodes.ClaimCborInvalid, claimUrl, "the claim box holds no CBOR content box");
            return null;
        }

        var bytes = store.Bytes.AsMemory(content.ContentOffset, content.ContentLength);
        object? decoded;
        try
        {
            decoded = CborTree.Decode(bytes);
        }
        catch (FormatException ex)
        {
            log.Failure(ValidationCodes.ClaimCborInvalid, claimUrl, $"the claim is not valid CBOR: {ex.Message}");
            return null;
        }

        if (decoded is not Dictionary<string, object?> map)
        {
            log.Failure(ValidationCodes.ClaimCborInvalid, claimUrl, "the claim is not a CBOR map");
            return null;
        }

        var version = claimBox.Label == "c2pa.claim.v2" ? 2 : 1;
        var missing = (version == 2 ? RequiredV2 : RequiredV1).Where(f => !map.ContainsKey(f)).ToList();
        if (missing.Count > 0)
        {
            log.Failure(ValidationCodes.ClaimRequiredMissing, claimUrl, $"the claim lacks required fields: {string.Join(", ", missing)}");
            return null;
        }

        return new ParsedClaim(version, bytes, map);
    }
}
