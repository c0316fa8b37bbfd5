using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Takt.Cli.Commands;
using Takt.Cli.Hosting;
using Takt.Engine.Backends;

namespace Takt.Cli;

/// <summary>The <c>takt</c> command line: one subcommand per operation, each with --json.</summary>
public static class TaktCommand
{
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        var global = new GlobalOptions(output, error);
        var root = new RootCommand("Takt: a production archive for anime made with generative AI, that never loses track of whose work went into it.")
        {
            global.Workspace,
            global.Json,
            InitCommand.Create(global),
            DbCommand.Create(global),
            IngestCommand.Create(global),
            AssetsCommand.Create(global),
            ConsentCommand.Create(global),
            AuditCommand.Create(global),
            LineageCommand.Create(global),
            ModelCommand.Create(global),
            DatasetCommand.Create(global),
            RunCommand.Create(global),
            RunsCommand.Create(global),
            BackendsCommand.Create(global),
            OptOutCommand.Create(global),
            LedgerCommand.Create(global),
            SummaryCommand.Create(global),
            SignCommand.Create(global),
            RenderCommand.Create(global),
            TimelineCommand.Create(global),
            VerifyCommand.Create(global),
            DemoCommand.Create(global),
            SiloCommand.Create(global, async (takt, silo, ct) =>
                (await takt.EngineAsync(ct, slots: silo.GetService<IBackendSlots>())).Executor),
        };

        var parsed = root.Parse(args);
        return await parsed.InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, cancellationToken);
    }
}
