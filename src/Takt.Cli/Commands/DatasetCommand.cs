using System.CommandLine;
using Takt.Archive.Datasets;
using Takt.Archive.Rights;
using Takt.Cli.Hosting;
using Takt.Domain.Datasets;

namespace Takt.Cli.Commands;

/// <summary>Consent-filtered training datasets: build from a recipe, list, show, diff, explain an asset, rebuild.</summary>
public static class DatasetCommand
{
    /// <summary>Targets for common base models, so a new base model is one word.</summary>
    public static readonly IReadOnlyDictionary<string, string> Presets = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["sd15"] = """{"resolution": 512, "minBucket": 256, "maxBucket": 1024, "bucketStep": 64}""",
        ["sdxl"] = """{"resolution": 1024, "minBucket": 256, "maxBucket": 2048, "bucketStep": 64}""",
    };

    public static Command Create(GlobalOptions global) =>
        new("dataset", "Training datasets derived from the archive by a recipe, filtered by consent, versioned by the hash of their manifest")
        {
            Build(global), List(global), Show(global), Diff(global), Explain(global), Rebuild(global),
        };

    private static Command Build(GlobalOptions global)
    {
        var recipe = new Argument<string>("recipe")
        {
            Description = "A JSON recipe: {\"name\", \"tenant\" (slug or shared-pool), \"purpose\"?, \"selection\"?: {projects, scenes, cuts, layerKinds, tags}, \"target\": {\"format\": kohya|onetrainer|imagefolder|webdataset|video-clips, …}} (see README)",
        };
        var command = new Command("build", "Build a dataset version: select, filter by consent, derive at the target's buckets, write the trainer's layout") { recipe };
        global.Bind(command, async (result, cli, ct) =>
        {
            var path = result.GetValue(recipe)!;
            if (!File.Exists(path))
            {
                throw new UserErrorException($"recipe '{path}' does not exist");
            }

            var parsed = DatasetRecipe.Parse(await File.ReadAllTextAsync(path, ct));
            var services = await TaktServices.OpenAsync(global.WorkspacePath(result), ct);
            var outcome = await cli.WithProgressAsync($"building {parsed.Name}", report =>
                services.Datasets.BuildAsync(parsed, Path.GetDirectoryName(Path.GetFullPath(path)), null, Reporter(report), ct));
            return DatasetViews.Built(cli, outcome);
        });
        return command;
    }

    private static Command List(GlobalOptions global)
    {
        var name = new Argument<string?>("name") { Description = "Only this dataset's versions", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("list", "Every dataset version, oldest first") { name };
        global.Bind(command, async (result, cli, ct) =>
        {
            var services = await TaktServices.OpenAsync(global.WorkspacePath(result), ct);
            DatasetViews.List(cli, await services.Datasets.ListAsync(result.GetValue(name), ct));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Show(GlobalOptions global)
    {
        var dataset = DatasetArgument("dataset");
        var samples = new Option<bool>("--samples") { Description = "List every sample too" };
        var command = new Command("show", "A version: recipe, counts, where it is, every exclusion with its reasons") { dataset, samples };
        global.Bind(command, async (result, cli, ct) =>
        {
            var services = await TaktServices.OpenAsync(global.WorkspacePath(result), ct);
            var version = await FindAsync(services, result.GetValue(dataset)!, ct);
            var manifest = await services.Datasets.ManifestAsync(version, ct);
            DatasetViews.Show(cli, version, manifest, Path.Combine(services.Workspace.Root, version.Path), result.GetValue(samples));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Diff(GlobalOptions global)
    {
        var from = DatasetArgument("from");
        var to = DatasetArgument("to");
        var command = new Command("diff", "What changed between two versions: samples added, removed, re-derived; exclusions") { from, to };
        global.Bind(command, async (result, cli, ct) =>
        {
            var services = await TaktServices.OpenAsync(global.WorkspacePath(result), ct);
            var a = await FindAsync(services, result.GetValue(from)!, ct);
            var b = await FindAsync(services, result.GetValue(to)!, ct);
            DatasetViews.Diff(cli, await services.Datasets.DiffAsync(a, b, ct));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Explain(GlobalOptions global)
    {
        var asset = new Argument<string>("asset") { Description = "An asset id (or an unambiguous start or end of it)" };
        var dataset = new Option<string?>("--dataset") { Description = "Only this dataset's versions (default: every dataset)" };
        var command = new Command("explain", "Why an asset is in or out of each dataset version") { asset, dataset };
        global.Bind(command, async (result, cli, ct) =>
        {
            var services = await TaktServices.OpenAsync(global.WorkspacePath(result), ct);
            Guid id;
            await using (var db = services.Contexts.Create())
            {
                var (row, problem) = await AssetResolver.FindAsync(db, result.GetValue(asset)!, ct);
                id = row?.Id ?? throw new UserErrorException(problem!);
            }

            DatasetViews.Explain(cli, id, await services.Datasets.ExplainAsync(id, result.GetValue(dataset), ct));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Rebuild(GlobalOptions global)
    {
        var dataset = new Argument<string?>("dataset") { Description = "Only this dataset (default: all)", Arity = ArgumentArity.ZeroOrOne };
        var target = new Option<string?>("--target")
        {
            Description = $"A new target: a preset ({string.Join(", ", Presets.Keys)}), a JSON file, or inline JSON whose fields override the recipe's target. Without it, re-derives every version an opt-out invalidated",
        };
        var command = new Command("rebuild", "Re-derive datasets: for a new target (a new base model), or without the works an opt-out revoked") { dataset, target };
        global.Bind(command, async (result, cli, ct) =>
        {
            var services = await TaktServices.OpenAsync(global.WorkspacePath(result), ct);
            var spec = result.GetValue(target) is { } text ? await TargetJsonAsync(text, ct) : null;
            var rebuilt = await cli.WithProgressAsync("rebuilding", report =>
                services.Datasets.RebuildAsync(result.GetValue(dataset), spec, Reporter(report), ct));
            DatasetViews.Rebuilt(cli, rebuilt, spec is not null);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static async Task<string> TargetJsonAsync(string text, CancellationToken cancellationToken) =>
        Presets.TryGetValue(text, out var preset) ? preset
        : text.TrimStart().StartsWith('{') ? text
        : File.Exists(text) ? await File.ReadAllTextAsync(text, cancellationToken)
        : throw new UserErrorException($"--target '{text}' is not a preset ({string.Join(", ", Presets.Keys)}), a JSON file or inline JSON");

    private static Argument<string> DatasetArgument(string name) =>
        new(name) { Description = "A dataset name (its latest version), name@version, or a version id (6+ characters)" };

    private static async Task<Persistence.Datasets.DatasetVersionRow> FindAsync(TaktServices services, string reference, CancellationToken cancellationToken)
    {
        var (version, problem) = await services.Datasets.FindAsync(reference, cancellationToken);
        return version ?? throw new UserErrorException(problem!);
    }

    private static SyncProgress<DatasetProgress> Reporter(Action<int, int, string> report) =>
        new(p => report(p.Done, p.Total, $"{p.Stage} {p.Current}"));
}
