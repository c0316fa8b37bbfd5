using System.Formats.Cbor;
using System.Security.Cryptography;
using Takt.Archive.Signals;
using Takt.Provenance.C2pa.Jumbf;

using Takt.Provenance.C2pa.Reading;

namespace Takt.Provenance.C2pa.Manifests;

/// <summary>
/// Lays out one manifest store: the ingredients' own manifests first, then the new (active)
/// manifest with its assertion store, claim v2 and signature box. Everything except the hard
/// binding and the signature is fixed when the builder is made, salts included, so the store
/// built with a placeholder binding and the final store have the same length (§10.4 two-pass).
/// </summary>
internal sealed class ManifestStoreBuilder
{
    private readonly string _label = $"urn:c2pa:{Guid.NewGuid()}";
    private readonly string _instanceId = $"xmp:iid:{Guid.NewGuid()}";
    private readonly List<byte[]> _ingredientManifests = [];
    private readonly List<(string Label, byte[] Box)> _fixedAssertions = [];
    private readonly string _bindingLabel;
    private readonly byte[] _bindingSalt = JumbfWriter.NewSalt();
    private readonly string _title;
    private readonly string _version;

    public ManifestStoreBuilder(ManifestDefinition definition, string bindingLabel, string version, Func<byte[], IReadOnlyList<string>> ingredientValidation)
    {
        _bindingLabel = bindingLabel;
        _title = definition.Title;
        _version = version;
        var ingredientUris = new List<HashedUri>();
        var manifestLabels = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < definition.Ingredients.Count; i++)
        {
            var ingredient = definition.Ingredients[i];
            HashedUri? active = null, signature = null;
            IReadOnlyList<string>? results = null;
            if (ingredient.ManifestStore is { } store)
            {
                (active, signature) = CopyManifests(store, manifestLabels);
                results = ingredientValidation(store);
            }

            var label = i == 0 ? "c2pa.ingredient.v3" : $"c2pa.ingredient.v3__{i}";
            var box = Assertion(label, JumbfUuids.Cbor, "cbor", AssertionCbor.Ingredient(ingredient, active, signature, results));
            _fixedAssertions.Add((label, box));
            ingredientUris.Add(new HashedUri($"self#jumbf=c2pa.assertions/{label}", Sha256(JumbfWriter.Contents(box)), null));
        }

        _fixedAssertions.Add(("c2pa.actions.v2", Assertion("c2pa.actions.v2", JumbfUuids.Cbor, "cbor", AssertionCbor.Actions(definition.Actions, ingredientUris, version))));
        if (definition.TrainingMining is { Count: > 0 } mining)
        {
            _fixedAssertions.Add(("cawg.training-mining", Assertion("cawg.training-mining", JumbfUuids.Cbor, "cbor", AssertionCbor.TrainingMining(mining))));
        }

        if (definition.Lineage is { } lineage)
        {
            _fixedAssertions.Add(("org.takt.lineage", Assertion("org.takt.lineage", JumbfUuids.Cbor, "cbor", AssertionCbor.Lineage(lineage))));
        }
    }

    public string Label => _label;

    /// <summary>The store with this binding assertion and a signature from <paramref name="sign"/> (given the claim bytes, returns exactly <paramref name="signatureLength"/> bytes).</summary>
    public byte[] Build(byte[] binding, int signatureLength, Func<byte[], byte[]> sign)
    {
        var bindingBox = Assertion(_bindingLabel, JumbfUuids.Cbor, "cbor", binding, _bindingSalt);
        List<(string Label, byte[] Box)> assertions = [.. _fixedAssertions, (_bindingLabel, bindingBox)];
        var claim = Claim(assertions);
        var signature = sign(claim);
        if (signature.Length != signatureLength)
        {
            throw new InvalidOperationException($"the signature is {signature.Length} bytes, not the {signatureLength} reserved");
        }

        var manifest = JumbfWriter.Superbox(JumbfUuids.Manifest, _label,
        [
            JumbfWriter.Superbox(JumbfUuids.AssertionStore, "c2pa.assertions", assertions.Select(a => a.Box)),
            JumbfWriter.Superbox(JumbfUuids.Claim, "c2pa.claim.v2", [JumbfWriter.ContentBox("cbor", claim)]),
            JumbfWriter.Superbox(JumbfUuids.Signature, "c2pa.signature", [JumbfWriter.ContentBox("cbor", signature)]),
        ]);
        return JumbfWriter.Superbox(JumbfUuids.Store, "c2pa", [.. _ingredientManifests, manifest]);
    }

    private byte[] Claim(List<(string Label, byte[] Box)> assertions)
    {
        var writer = new CborWriter(CborConformanceMode.Lax);
        writer.WriteStartMap(6);
        writer.WriteTextString("instanceID");
        writer.WriteTextString(_instanceId);
        writer.WriteTextString("claim_generator_info");
        AssertionCbor.WriteGenerator(writer, _version);
        writer.WriteTextString("signature");
        writer.WriteTextString($"self#jumbf=/c2pa/{_label}/c2pa.signature");
        writer.WriteTextString("created_assertions");
        writer.WriteStartArray(assertions.Count);
        foreach (var (label, box) in assertions)
        {
            AssertionCbor.WriteHashedUri(writer, new HashedUri($"self#jumbf=c2pa.assertions/{label}", Sha256(JumbfWriter.Contents(box)), null));
        }

        writer.WriteEndArray();
        writer.WriteTextString("dc:title");
        writer.WriteTextString(_title);
        writer.WriteTextString("alg");
        writer.WriteTextString("sha256");
        writer.WriteEndMap();
        return writer.Encode();
    }

    /// <summary>
    /// Copies the ingredient's manifests (each once, by label) and returns hashed URIs to its
    /// active manifest and that manifest's signature, which the ingredient assertion carries.
    /// </summary>
    private (HashedUri Active, HashedUri Signature) CopyManifests(byte[] store, HashSet<string> seen)
    {
        IReadOnlyList<JumbfBox> boxes;
        try
        {
            boxes = JumbfParser.Parse(store);
        }
        catch (FormatException e)
        {
            throw new C2paFormatException($"an ingredient's manifest store cannot be read: {e.Message}", e);
        }

        if (boxes is not [{ IsSuperbox: true, Label: "c2pa" } top] || !top.Superboxes.Any())
        {
            throw new C2paFormatException("an ingredient's manifest store has no manifests");
        }

        foreach (var manifest in top.Superboxes)
        {
            if (manifest.Label is { } label && seen.Add(label))
            {
                _ingredientManifests.Add(store.AsSpan(manifest.ContentOffset - 8, manifest.ContentLength + 8).ToArray());
            }
        }

        var active = top.Superboxes.Last();
        var signatureBox = active.Superboxes.FirstOrDefault(b => b.HasLabel("c2pa.signature"))
            ?? throw new C2paFormatException($"the ingredient's manifest {active.Label} has no signature");
        return (
            new HashedUri($"self#jumbf=/c2pa/{active.Label}", Sha256(active.Content(store)), null),
            new HashedUri($"self#jumbf=/c2pa/{active.Label}/c2pa.signature", Sha256(signatureBox.Content(store)), null));
    }

    private static byte[] Assertion(string label, byte[] uuid, string contentType, byte[] content, byte[]? salt = null) =>
        JumbfWriter.Superbox(uuid, label, [JumbfWriter.ContentBox(contentType, content)], salt ?? JumbfWriter.NewSalt());

    private static byte[] Sha256(ReadOnlySpan<byte> data) => SHA256.HashData(data);
}
