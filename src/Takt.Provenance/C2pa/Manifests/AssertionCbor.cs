using System.Formats.Cbor;

using Takt.Provenance.C2pa.Reading;

namespace Takt.Provenance.C2pa.Manifests;

/// <summary>The CBOR of the assertions Takt writes (C2PA 2.x §18; CAWG training-and-data-mining 1.1).</summary>
internal static class AssertionCbor
{
    public static void WriteHashedUri(CborWriter writer, HashedUri uri)
    {
        writer.WriteStartMap(2);
        writer.WriteTextString("url");
        writer.WriteTextString(uri.Url);
        writer.WriteTextString("hash");
        writer.WriteByteString(uri.Hash);
        writer.WriteEndMap();
    }

    public static byte[] Actions(IReadOnlyList<ManifestAction> actions, IReadOnlyList<HashedUri> ingredients, string softwareVersion)
    {
        var writer = new CborWriter(CborConformanceMode.Lax);
        writer.WriteStartMap(1);
        writer.WriteTextString("actions");
        writer.WriteStartArray(actions.Count);
        foreach (var action in actions)
        {
            var fields = 2 + (action.DigitalSourceType is null ? 0 : 1) + (action.Ingredients.Count > 0 ? 1 : 0) + (action.Description is null ? 0 : 1);
            writer.WriteStartMap(fields);
            writer.WriteTextString("action");
            writer.WriteTextString(action.Action);
            if (action.DigitalSourceType is { } source)
            {
                writer.WriteTextString("digitalSourceType");
                writer.WriteTextString(source);
            }

            writer.WriteTextString("softwareAgent");
            WriteGenerator(writer, softwareVersion);
            if (action.Description is { } description)
            {
                writer.WriteTextString("description");
                writer.WriteTextString(description);
            }

            if (action.Ingredients.Count > 0)
            {
                writer.WriteTextString("parameters");
                writer.WriteStartMap(1);
                writer.WriteTextString("ingredients");
                writer.WriteStartArray(action.Ingredients.Count);
                foreach (var index in action.Ingredients)
                {
                    WriteHashedUri(writer, ingredients[index]);
                }

                writer.WriteEndArray();
                writer.WriteEndMap();
            }

            writer.WriteEndMap();
        }

        writer.WriteEndArray();
        writer.WriteEndMap();
        return writer.Encode();
    }

    public static byte[] Ingredient(IngredientDefinition ingredient, HashedUri? activeManifest, HashedUri? claimSignature, IReadOnlyList<string>? validationSuccess)
    {
        var entries = new List<Action<CborWriter>>
        {
            w => { w.WriteTextString("dc:title"); w.WriteTextString(ingredient.Title); },
            w => { w.WriteTextString("relationship"); w.WriteTextString(ingredient.Relationship); },
        };
        if (ingredient.Format is { } format)
        {
            entries.Add(w => { w.WriteTextString("dc:format"); w.WriteTextString(format); });
        }

        if (ingredient.InstanceId is { } instance)
        {
            entries.Add(w => { w.WriteTextString("instanceID"); w.WriteTextString(instance); });
        }

        if (ingredient.Description is { } description)
        {
            entries.Add(w => { w.WriteTextString("description"); w.WriteTextString(description); });
        }

        if (ingredient.DataTypes is { Count: > 0 } types)
        {
            entries.Add(w =>
            {
                w.WriteTextString("dataTypes");
                w.WriteStartArray(types.Count);
                foreach (var type in types)
                {
                    w.WriteStartMap(1);
                    w.WriteTextString("type");
                    w.WriteTextString(type);
                    w.WriteEndMap();
                }

                w.WriteEndArray();
            });
        }

        if (activeManifest is { } manifest && claimSignature is { } signature)
        {
            entries.Add(w => { w.WriteTextString("activeManifest"); WriteHashedUri(w, manifest); });
            entries.Add(w => { w.WriteTextString("claimSignature"); WriteHashedUri(w, signature); });
            entries.Add(w => WriteValidationResults(w, validationSuccess ?? []));
        }

        var writer = new CborWriter(CborConformanceMode.Lax);
        writer.WriteStartMap(entries.Count);
        foreach (var entry in entries)
        {
            entry(writer);
        }

        writer.WriteEndMap();
        return writer.Encode();
    }

    public static byte[] TrainingMining(IReadOnlyDictionary<string, string> entries)
    {
        var writer = new CborWriter(CborConformanceMode.Lax);
        writer.WriteStartMap(1);
        writer.WriteTextString("entries");
        writer.WriteStartMap(entries.Count);
        foreach (var (key, use) in entries.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            writer.WriteTextString(key);
            writer.WriteStartMap(1);
            writer.WriteTextString("use");
            writer.WriteTextString(use);
            writer.WriteEndMap();
        }

        writer.WriteEndMap();
        writer.WriteEndMap();
        return writer.Encode();
    }

    public static byte[] Lineage(LineageStamp stamp)
    {
        var fields = new List<(string, string)> { ("node", stamp.Node.ToString()) };
        if (stamp.Tenant is { } tenant)
        {
            fields.Add(("tenant", tenant));
        }

        if (stamp.Run is { } run)
        {
            fields.Add(("run", run.ToString()));
        }

        if (stamp.AttributionSnapshot is { } snapshot)
        {
            fields.Add(("attributionSnapshot", snapshot));
        }

        var writer = new CborWriter(CborConformanceMode.Lax);
        writer.WriteStartMap(fields.Count);
        foreach (var (key, value) in fields)
        {
            writer.WriteTextString(key);
            writer.WriteTextString(value);
        }

        writer.WriteEndMap();
        return writer.Encode();
    }

    public static void WriteGenerator(CborWriter writer, string version)
    {
        writer.WriteStartMap(2);
        writer.WriteTextString("name");
        writer.WriteTextString("Takt");
        writer.WriteTextString("version");
        writer.WriteTextString(version);
        writer.WriteEndMap();
    }

    /// <summary>What Takt's own verifier found when it checked the ingredient's manifest before embedding it.</summary>
    private static void WriteValidationResults(CborWriter writer, IReadOnlyList<string> success)
    {
        writer.WriteTextString("validationResults");
        writer.WriteStartMap(1);
        writer.WriteTextString("activeManifest");
        writer.WriteStartMap(3);
        foreach (var list in new[] { "success", "informational", "failure" })
        {
            writer.WriteTextString(list);
            var codes = list == "success" ? success : [];
            writer.WriteStartArray(codes.Count);
            foreach (var code in codes)
            {
                writer.WriteStartMap(1);
                writer.WriteTextString("code");
                writer.WriteTextString(code);
                writer.WriteEndMap();
            }

            writer.WriteEndArray();
        }

        writer.WriteEndMap();
        writer.WriteEndMap();
    }
}
