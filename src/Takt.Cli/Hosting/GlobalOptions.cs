using System.CommandLine;
using Takt.Archive.Ingest;
using Takt.Archive.Workspaces;
using Takt.Domain.Datasets;
using Takt.Domain.Rights;

namespace Takt.Cli.Hosting;

/// <summary>Options every command takes, and the one place commands turn outcomes into exit codes.</summary>
public sealed class GlobalOptions(TextWriter output, TextWriter error)
{
    public Option<string?> Workspace { get; } = new("--workspace", "-w")
    {
        Description = $"The workspace folder (default: ${Takt.Archive.Workspaces.Workspace.EnvironmentVariable}, else ./.takt)",
        Recursive = true,
    };

    public Option<bool> Json { get; } = new("--json")
    {
        Description = "Write machine-readable JSON to stdout",
        Recursive = true,
    };

    public string WorkspacePath(ParseResult result) => Takt.Archive.Workspaces.Workspace.Locate(result.GetValue(Workspace));

    public CliOutput Output(ParseResult result) =>
        new(output, error, result.GetValue(Json), !System.Console.IsOutputRedirected && ReferenceEquals(output, System.Console.Out));

    /// <summary>Runs a command body: user mistakes exit 1 with what to fix, anything else exits 2.</summary>
    public void Bind(Command command, Func<ParseResult, CliOutput, CancellationToken, Task<int>> body) =>
        command.SetAction(async (result, cancellationToken) =>
        {
            var cli = Output(result);
            try
            {
                return await body(result, cli, cancellationToken);
            }
            catch (Exception e) when (e is UserErrorException or WorkspaceException or IngestInputException or DatasetRecipeException)
            {
                return Fail(cli, e.Message);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                await error.WriteLineAsync("cancelled; nothing half-written was kept");
                return 130;
            }
            catch (Exception e)
            {
                await error.WriteLineAsync($"internal error: {e.GetType().Name}: {e.Message}");
                if (Environment.GetEnvironmentVariable("TAKT_DEBUG") is "1")
                {
                    await error.WriteLineAsync(e.ToString());
                }
                else
                {
                    await error.WriteLineAsync("(set TAKT_DEBUG=1 for the full trace)");
                }

                return ExitCodes.InternalError;
            }
        });

    public static int Fail(CliOutput cli, string message)
    {
        if (cli.Json)
        {
            cli.WriteJson(new { error = message });
        }

        cli.Error.WriteLine($"error: {message}");
        return ExitCodes.UserError;
    }

    public static Purpose ParsePurpose(string text) =>
        Purposes.TryParse(text, out var purpose)
            ? purpose
            : throw new UserErrorException($"unknown purpose '{text}'; use one of {string.Join(", ", Purposes.All.Select(Purposes.Name))}");
}
