using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Spectre.Console;
using Takt.Cli.Hosting;
using Takt.Provenance.Lineage;

namespace Takt.Cli.Commands;

/// <summary>How lineage answers read, for people (tables) and for scripts (JSON).</summary>
internal static class LineageViews
{
    private const int ListedPerKind = 10;

    public static async Task<Dictionary<Guid, string>> TenantSlugsAsync(TaktServices services, CancellationToken ct)
    {
        await using var db = services.Contexts.Create();
        return await db.Tenants.AsNoTracking().ToDictionaryAsync(t => t.Id, t => t.Slug, ct);
    }

    public static string Percent(double share) => (share * 100).ToString("0.00", CultureInfo.InvariantCulture) + "%";

    public static object Node(NodeSummary node, IReadOnlyDictionary<Guid, string> slugs) =>
        new { id = node.Id, kind = node.Kind, label = node.Label, tenant = Tenant(node.TenantId, slugs), reference = node.Reference };

    public static object Json(NodeView view, IReadOnlyDictionary<Guid, string> slugs) => new
    {
        node = Node(view.Node, slugs),
        recordedAt = view.RecordedAt,
        attributes = Attributes(view.Attributes),
        parents = view.Parents.Select(p => new { id = p.Node.Id, kind = p.Node.Kind, label = p.Node.Label, tenant = Tenant(p.Node.TenantId, slugs), weight = p.Weight, role = p.Role }),
        children = view.Children.Select(c => Node(c, slugs)),
        childCount = view.ChildCount,
        invalidatedBy = view.InvalidatedBy,
    };

    public static void Write(CliOutput cli, NodeView view, IReadOnlyDictionary<Guid, string> slugs)
    {
        var grid = new Grid().AddColumn().AddColumn();
        void Row(string key, string? value) => grid.AddRow($"[grey]{key}[/]", Markup.Escape(value ?? "-"));
        Row("id", view.Node.Id.ToString("D"));
        Row("kind", view.Node.Kind);
        Row("label", view.Node.Label);
        Row("tenant", Tenant(view.Node.TenantId, slugs));
        Row("reference", view.Node.Reference);
        Row("recorded", view.RecordedAt.ToString("u", CultureInfo.InvariantCulture));
        Row("invalidated by", view.InvalidatedBy.Count == 0 ? null : string.Join(", ", view.InvalidatedBy.Select(r => $"revocation {r:D}")));
        cli.Console.Write(grid);

        // Outside the grid: a long attribute document would widen every row of it.
        if (view.Attributes is { } attributes)
        {
            cli.Line($"[grey]attributes[/]  {Markup.Escape(attributes)}");
        }

        if (view.Parents.Count == 0)
        {
            cli.Line("[grey]No parents: a root of the graph.[/]");
        }
        else
        {
            var parents = new Table().AddColumns(new TableColumn("weight").RightAligned(), new TableColumn("role"), new TableColumn("kind"), new TableColumn("parent"), new TableColumn("id"));
            foreach (var p in view.Parents)
            {
                parents.AddRow(Percent(p.Weight), Markup.Escape(p.Role), Markup.Escape(p.Node.Kind), Markup.Escape(p.Node.Label), p.Node.Id.ToString("D"));
            }

            cli.Console.Write(parents);
        }

        if (view.ChildCount == 0)
        {
            cli.Line("[grey]No children yet.[/]");
            return;
        }

        var children = new Table().AddColumns("kind", "child", "id");
        foreach (var c in view.Children)
        {
            children.AddRow(Markup.Escape(c.Kind), Markup.Escape(c.Label), c.Id.ToString("D"));
        }

        cli.Console.Write(children);
        if (view.ChildCount > view.Children.Count)
        {
            cli.Plain($"…and {view.ChildCount - view.Children.Count} more child(ren)");
        }
    }

    public static object Json(AttributionReport report, IReadOnlyDictionary<Guid, string> slugs) => new
    {
        node = Node(report.Node, slugs),
        by = report.By,
        total = report.Total,
        shares = report.Shares.Select(s => new { id = s.Node.Id, kind = s.Node.Kind, label = s.Node.Label, tenant = Tenant(s.Node.TenantId, slugs), source = s.Source, share = s.Share }),
        tenants = report.Tenants.Select(t => new { tenant = t.Tenant, share = t.Share }),
        paths = report.Paths.Select(p => new { weight = p.Weight, nodes = p.Nodes.Select(n => Node(n, slugs)) }),
    };

    public static void Write(CliOutput cli, AttributionReport report, IReadOnlyDictionary<Guid, string> slugs)
    {
        var by = report.By.ToString().ToLowerInvariant();
        cli.Line($"Attribution of {Markup.Escape(report.Node.Kind)} [bold]{Markup.Escape(report.Node.Label)}[/] ({report.Node.Id:D}) by {by}");
        if (report.By == AttributionGrouping.Tenant)
        {
            var tenants = new Table().AddColumns(new TableColumn("share").RightAligned(), new TableColumn("tenant"));
            foreach (var t in report.Tenants)
            {
                tenants.AddRow(Percent(t.Share), Markup.Escape(t.Tenant));
            }

            cli.Console.Write(tenants);
            cli.Plain($"total {Percent(report.Total)} over {report.Tenants.Count} tenant(s)");
        }
        else
        {
            var shares = new Table().AddColumns(new TableColumn("share").RightAligned(), new TableColumn("source"), new TableColumn("kind"), new TableColumn("name"), new TableColumn("tenant"), new TableColumn("id"));
            foreach (var s in report.Shares)
            {
                shares.AddRow(Percent(s.Share), Markup.Escape(s.Source), Markup.Escape(s.Node.Kind), Markup.Escape(s.Node.Label), Markup.Escape(Tenant(s.Node.TenantId, slugs)), s.Node.Id.ToString("D"));
            }

            cli.Console.Write(shares);
            cli.Plain($"total {Percent(report.Total)} over {report.Shares.Count} source(s)");
        }

        if (report.Paths.Count > 0)
        {
            cli.Line("Heaviest paths:");
            foreach (var path in report.Paths)
            {
                cli.Plain($"  {Percent(path.Weight),8}  {string.Join(" ← ", path.Nodes.Select(n => n.Label))}");
            }
        }
    }

    public static object Json(ImpactReport report, RevocationTargets? revocation, IReadOnlyDictionary<Guid, string> slugs) => new
    {
        revocation = revocation is null ? null : new { id = revocation.Revocation, work = revocation.WorkKey, workTitle = revocation.WorkTitle, effectiveAt = revocation.EffectiveAt },
        targets = report.Targets.Select(t => Node(t, slugs)),
        total = report.Total,
        outsideScope = report.OutsideScope,
        byKind = report.ByKind.ToDictionary(k => k.Key, k => new { count = k.Value.Count, nodes = k.Value.Select(n => Node(n, slugs)) }),
    };

    public static void Write(CliOutput cli, ImpactReport report, RevocationTargets? revocation)
    {
        var what = revocation is not null
            ? $"the revocation of work [bold]{Markup.Escape(revocation.WorkTitle)}[/] ({report.Targets.Count} asset(s))"
            : string.Join(", ", report.Targets.Select(t => $"{Markup.Escape(t.Kind)} [bold]{Markup.Escape(t.Label)}[/]"));
        cli.Line($"Impact of {what}: {report.Total} node(s) downstream");
        if (report.Total > 0)
        {
            var table = new Table().AddColumns(new TableColumn("kind"), new TableColumn("count").RightAligned());
            foreach (var (kind, nodes) in report.ByKind)
            {
                table.AddRow(Markup.Escape(kind), nodes.Count.ToString(CultureInfo.InvariantCulture));
            }

            cli.Console.Write(table);
            foreach (var (kind, nodes) in report.ByKind)
            {
                foreach (var node in nodes.Take(ListedPerKind))
                {
                    cli.Plain($"  {kind,-12}  {node.Id:D}  {node.Label}");
                }

                if (nodes.Count > ListedPerKind)
                {
                    cli.Plain($"  {kind,-12}  …and {nodes.Count - ListedPerKind} more");
                }
            }
        }

        if (report.OutsideScope > 0)
        {
            cli.Line($"[grey]{report.OutsideScope} more node(s) of other tenants are downstream too; they are not shown in this tenant's view.[/]");
        }
    }

    private static string Tenant(Guid? tenant, IReadOnlyDictionary<Guid, string> slugs) =>
        tenant is { } t ? slugs.GetValueOrDefault(t, t.ToString("D")) : "shared-pool";

    private static JsonElement? Attributes(string? text)
    {
        if (text is null)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return JsonSerializer.SerializeToElement(text);
        }
    }
}
