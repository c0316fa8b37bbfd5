using System.CommandLine;
using System.Text;
using Spectre.Console;
using Takt.Cli.Hosting;
using Takt.Provenance.Export;

namespace Takt.Cli.Commands;

public static partial class LineageCommand
{
    private static Command Export(GlobalOptions global)
    {
        var node = NodeArgument();
        var tenant = TenantOption();
        var format = new Option<string>("--format") { Description = "prov (W3C PROV-JSON-LD) or openlineage (OpenLineage 2-0-2 run events, one per line)", DefaultValueFactory = _ => "prov" };
        var direction = new Option<string>("--direction") { Description = "up (what the node derives from), down (what derives from it) or both", DefaultValueFactory = _ => "up" };
        var output = new Option<string?>("--output", "-o") { Description = "Write to this file instead of stdout" };
        var command = new Command("export", "Export the lineage around a node in an open vocabulary; the same graph always gives the same bytes") { node, tenant, format, direction, output };
        global.Bind(command, async (result, cli, ct) =>
        {
            var prov = result.GetValue(format) switch
            {
                "prov" or "prov-jsonld" => true,
                "openlineage" => false,
                var other => throw new UserErrorException($"--format '{other}' is not one of prov, openlineage"),
            };
            var way = Enum.TryParse<LineageExportDirection>(result.GetValue(direction), ignoreCase: true, out var parsed) && Enum.IsDefined(parsed)
                ? parsed
                : throw new UserErrorException($"--direction '{result.GetValue(direction)}' is not one of up, down, both");

            var services = await TaktServices.OpenAsync(global.WorkspacePath(result), ct);
            var scope = await LineageArguments.ScopeAsync(services, result.GetValue(tenant), ct);
            var id = await LineageArguments.NodeAsync(services, result.GetValue(node)!, scope, ct);
            var graph = await services.LineageExporter.ReadAsync(id, way, scope, ct) ?? throw new UserErrorException($"no lineage node {id}");

            int Write(Stream stream)
            {
                if (!prov)
                {
                    return OpenLineageEvents.Write(graph, stream);
                }

                ProvJsonLd.Write(graph, stream);
                stream.WriteByte((byte)'\n');
                return 0;
            }

            if (result.GetValue(output) is not { } file)
            {
                using var buffer = new MemoryStream();
                Write(buffer);
                cli.WriteRaw(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
                return ExitCodes.Ok;
            }

            var (events, bytes) = WriteFile(file, Write);
            var name = prov ? "PROV-JSON-LD" : "OpenLineage";
            if (cli.Json)
            {
                cli.WriteJson(new { file = Path.GetFullPath(file), format = prov ? "prov" : "openlineage", direction = way, root = id.Value, nodes = graph.Nodes.Count, edges = graph.Edges.Count, invalidations = graph.Invalidations.Count, events, bytes });
            }
            else
            {
                cli.Line($"Wrote {name} of {graph.Nodes.Count} node(s) and {graph.Edges.Count} edge(s){(prov ? "" : $" as {events} run event(s)")} to [bold]{Markup.Escape(file)}[/]");
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    // Written beside the target and renamed over it, so a crash never leaves half an export.
    private static (int Events, long Bytes) WriteFile(string file, Func<Stream, int> write)
    {
        var full = Path.GetFullPath(file);
        var temp = full + ".tmp";
        try
        {
            int events;
            long bytes;
            using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                events = write(stream);
                stream.Flush(flushToDisk: true);
                bytes = stream.Length;
            }

            File.Move(temp, full, overwrite: true);
            return (events, bytes);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }

            throw new UserErrorException($"cannot write {file}: {e.Message}");
        }
    }
}
