using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Takt.Cli.Hosting;
using Takt.Engine.Backends;

namespace Takt.Cli.Commands;

/// <summary><c>takt backends add|list|test|remove</c>: where nodes run, how many at once, with which capabilities.</summary>
public static class BackendsCommand
{
    public static Command Create(GlobalOptions global) =>
        new("backends", "Backends that run workflow nodes: the built-in one, ComfyUI servers, hosted video APIs")
        {
            Add(global), List(global), Test(global), Remove(global),
        };

    private static Command Add(GlobalOptions global)
    {
        var name = new Argument<string>("name") { Description = "A name for it, e.g. comfy-gpu1" };
        var kind = new Option<string>("--kind") { Description = $"One of {string.Join(", ", BackendRegistry.Kinds)}", Required = true };
        var endpoint = new Option<string?>("--endpoint") { Description = "Its base URL (ComfyUI: http://host:8188; hosted APIs default to the provider's)" };
        var capacity = new Option<int>("--capacity") { Description = "Nodes it runs at once", DefaultValueFactory = _ => 1 };
        var settings = new Option<string[]>("--setting") { Description = "key=value, e.g. templates=./comfy-templates or model=sora-2" };
        var secret = new Option<string?>("--secret") { Description = "The name of its API key, resolved from TAKT_SECRET_<NAME> or the workspace's secrets.json (never stored here)" };
        var replace = new Option<bool>("--replace") { Description = "Change an existing backend of that name" };
        var command = new Command("add", "Register a backend") { name, kind, endpoint, capacity, settings, secret, replace };
        global.Bind(command, async (result, cli, ct) =>
        {
            var services = await TaktServices.OpenAsync(global.WorkspacePath(result), ct);
            var pairs = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var pair in result.GetValue(settings) ?? [])
            {
                var equals = pair.IndexOf('=', StringComparison.Ordinal);
                if (equals <= 0)
                {
                    throw new UserErrorException($"--setting '{pair}' is not key=value");
                }

                // Folders are kept absolute: later commands run from anywhere.
                pairs[pair[..equals]] = pair[..equals] == "templates" ? Path.GetFullPath(pair[(equals + 1)..]) : pair[(equals + 1)..];
            }

            Uri? uri = null;
            if (result.GetValue(endpoint) is { } text && !Uri.TryCreate(text, UriKind.Absolute, out uri))
            {
                throw new UserErrorException($"--endpoint '{text}' is not an absolute URL");
            }

            var config = new BackendConfig(result.GetValue(name)!, result.GetValue(kind)!, uri, result.GetValue(capacity), pairs, result.GetValue(secret));
            if (await services.BackendRegistry.AddAsync(config, result.GetValue(replace), ct) is { } problem)
            {
                throw new UserErrorException(problem);
            }

            if (cli.Json)
            {
                cli.WriteJson(new { added = config.Name, kind = config.Kind });
            }
            else
            {
                cli.Line($"Added backend [bold]{Markup.Escape(config.Name)}[/] ({Markup.Escape(config.Kind)}); check it with: takt backends test {Markup.Escape(config.Name)}");
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command List(GlobalOptions global)
    {
        var command = new Command("list", "Every backend with its capacity, capabilities and node types");
        global.Bind(command, async (result, cli, ct) =>
        {
            var services = await TaktServices.OpenAsync(global.WorkspacePath(result), ct);
            using var engine = await services.EngineAsync(ct);
            var configs = (await services.BackendRegistry.ListAsync(ct)).ToDictionary(c => c.Name, StringComparer.Ordinal);
            var rows = engine.Backends.Backends.Select(b => new
            {
                name = b.Name,
                kind = b.Kind,
                capacity = b.Capacity,
                endpoint = configs.GetValueOrDefault(b.Name)?.Endpoint?.ToString(),
                secret = configs.GetValueOrDefault(b.Name)?.SecretName,
                capabilities = b.Capabilities.Order(StringComparer.Ordinal).ToList(),
                nodeTypes = b.NodeTypes.Select(t => t.Key).Order(StringComparer.Ordinal).ToList(),
            }).ToList();
            if (cli.Json)
            {
                cli.WriteJson(rows);
                return ExitCodes.Ok;
            }

            var table = new Table().AddColumns("backend", "kind", "capacity", "endpoint", "node types");
            foreach (var r in rows)
            {
                table.AddRow(Markup.Escape(r.name), Markup.Escape(r.kind), r.capacity.ToString(CultureInfo.InvariantCulture), Markup.Escape(r.endpoint ?? ""), Markup.Escape(string.Join(", ", r.nodeTypes)));
            }

            cli.Console.Write(table);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Test(GlobalOptions global)
    {
        var name = new Argument<string?>("name") { Description = "One backend (default: all)", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("test", "Check that backends answer: version, devices, whether their node types can run") { name };
        global.Bind(command, async (result, cli, ct) =>
        {
            var services = await TaktServices.OpenAsync(global.WorkspacePath(result), ct);
            using var engine = await services.EngineAsync(ct);
            var wanted = result.GetValue(name);
            var backends = engine.Backends.Backends.Where(b => wanted is null || b.Name == wanted).ToList();
            if (backends.Count == 0)
            {
                throw new UserErrorException($"no backend '{wanted}' (see takt backends list)");
            }

            var results = new List<(string Name, BackendHealth Health)>();
            foreach (var backend in backends)
            {
                BackendHealth health;
                try
                {
                    health = backend is IBackendProbe probe ? await probe.TestAsync(ct) : new BackendHealth(true, backend.Kind, [$"{backend.NodeTypes.Count} node type(s)"]);
                }
                catch (BackendException e)
                {
                    health = new BackendHealth(false, backend.Kind, [e.Message]);
                }

                results.Add((backend.Name, health));
            }

            if (cli.Json)
            {
                cli.WriteJson(results.Select(r => new { name = r.Name, ok = r.Health.Ok, version = r.Health.Version, details = r.Health.Details }));
            }
            else
            {
                foreach (var (backend, health) in results)
                {
                    cli.Line($"{(health.Ok ? "[green]ok[/]  " : "[red]FAIL[/]")} {Markup.Escape(backend)} ({Markup.Escape(health.Version)})");
                    foreach (var line in health.Details)
                    {
                        cli.Line($"      {Markup.Escape(line)}");
                    }
                }
            }

            return results.All(r => r.Health.Ok) ? ExitCodes.Ok : ExitCodes.UserError;
        });
        return command;
    }

    private static Command Remove(GlobalOptions global)
    {
        var name = new Argument<string>("name");
        var command = new Command("remove", "Forget a backend (its past runs keep naming it)") { name };
        global.Bind(command, async (result, cli, ct) =>
        {
            var services = await TaktServices.OpenAsync(global.WorkspacePath(result), ct);
            if (!await services.BackendRegistry.RemoveAsync(result.GetValue(name)!, ct))
            {
                throw new UserErrorException($"no backend '{result.GetValue(name)}'");
            }

            cli.Line($"Removed backend {Markup.Escape(result.GetValue(name)!)}");
            return ExitCodes.Ok;
        });
        return command;
    }
}
