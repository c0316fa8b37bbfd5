using Microsoft.EntityFrameworkCore;
using Spectre.Console;
using Takt.Cli.Hosting;
using Takt.Domain.Lineage;
using Takt.Provenance.Demo;
using Takt.Provenance.Lineage;

namespace Takt.Cli.Commands;

/// <summary>The demo's lineage story: the recorded pipeline, then, after the opt-out, who the release comes from and what the withdrawn work reached.</summary>
internal static class DemoLineageView
{
    public static void WriteRecorded(CliOutput cli, DemoLineageRecord record)
    {
        if (!record.RecordedNow)
        {
            cli.Line($"[grey]Lineage: the demo pipeline is already in the graph ({record.Steps.Count} nodes).[/]");
            return;
        }

        cli.Line($"[blue]Lineage:[/] recorded the demo pipeline ({record.Steps.Count} nodes): a dataset of {record.DatasetMembers} asset(s) allowed for generative training now"
            + (record.Excluded.Count == 0 ? "" : $", {record.Excluded.Count} left out"));
        foreach (var excluded in record.Excluded)
        {
            cli.Line($"  [grey]left out: {Markup.Escape(excluded)}[/]");
        }

        foreach (var step in record.Steps)
        {
            cli.Line($"  {LineageNodeKinds.Name(step.Kind),-12} {Markup.Escape(step.Label)} [grey]{step.Id}[/]");
        }
    }

    /// <summary>The attribution of the pipeline's release, and the impact of the revoked work.</summary>
    public static async Task<(object Attribution, object Impact)> AfterRevocationAsync(TaktServices services, DemoLineageRecord record, string tenant, string workKey, CliOutput cli, CancellationToken ct)
    {
        var product = record.Find("product");
        var attribution = await services.LineageQueries.AttributeAsync(product.Id, AttributionGrouping.Contributor, explain: 3, tenant: null, ct)
            ?? throw new InvalidOperationException($"the demo product {product.Id} is not in the lineage graph");

        await using var db = services.Contexts.Create();
        var revocation = await (from r in db.Revocations.AsNoTracking()
                                join w in db.Works on r.WorkId equals w.Id
                                join t in db.Tenants on r.TenantId equals t.Id
                                where t.Slug == tenant && w.Key == workKey
                                orderby r.RecordedAt
                                select r.Id).FirstAsync(ct);
        var (targets, problem) = await services.LineageLookup.RevocationAsync(revocation.ToString("D"), null, ct);
        var impact = await services.LineageQueries.ImpactAsync(targets?.Assets ?? throw new InvalidOperationException(problem), null, ct)
            ?? throw new InvalidOperationException($"the assets of work {workKey} are not in the lineage graph");

        if (!cli.Json)
        {
            cli.Line();
            cli.Line($"[blue]Attribution[/] of [bold]{Markup.Escape(product.Label)}[/] (sum over every path of the product of edge weights):");
            var table = new Table().AddColumns(new TableColumn("share").RightAligned(), new TableColumn("source"), new TableColumn("name"));
            foreach (var share in attribution.Shares)
            {
                table.AddRow(LineageViews.Percent(share.Share), Markup.Escape(share.Source), Markup.Escape(share.Node.Label));
            }

            cli.Console.Write(table);
            cli.Plain($"total {LineageViews.Percent(attribution.Total)}");
            cli.Line($"[blue]Impact[/] of the withdrawn work [bold]{Markup.Escape(targets.WorkTitle)}[/]: {impact.Total} node(s) downstream — "
                + string.Join(", ", impact.ByKind.Select(k => $"{k.Value.Count} {Markup.Escape(k.Key)}")));
            cli.Line($"[grey]Try: ./takt lineage attribution {product.Id} --explain 5, ./takt lineage impact --revocation {revocation:D}, ./takt lineage export {product.Id}[/]");
        }

        return (
            new
            {
                product = product.Id.Value,
                label = product.Label,
                total = attribution.Total,
                shares = attribution.Shares.Select(s => new { id = s.Node.Id, label = s.Node.Label, kind = s.Node.Kind, source = s.Source, share = s.Share }),
            },
            new
            {
                revocation,
                work = targets.WorkKey,
                total = impact.Total,
                byKind = impact.ByKind.ToDictionary(k => k.Key, k => k.Value.Count),
            });
    }

    public static object Json(DemoLineageRecord record, (object Attribution, object Impact) answers) => new
    {
        recordedNow = record.RecordedNow,
        datasetMembers = record.DatasetMembers,
        excluded = record.Excluded,
        nodes = record.Steps.Select(s => new { step = s.Step, id = s.Id.Value, kind = LineageNodeKinds.Name(s.Kind), label = s.Label }),
        attribution = answers.Attribution,
        impact = answers.Impact,
    };
}
