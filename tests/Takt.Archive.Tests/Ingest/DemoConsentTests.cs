using Microsoft.EntityFrameworkCore;
using Takt.Domain.Consent;
using Takt.Domain.Rights;

namespace Takt.Archive.Tests.Ingest;

/// <summary>Consent changes on the ingested demo; a fixture of its own, since these tests write.</summary>
public sealed class DemoConsentTests(DemoIngestFixture demo) : IClassFixture<DemoIngestFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Revoke_MeisCharacterSheet_ExplainDeniesWithDeadlineFromTenantPolicy()
    {
        var consent = demo.Harness.Consent;
        var asset = await AssetAsync("chars/hana.ora");
        var before = await consent.ExplainAsync(asset, Purpose.GenerativeTraining, null, null, Ct);
        Assert.True(before.Value!.Decision.IsAllowed, string.Join("; ", before.Value.Decision.Reasons.Select(r => r.Describe())));

        var revoked = await consent.RevokeAsync(asset, [Purpose.GenerativeTraining], "the artist withdrew consent", null, Ct);
        var after = await consent.ExplainAsync(asset, Purpose.GenerativeTraining, null, null, Ct);

        Assert.Null(revoked.Problem);
        Assert.Equal(demo.Summary.RevokeWorkKey, revoked.Work!.Key);
        var days = after.Value!.Owner.RemovalDeadlineDays;
        Assert.Equal(revoked.Value!.EffectiveAt.AddDays(days), revoked.Value.RemovalDeadline);
        Assert.False(after.Value.Decision.IsAllowed);
        var reason = Assert.IsType<Revoked>(Assert.Single(after.Value.Decision.Reasons, r => r.Code == "revoked"));
        Assert.Equal(revoked.Value.EffectiveAt, reason.EffectiveAt);
        Assert.Equal(reason.EffectiveAt.AddDays(days), reason.RemovalDeadline);
        Assert.True((await demo.Harness.VerifyAuditAsync(Ct)).IsIntact);
    }

    [Fact]
    public async Task Explain_Commission_DeniedByCategoryDespiteConsent()
    {
        var asset = await AssetAsync("refs/commission_hana_fanart.png");

        var explained = await demo.Harness.Consent.ExplainAsync(asset, Purpose.GenerativeTraining, null, null, Ct);

        Assert.False(explained.Value!.Decision.IsAllowed);
        Assert.Contains(explained.Value.Decision.Reasons, r => r is CategoryExcluded { Category: WorkCategory.Commission });
    }

    [Fact]
    public async Task Explain_OtherTenantsScope_Denied()
    {
        var asset = await AssetAsync("sc01/bg/alley.png");

        var explained = await demo.Harness.Consent.ExplainAsync(asset, Purpose.ReferenceUse, "studio-kumo", null, Ct);

        Assert.False(explained.Value!.Decision.IsAllowed);
        Assert.Contains(explained.Value.Decision.Reasons, r => r.Code == "other-tenant");
    }

    [Fact]
    public async Task Grant_ThenExplain_AllowsAndRecordsTheAgreement()
    {
        var asset = await AssetAsync("sc01/c001/storyboard_01.png", "kage");

        var granted = await demo.Harness.Consent.GrantAsync(asset, Purpose.ReferenceUse, ConsentState.Allowed, null, "email 2026-01-05", Ct);
        var explained = await demo.Harness.Consent.ExplainAsync(asset, Purpose.ReferenceUse, null, null, Ct);

        Assert.Null(granted.Problem);
        Assert.Equal("agreement", granted.Value!.Source);
        Assert.True(explained.Value!.Decision.IsAllowed, string.Join("; ", explained.Value.Decision.Reasons.Select(r => r.Describe())));
        Assert.True((await demo.Harness.VerifyAuditAsync(Ct)).IsIntact);
    }

    private async Task<string> AssetAsync(string path, string? project = null)
    {
        await using var db = demo.Harness.Contexts.Create();
        var query = db.Assets.Where(a => a.OriginalPath == path);
        if (project is not null)
        {
            var id = await db.Projects.Where(p => p.Slug == project).Select(p => p.Id).SingleAsync(Ct);
            query = query.Where(a => a.ProjectId == id);
        }

        return (await query.Select(a => a.Id).SingleAsync(Ct)).ToString();
    }
}
