using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Takt.Cli.Hosting;
using Takt.Domain.Lineage;
using Takt.Engine.Models;
using Takt.Engine.Models.Merging;
using Takt.Engine.Models.Safetensors;

namespace Takt.Cli.Commands;

/// <summary>Models in the lineage graph: register checkpoints and LoRAs with their origin, show one, merge from a recipe.</summary>
public static class ModelCommand
{
    public static Command Create(GlobalOptions global) =>
        new("model", "Register, show and merge models (safetensors), each a lineage node identified by its data hash") { Register(global), Show(global), Merge(global) };

    private static Option<string?> TenantOption() => new("--tenant")
    {
        Description = $"The owning tenant's slug (default: {ModelRegistry.SharedPool}, the shared common pool)",
    };

    private static Command Register(GlobalOptions global)
    {
        var file = new Argument<string>("file") { Description = "A .safetensors checkpoint or LoRA" };
        var tenant = TenantOption();
        var label = new Option<string?>("--label") { Description = "What to call it (default: the file name)" };
        var trainedOn = new Option<string[]>("--trained-on") { Description = "A training run node that produced it (repeatable); none records an unknown origin", AllowMultipleArgumentsPerToken = false };
        var command = new Command("register", "Record a model file as a lineage node; the same data in a tenant is recorded once") { file, tenant, label, trainedOn };
        global.Bind(command, async (result, cli, ct) =>
        {
            var services = await TaktServices.OpenAsync(global.WorkspacePath(result), ct);
            var runs = new List<LineageNodeId>();
            foreach (var reference in result.GetValue(trainedOn) ?? [])
            {
                runs.Add(await LineageArguments.NodeAsync(services, reference, null, ct));
            }

            var outcome = await services.Models.RegisterAsync(result.GetValue(file)!, result.GetValue(tenant), result.GetValue(label), runs, ct);
            var registration = outcome.Value ?? throw new UserErrorException(outcome.Problem!);
            return Registered(cli, registration, runs.Count == 0 ? "unknown origin" : $"trained by {runs.Count} run(s)");
        });
        return command;
    }

    private static Command Show(GlobalOptions global)
    {
        var model = new Argument<string>("model") { Description = "A model's lineage node id (or enough of it), or a .safetensors file" };
        var tenant = TenantOption();
        var command = new Command("show", "A model's node: attributes, parents with weights and roles, children") { model, tenant };
        global.Bind(command, async (result, cli, ct) =>
        {
            var services = await TaktServices.OpenAsync(global.WorkspacePath(result), ct);
            var text = result.GetValue(model)!;
            LineageNodeId id;
            if (File.Exists(text))
            {
                var (owner, problem) = await services.Models.TenantAsync(result.GetValue(tenant), ct);
                if (problem is not null)
                {
                    throw new UserErrorException(problem);
                }

                using var file = OpenModel(text);
                var hash = await file.DataHashAsync(ct);
                id = await services.Models.FindAsync(hash, owner, ct)
                    ?? throw new UserErrorException($"'{text}' (sha256:{hash}) is not registered; run 'takt model register {text}'");
            }
            else
            {
                id = await LineageArguments.NodeAsync(services, text, null, ct);
            }

            var view = await services.LineageQueries.ShowAsync(id, null, ct) ?? throw new UserErrorException($"no lineage node {id}");
            if (!string.Equals(view.Node.Kind, LineageNodeKinds.Name(LineageNodeKind.Model), StringComparison.Ordinal))
            {
                throw new UserErrorException($"{id} is a {view.Node.Kind}, not a model");
            }

            await LineageArguments.WriteNodeAsync(cli, services, view, ct);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Merge(GlobalOptions global)
    {
        var recipe = new Argument<string>("recipe") { Description = "A JSON recipe: {\"method\": \"weighted-sum|add-difference|ties|dare|slerp\", \"inputs\": [{\"path\", \"coefficient\"}], \"base\"?, \"alpha\"?, \"density\"?, \"lambda\"?, \"dropProbability\"?, \"seed\"?, \"t\"?, \"outputDtype\"?}" };
        var output = new Option<string>("--output", "-o") { Description = "The merged .safetensors file to write", Required = true };
        var tenant = TenantOption();
        var label = new Option<string?>("--label") { Description = "What to call the merge (default: the output file name)" };
        var command = new Command("merge", "Merge registered models tensor by tensor and record the result as a lineage node") { recipe, output, tenant, label };
        global.Bind(command, async (result, cli, ct) =>
        {
            MergeRecipe parsed;
            try
            {
                parsed = await MergeRecipe.LoadAsync(result.GetValue(recipe)!, ct);
            }
            catch (MergeException e)
            {
                throw new UserErrorException(e.Message);
            }

            var services = await TaktServices.OpenAsync(global.WorkspacePath(result), ct);
            var (owner, tenantProblem) = await services.Models.TenantAsync(result.GetValue(tenant), ct);
            if (tenantProblem is not null)
            {
                throw new UserErrorException(tenantProblem);
            }

            // Inputs must be registered before any work: a merge nobody can attribute is not written.
            // The hashes are handed to the merger so no input is read in full twice.
            var hashes = new List<string>(parsed.Files.Count);
            for (var i = 0; i < parsed.Files.Count; i++)
            {
                using var file = OpenModel(parsed.Files[i]);
                var hash = await file.DataHashAsync(ct);
                hashes.Add(hash);
                if (await services.Models.FindAsync(hash, owner, ct) is null && await services.Models.FindAsync(hash, null, ct) is null)
                {
                    throw new UserErrorException($"input model '{parsed.Files[i]}' is not registered; run 'takt model register {parsed.Files[i]}' first");
                }
            }

            var path = result.GetValue(output)!;
            MergeResult merged;
            try
            {
                merged = await cli.WithProgressAsync("merging", report =>
                    SafetensorsMerger.MergeAsync(parsed, path, hashes, new SyncProgress<MergeProgress>(p => report(p.TensorsWritten, p.TensorCount, "")), ct));
            }
            catch (MergeException e)
            {
                throw new UserErrorException(e.Message);
            }

            var outcome = await services.Models.RecordMergeAsync(parsed, merged, result.GetValue(tenant), result.GetValue(label), ct);
            var registration = outcome.Value ?? throw new UserErrorException(outcome.Problem!);
            if (cli.Json)
            {
                cli.WriteJson(new
                {
                    node = registration.Node.Value,
                    output = merged.OutputPath,
                    dataHash = merged.DataHash,
                    method = MergeRecipe.MethodName(parsed.Method),
                    parameters = merged.ParameterCount,
                    tensors = merged.TensorCount,
                    keptFractions = merged.KeptFractions,
                    alreadyRegistered = registration.AlreadyRegistered,
                });
                return ExitCodes.Ok;
            }

            cli.Line($"Merged {merged.TensorCount} tensors ({merged.ParameterCount.ToString("N0", CultureInfo.InvariantCulture)} parameters) with {MergeRecipe.MethodName(parsed.Method)} into {Markup.Escape(merged.OutputPath)}");
            return Registered(cli, registration, "merge");
        });
        return command;
    }

    private static SafetensorsFile OpenModel(string path)
    {
        try
        {
            return SafetensorsFile.Open(path);
        }
        catch (Exception e) when (e is SafetensorsFormatException or FileNotFoundException or UnauthorizedAccessException)
        {
            throw new UserErrorException($"cannot read model '{path}': {e.Message}");
        }
    }

    private static int Registered(CliOutput cli, ModelRegistration registration, string origin)
    {
        if (cli.Json)
        {
            cli.WriteJson(new { node = registration.Node.Value, label = registration.Label, dataHash = registration.DataHash, alreadyRegistered = registration.AlreadyRegistered });
            return ExitCodes.Ok;
        }

        cli.Line(registration.AlreadyRegistered
            ? $"Already registered: {registration.Node}  {Markup.Escape(registration.Label)}  sha256:{registration.DataHash}"
            : $"Registered {registration.Node}  {Markup.Escape(registration.Label)}  sha256:{registration.DataHash} ({Markup.Escape(origin)})");
        return ExitCodes.Ok;
    }
}
