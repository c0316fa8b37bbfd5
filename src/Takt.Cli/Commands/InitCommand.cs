using System.CommandLine;
using Spectre.Console;
using Takt.Archive.Workspaces;
using Takt.Cli.Hosting;

namespace Takt.Cli.Commands;

public static class InitCommand
{
    public static Command Create(GlobalOptions global)
    {
        var postgres = new Option<string?>("--postgres") { Description = "Use PostgreSQL at this connection string instead of the embedded SQLite file (or set TAKT_POSTGRES later)" };
        var command = new Command("init", "Create a workspace: a folder holding the database and the content-addressed blobs") { postgres };
        global.Bind(command, async (result, cli, ct) =>
        {
            var root = global.WorkspacePath(result);
            var connection = result.GetValue(postgres);
            var config = new WorkspaceConfig { Provider = connection is null ? "sqlite" : "postgresql", ConnectionString = connection };
            var (_, created) = await Workspace.InitAsync(root, config, ct);
            var services = await TaktServices.OpenAsync(root, ct, requireCurrentSchema: false);
            var applied = await services.MigrateAsync(ct);
            var keys = new Takt.Provenance.C2pa.Signing.WorkspaceSigning(root);
            var madeKeys = await keys.EnsureDevelopmentCaAsync($"Takt workspace {Path.GetFileName(root)}", TimeProvider.System, ct);
            if (cli.Json)
            {
                cli.WriteJson(new { workspace = root, created, provider = services.Workspace.Config.Provider, migrationsApplied = applied, signingKeys = keys.KeysPath, signingKeysCreated = madeKeys });
            }
            else
            {
                cli.Line(created ? $"Created workspace [bold]{Markup.Escape(root)}[/] ({services.Workspace.Config.Provider})" : $"Workspace [bold]{Markup.Escape(root)}[/] already exists; schema is up to date");
                if (madeKeys)
                {
                    cli.Line($"Made a development CA for signing in {Markup.Escape(keys.KeysPath)} (trust anchor: {Markup.Escape(keys.TrustAnchorsPath)})");
                }
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
