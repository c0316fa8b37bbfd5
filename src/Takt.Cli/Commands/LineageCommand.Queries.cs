using System.CommandLine;
using Takt.Cli.Hosting;
using Takt.Domain.Lineage;
using Takt.Provenance.Lineage;

namespace Takt.Cli.Commands;

public static partial class LineageCommand
{
    private static Command Show(GlobalOptions global)
    {
        var node = NodeArgument();
        var tenant = TenantOption();
        var command = new Command("show", "A node: what it is, its parents with weights and roles, its children") { node, tenant };
        global.Bind(command, async (result, cli, ct) =>
        {
            var services = await TaktServices.OpenAsync(global.WorkspacePath(result), ct);
            var scope = await LineageArguments.ScopeAsync(services, result.GetValue(tenant), ct);
            var id = await LineageArguments.NodeAsync(services, result.GetValue(node)!, scope, ct);
            var view = await services.LineageQueries.ShowAsync(id, scope, ct) ?? throw new UserErrorException($"no lineage node {id}");
            await LineageArguments.WriteNodeAsync(cli, services, view, ct);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Attribution(GlobalOptions global)
    {
        var node = NodeArgument();
        var tenant = TenantOption();
        var by = new Option<string>("--by") { Description = "Group shares by contributor (the roots), asset, or tenant", DefaultValueFactory = _ => "contributor" };
        var explain = new Option<int>("--explain") { Description = "Also show the N heaviest paths from the node to its sources" };
        var command = new Command("attribution", "Who a node comes from: each source's share, summing to 100%") { node, tenant, by, explain };
        global.Bind(command, async (result, cli, ct) =>
        {
            if (!Enum.TryParse<AttributionGrouping>(result.GetValue(by), ignoreCase: true, out var grouping) || !Enum.IsDefined(grouping))
            {
                throw new UserErrorException($"--by '{result.GetValue(by)}' is not one of contributor, asset, tenant");
            }

            if (result.GetValue(explain) is < 0 or > 100)
            {
                throw new UserErrorException("--explain must be between 0 and 100");
            }

            var services = await TaktServices.OpenAsync(global.WorkspacePath(result), ct);
            var scope = await LineageArguments.ScopeAsync(services, result.GetValue(tenant), ct);
            var id = await LineageArguments.NodeAsync(services, result.GetValue(node)!, scope, ct);
            var report = await services.LineageQueries.AttributeAsync(id, grouping, result.GetValue(explain), scope, ct)
                ?? throw new UserErrorException($"no lineage node {id}");
            var slugs = await LineageViews.TenantSlugsAsync(services, ct);
            if (cli.Json)
            {
                cli.WriteJson(LineageViews.Json(report, slugs));
            }
            else
            {
                LineageViews.Write(cli, report, slugs);
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Impact(GlobalOptions global)
    {
        var target = new Argument<string?>("target")
        {
            Description = "An asset (or any node) id or its first or last characters, or a contributor's key",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var revocation = new Option<string?>("--revocation") { Description = "Start from a consent revocation: everything derived from its work's assets" };
        var tenant = TenantOption();
        var command = new Command("impact", "Everything downstream of an asset, a contributor or a revocation, by kind: what an opt-out touches") { target, revocation, tenant };
        global.Bind(command, async (result, cli, ct) =>
        {
            var (text, revoked) = (result.GetValue(target), result.GetValue(revocation));
            if ((text is null) == (revoked is null))
            {
                throw new UserErrorException("give one of: a node id, a contributor key, or --revocation ID");
            }

            var services = await TaktServices.OpenAsync(global.WorkspacePath(result), ct);
            var scope = await LineageArguments.ScopeAsync(services, result.GetValue(tenant), ct);
            RevocationTargets? from = null;
            IReadOnlyList<LineageNodeId> starts;
            if (revoked is not null)
            {
                var (found, problem) = await services.LineageLookup.RevocationAsync(revoked, scope, ct);
                from = found ?? throw new UserErrorException(problem!);
                starts = from.Assets.Count > 0 ? from.Assets
                    : throw new UserErrorException($"the assets of work {from.WorkKey} are not in the lineage graph yet: run 'takt lineage sync'");
            }
            else
            {
                starts = [await TargetAsync(services, text!, scope, ct)];
            }

            var report = await services.LineageQueries.ImpactAsync(starts, scope, ct) ?? throw new UserErrorException("nothing to start from in this tenant's view");
            var slugs = await LineageViews.TenantSlugsAsync(services, ct);
            if (cli.Json)
            {
                cli.WriteJson(LineageViews.Json(report, from, slugs));
            }
            else
            {
                LineageViews.Write(cli, report, from);
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    // A node id first; anything else, or an id that matches no node, may be a contributor's key.
    private static async Task<LineageNodeId> TargetAsync(TaktServices services, string text, Guid? scope, CancellationToken ct)
    {
        var (node, nodeProblem) = await services.LineageLookup.NodeAsync(text, scope, ct);
        if (node is { } found)
        {
            return found;
        }

        var (contributor, keyProblem) = await services.LineageLookup.ContributorAsync(text, scope, ct);
        return contributor ?? throw new UserErrorException(
            Guid.TryParse(text, out _) || (LineageLookup.LooksLikeId(text.Trim().ToLowerInvariant()) && keyProblem!.StartsWith("no contributor", StringComparison.Ordinal))
                ? nodeProblem!
                : keyProblem!);
    }
}
