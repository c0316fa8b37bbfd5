using System.Text.Json;
using Takt.Engine.Models.Safetensors;

namespace Takt.Engine.Models.Merging;

public sealed partial record MergeRecipe
{
    private static readonly HashSet<string> KnownFields = new(StringComparer.Ordinal)
    {
        "method", "inputs", "base", "alpha", "density", "lambda", "dropProbability", "seed", "t", "outputDtype",
    };

    /// <summary>
    /// Parses recipe JSON, resolving relative paths against <paramref name="baseDirectory"/>. Throws
    /// <see cref="MergeException"/> naming the field at fault; unknown fields are errors, so a typo
    /// cannot silently fall back to a default.
    /// </summary>
    /// <example><c>{"method": "weighted-sum", "inputs": [{"path": "a.safetensors", "coefficient": 0.7}, "b.safetensors"]}</c></example>
    public static MergeRecipe Parse(string json, string baseDirectory)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new MergeException($"the recipe is not valid JSON: {e.Message}");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new MergeException("the recipe must be a JSON object");
            }

            foreach (var property in root.EnumerateObject())
            {
                if (!KnownFields.Contains(property.Name))
                {
                    throw new MergeException($"unknown recipe field '{property.Name}' (known: {string.Join(", ", KnownFields)})");
                }
            }

            var method = ParseMethod(root);
            var inputs = ParseInputs(root, baseDirectory);
            var baseModel = root.TryGetProperty("base", out var b) ? ResolvePath(String(b, "base"), baseDirectory) : null;
            var recipe = new MergeRecipe
            {
                Method = method,
                Inputs = inputs,
                Base = baseModel,
                Alpha = Number(root, "alpha") ?? 1,
                Density = Number(root, "density") ?? 1,
                Lambda = Number(root, "lambda") ?? 1,
                DropProbability = Number(root, "dropProbability") ?? 0,
                Seed = root.TryGetProperty("seed", out var s) ? (s.TryGetUInt64(out var seed) ? seed : throw new MergeException("'seed' must be a whole number ≥ 0")) : 0,
                T = Number(root, "t") ?? 0.5,
                OutputDtype = root.TryGetProperty("outputDtype", out var d) ? ParseDtype(String(d, "outputDtype")) : null,
            };
            recipe.Validate(root);
            return recipe;
        }
    }

    private void Validate(JsonElement root)
    {
        var name = MethodName(Method);
        var needsBase = Method is MergeMethod.AddDifference or MergeMethod.Ties or MergeMethod.Dare;
        if (needsBase && Base is null)
        {
            throw new MergeException($"'{name}' needs a 'base' model{(Method == MergeMethod.AddDifference ? " (C, whose difference from B is added to A)" : " (the model task vectors are taken from)")}");
        }

        if (!needsBase && Base is not null)
        {
            throw new MergeException($"'{name}' takes no 'base' model");
        }

        if (Method is MergeMethod.AddDifference or MergeMethod.Slerp && Inputs.Count != 2)
        {
            throw new MergeException($"'{name}' takes exactly 2 inputs (A and B), got {Inputs.Count}");
        }

        if (Method == MergeMethod.Ties && !root.TryGetProperty("density", out _))
        {
            throw new MergeException("'ties' needs a 'density' in [0, 1]");
        }

        if (Method == MergeMethod.Dare && !root.TryGetProperty("dropProbability", out _))
        {
            throw new MergeException("'dare' needs a 'dropProbability' in [0, 1]");
        }

        InRange(Density, "density");
        InRange(DropProbability, "dropProbability");
        InRange(T, "t");
        if (Method == MergeMethod.WeightedSum && Inputs.Any(i => i.Coefficient < 0))
        {
            throw new MergeException("weighted-sum coefficients must be ≥ 0");
        }

        foreach (var file in Files)
        {
            if (!File.Exists(file))
            {
                throw new MergeException($"input model '{file}' does not exist");
            }
        }
    }

    private static MergeMethod ParseMethod(JsonElement root)
    {
        if (!root.TryGetProperty("method", out var m))
        {
            throw new MergeException("the recipe needs a 'method': weighted-sum, add-difference, ties, dare or slerp");
        }

        var text = String(m, "method");
        foreach (var method in Enum.GetValues<MergeMethod>())
        {
            if (string.Equals(MethodName(method), text, StringComparison.Ordinal))
            {
                return method;
            }
        }

        throw new MergeException($"unknown merge method '{text}': use weighted-sum, add-difference, ties, dare or slerp");
    }

    private static List<MergeInput> ParseInputs(JsonElement root, string baseDirectory)
    {
        if (!root.TryGetProperty("inputs", out var inputs) || inputs.ValueKind != JsonValueKind.Array || inputs.GetArrayLength() == 0)
        {
            throw new MergeException("the recipe needs 'inputs': a non-empty array of paths or {\"path\", \"coefficient\"} objects");
        }

        var list = new List<MergeInput>();
        foreach (var item in inputs.EnumerateArray())
        {
            var index = list.Count;
            if (item.ValueKind == JsonValueKind.String)
            {
                list.Add(new MergeInput(ResolvePath(item.GetString()!, baseDirectory)));
                continue;
            }

            if (item.ValueKind != JsonValueKind.Object || !item.TryGetProperty("path", out var path))
            {
                throw new MergeException($"inputs[{index}] must be a path or an object with a 'path'");
            }

            var coefficient = item.TryGetProperty("coefficient", out var c)
                ? (c.TryGetDouble(out var value) && double.IsFinite(value) ? value : throw new MergeException($"inputs[{index}].coefficient must be a number"))
                : 1;
            list.Add(new MergeInput(ResolvePath(String(path, $"inputs[{index}].path"), baseDirectory), coefficient));
        }

        return list;
    }

    private static SafetensorsDtype ParseDtype(string text) =>
        SafetensorsDtypes.TryParse(text, out var dtype) && dtype is SafetensorsDtype.F16 or SafetensorsDtype.BF16 or SafetensorsDtype.F32
            ? dtype
            : throw new MergeException($"'outputDtype' must be F16, BF16 or F32, not '{text}'");

    private static double? Number(JsonElement root, string name) =>
        !root.TryGetProperty(name, out var e) ? null
        : e.ValueKind == JsonValueKind.Number && e.TryGetDouble(out var value) && double.IsFinite(value) ? value
        : throw new MergeException($"'{name}' must be a number");

    private static string String(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(e.GetString()) ? e.GetString()! : throw new MergeException($"'{name}' must be a non-empty string");

    private static string ResolvePath(string path, string baseDirectory) => Path.GetFullPath(path, baseDirectory);

    private static void InRange(double value, string name)
    {
        if (value is < 0 or > 1)
        {
            throw new MergeException($"'{name}' must be in [0, 1], got {value}");
        }
    }
}
