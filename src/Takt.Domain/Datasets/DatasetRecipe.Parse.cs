using System.Text.Json;
using Takt.Domain.Archive;
using Takt.Domain.Rights;

namespace Takt.Domain.Datasets;

public sealed partial record DatasetRecipe
{
    private static readonly string[] RecipeFields = ["name", "tenant", "purpose", "selection", "target"];
    private static readonly string[] SelectionFields = ["projects", "scenes", "cuts", "layerKinds", "tags"];

    /// <summary>
    /// Parses a recipe. Unknown fields are errors (a typo must not fall back to a default), and the
    /// target is checked against what its format can express; every message names the field.
    /// </summary>
    public static DatasetRecipe Parse(string json)
    {
        using var document = ParseDocument(json, "the recipe");
        var root = document.RootElement;
        Object(root, "recipe", RecipeFields);
        var name = Text(root, "name") ?? throw new DatasetRecipeException("'name' is required");
        if (name.Length is 0 or > 64 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            throw new DatasetRecipeException($"'name' must be 1–64 letters, digits, '-' or '_' (got '{name}')");
        }

        var purpose = Purpose.GenerativeTraining;
        if (Text(root, "purpose") is { } p && !Purposes.TryParse(p, out purpose))
        {
            throw new DatasetRecipeException($"'purpose' '{p}' is not one of {string.Join(", ", Purposes.All.Select(Purposes.Name))}");
        }

        if (!root.TryGetProperty("target", out var target))
        {
            throw new DatasetRecipeException($"'target' is required (an object with at least \"format\": one of {string.Join(", ", DatasetFormats.Names)})");
        }

        var tenant = Text(root, "tenant") ?? throw new DatasetRecipeException("'tenant' is required (a tenant slug, or \"shared-pool\")");
        if (string.IsNullOrWhiteSpace(tenant))
        {
            throw new DatasetRecipeException("'tenant' must not be empty (a tenant slug, or \"shared-pool\")");
        }

        var recipe = new DatasetRecipe
        {
            Name = name,
            Tenant = tenant,
            Purpose = purpose,
            Selection = ParseSelection(root),
            Target = TargetSpecs.Apply(null, target),
        };
        TargetSpecs.Check(recipe.Target);
        return recipe;
    }

    /// <summary>The same recipe with a new target: fields given override the current ones.</summary>
    public DatasetRecipe Retarget(string targetJson)
    {
        using var document = ParseDocument(targetJson, "the target");
        var target = TargetSpecs.Apply(Target, document.RootElement);
        TargetSpecs.Check(target);
        return this with { Target = target };
    }

    internal static JsonDocument ParseDocument(string json, string what)
    {
        try
        {
            return JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new DatasetRecipeException($"{what} is not valid JSON: {e.Message}");
        }
    }

    private static DatasetSelection ParseSelection(JsonElement root)
    {
        if (!root.TryGetProperty("selection", out var selection))
        {
            return new DatasetSelection();
        }

        Object(selection, "selection", SelectionFields);
        var kinds = List(selection, "layerKinds");
        foreach (var kind in kinds)
        {
            if (!LayerKinds.TryParse(kind, out _))
            {
                throw new DatasetRecipeException($"'selection.layerKinds': '{kind}' is not a layer kind ({string.Join(", ", LayerKinds.CanonicalNames)})");
            }
        }

        return new DatasetSelection
        {
            Projects = List(selection, "projects"),
            Scenes = List(selection, "scenes"),
            Cuts = List(selection, "cuts"),
            // Sorted and deduplicated after canonicalising, so "genga" and "key" are one kind and
            // equivalent recipes write the same canonical JSON.
            LayerKinds = kinds.Select(k => LayerKinds.TryParse(k, out var kind) ? LayerKinds.Name(kind) : k).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray(),
            Tags = List(selection, "tags"),
        };
    }

    internal static void Object(JsonElement element, string path, IReadOnlyCollection<string> known)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new DatasetRecipeException($"'{path}' must be a JSON object");
        }

        foreach (var property in element.EnumerateObject())
        {
            if (!known.Contains(property.Name))
            {
                throw new DatasetRecipeException($"unknown field '{path}.{property.Name}' (known: {string.Join(", ", known)})");
            }
        }
    }

    internal static string? Text(JsonElement element, string name, string path = "") =>
        !element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null ? null
        : value.ValueKind == JsonValueKind.String ? value.GetString()
        : throw new DatasetRecipeException($"'{path}{name}' must be a string");

    private static string[] List(JsonElement element, string name)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        if (value.ValueKind == JsonValueKind.String)
        {
            return [value.GetString()!];
        }

        if (value.ValueKind != JsonValueKind.Array || value.EnumerateArray().Any(v => v.ValueKind != JsonValueKind.String))
        {
            throw new DatasetRecipeException($"'selection.{name}' must be a string or a list of strings");
        }

        return value.EnumerateArray().Select(v => v.GetString()!).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
    }
}
