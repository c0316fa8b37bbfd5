using Takt.Cli.Hosting;
using Takt.Domain.Lineage;
using Takt.Provenance.Lineage;

namespace Takt.Cli.Commands;

/// <summary>What every graph command does with its arguments: a node reference or a tenant slug resolved, or a user error.</summary>
internal static class LineageArguments
{
    /// <summary>A node by full id or an unambiguous start or end of one, seen from <paramref name="tenant"/> (null: everything).</summary>
    public static async Task<LineageNodeId> NodeAsync(TaktServices services, string reference, Guid? tenant, CancellationToken ct)
    {
        var (node, problem) = await services.LineageLookup.NodeAsync(reference, tenant, ct);
        return node ?? throw new UserErrorException(problem!);
    }

    /// <summary>The tenant a question is asked as; null (no slug) is the operator's view of everything.</summary>
    public static async Task<Guid?> ScopeAsync(TaktServices services, string? slug, CancellationToken ct)
    {
        var (tenant, problem) = await services.LineageLookup.TenantAsync(slug, ct);
        return problem is null ? tenant : throw new UserErrorException(problem);
    }

    /// <summary>A node's page, as JSON or as a table.</summary>
    public static async Task WriteNodeAsync(CliOutput cli, TaktServices services, NodeView view, CancellationToken ct)
    {
        var slugs = await LineageViews.TenantSlugsAsync(services, ct);
        if (cli.Json)
        {
            cli.WriteJson(LineageViews.Json(view, slugs));
        }
        else
        {
            LineageViews.Write(cli, view, slugs);
        }
    }
}
