using System.Text.Json;
using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace Takt.Archive.Ingest.Manifests;

/// <summary>Reads <c>takt.json</c> or <c>takt.yaml</c>; any syntax or shape problem is reported with its position.</summary>
public static class ManifestReader
{
    public const long MaxBytes = 16L << 20;

    private static readonly string[] Names = [ProductionManifest.FileName, ProductionManifest.YamlFileName, "takt.yml"];

    /// <summary>Whether a file is a manifest by its name (manifests describe files; they are not ingested).</summary>
    public static bool IsManifestName(string fileName) => Names.Contains(fileName, StringComparer.Ordinal);

    public static string? Find(string folder)
    {
        foreach (var name in Names)
        {
            var path = Path.Combine(folder, name);
            if (File.Exists(path))
            {
                return path;
            }
        }

        return null;
    }

    public static async Task<ProductionManifest> ReadAsync(string path, CancellationToken cancellationToken)
    {
        var name = Path.GetFileName(path);
        if (new FileInfo(path).Length > MaxBytes)
        {
            throw new IngestInputException($"{name} is larger than {MaxBytes >> 20} MiB; split the production into several manifests");
        }

        var text = await File.ReadAllTextAsync(path, cancellationToken);
        var json = name.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? text : YamlToJson(text, name);
        ProductionManifest? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<ProductionManifest>(json, ProductionManifest.JsonOptions);
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $" at line {line + 1}, position {e.BytePositionInLine + 1}" : "";
            throw new IngestInputException($"{name} is not a valid manifest{where}: {Simplify(e.Message)}", e);
        }

        if (manifest is null)
        {
            throw new IngestInputException($"{name} is empty; it needs at least a \"project\"");
        }

        var problems = Validate(manifest);
        if (problems.Count > 0)
        {
            throw new IngestInputException($"{name} has problems:\n  - " + string.Join("\n  - ", problems));
        }

        return manifest;
    }

    private static List<string> Validate(ProductionManifest manifest)
    {
        var problems = new List<string>();
        if (!Slugs.IsValid(manifest.Project))
        {
            problems.Add($"project '{manifest.Project}' must be a slug: 1-64 lowercase letters, digits, '-' or '_'");
        }

        if (manifest.Tenant is { } tenant && !Slugs.IsValid(tenant))
        {
            problems.Add($"tenant '{tenant}' must be a slug: 1-64 lowercase letters, digits, '-' or '_'");
        }

        foreach (var dup in manifest.Contributors.GroupBy(c => c.Id, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            problems.Add($"contributor id '{dup.Key}' is declared {dup.Count()} times");
        }

        foreach (var bad in manifest.Contributors.Where(c => !Slugs.IsValid(c.Id)))
        {
            problems.Add($"contributor id '{bad.Id}' must be a slug");
        }

        return problems;
    }

    private static string YamlToJson(string yaml, string name)
    {
        try
        {
            var graph = new DeserializerBuilder().WithAttemptingUnquotedStringTypeDeserialization().Build().Deserialize<object?>(yaml);
            return JsonSerializer.Serialize(graph);
        }
        catch (YamlException e)
        {
            throw new IngestInputException($"{name} is not valid YAML at line {e.Start.Line}, column {e.Start.Column}: {e.Message}", e);
        }
    }

    private static string Simplify(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }
}
