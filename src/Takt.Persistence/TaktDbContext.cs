using Microsoft.EntityFrameworkCore;
using Takt.Persistence.Archive;
using Takt.Persistence.Audit;
using Takt.Persistence.Consent;
using Takt.Persistence.Ledger;
using Takt.Persistence.Lineage;
using Takt.Persistence.Tenancy;

namespace Takt.Persistence;

/// <summary>
/// The one metadata store. Every tenant-owned set is filtered by <see cref="TenantFilter"/> here,
/// in one place, so no query can forget it; a null filter is the operator's all-tenant view.
/// </summary>
public sealed partial class TaktDbContext(DbContextOptions<TaktDbContext> options, TenantScopeFilter? scope = null) : DbContext(options)
{
    public Guid? TenantFilter { get; } = scope?.TenantId;

    public DbSet<TenantRow> Tenants => Set<TenantRow>();

    public DbSet<ContributorRow> Contributors => Set<ContributorRow>();

    public DbSet<ProjectRow> Projects => Set<ProjectRow>();

    public DbSet<SceneRow> Scenes => Set<SceneRow>();

    public DbSet<CutRow> Cuts => Set<CutRow>();

    public DbSet<WorkRow> Works => Set<WorkRow>();

    public DbSet<AssetRow> Assets => Set<AssetRow>();

    public DbSet<ConsentGrantRow> ConsentGrants => Set<ConsentGrantRow>();

    public DbSet<RevocationRow> Revocations => Set<RevocationRow>();

    public DbSet<AuditEntryRow> AuditEntries => Set<AuditEntryRow>();

    public DbSet<LineageNodeRow> LineageNodes => Set<LineageNodeRow>();

    public DbSet<LineageEdgeRow> LineageEdges => Set<LineageEdgeRow>();

    public DbSet<LineageInvalidationRow> LineageInvalidations => Set<LineageInvalidationRow>();

    public DbSet<RemediationItemRow> RemediationItems => Set<RemediationItemRow>();

    public DbSet<RevenueEntryRow> RevenueEntries => Set<RevenueEntryRow>();

    public DbSet<RevenueAllocationRow> RevenueAllocations => Set<RevenueAllocationRow>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite has no timestamp type that sorts and compares: store instants as UTC ticks there.
        // Not EF's DateTimeOffsetToBinaryConverter: it keeps only 100 µs (audit hashes, sealed at
        // 1 µs, broke on the round trip) and packs the local clock reading, so it sorts by that, not by instant.
        if (string.Equals(Database.ProviderName, "Microsoft.EntityFrameworkCore.Sqlite", StringComparison.Ordinal))
        {
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
        }
        else
        {
            // Npgsql refuses a non-zero offset for timestamptz; manifests carry local offsets (+09:00).
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcOffsetConverter>();
        }
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<TenantRow>(e =>
        {
            e.ToTable("tenants");
            e.HasIndex(x => x.Slug).IsUnique();
            e.Property(x => x.Slug).HasMaxLength(64);
            e.Property(x => x.Name).HasMaxLength(200);
            e.Property(x => x.ExcludedCategories).HasMaxLength(500);
            e.Property(x => x.RevenueCountWeight).HasPrecision(9, 6).HasDefaultValue(0.5m);
            e.HasQueryFilter(x => TenantFilter == null || x.Id == TenantFilter);
        });

        modelBuilder.Entity<ContributorRow>(e =>
        {
            e.ToTable("contributors");
            e.HasIndex(x => new { x.TenantId, x.Key }).IsUnique();
            e.Property(x => x.Key).HasMaxLength(64);
            e.Property(x => x.Name).HasMaxLength(200);
            e.Property(x => x.Email).HasMaxLength(320);
            e.HasOne<TenantRow>().WithMany().HasForeignKey(x => x.TenantId).OnDelete(DeleteBehavior.Restrict);
            e.HasQueryFilter(x => TenantFilter == null || x.TenantId == TenantFilter);
        });

        ConfigureArchive(modelBuilder);
        ConfigureConsent(modelBuilder);
        ConfigureLineage(modelBuilder);
        ConfigureLedger(modelBuilder);
        ConfigureDatasets(modelBuilder);
        ConfigureRuns(modelBuilder);

        modelBuilder.Entity<AuditEntryRow>(e =>
        {
            e.ToTable("audit_log");
            e.HasKey(x => x.Sequence);
            e.Property(x => x.Sequence).ValueGeneratedNever();
            e.Property(x => x.Kind).HasMaxLength(64);
            e.Property(x => x.Subject).HasMaxLength(200);
            e.Property(x => x.PreviousHash).HasMaxLength(64);
            e.Property(x => x.Hash).HasMaxLength(64);
        });
    }

    private void ConfigureArchive(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<ProjectRow>(e =>
        {
            e.ToTable("projects");
            e.HasIndex(x => new { x.TenantId, x.Slug }).IsUnique();
            e.Property(x => x.Slug).HasMaxLength(64);
            e.Property(x => x.Title).HasMaxLength(200);
            e.HasOne<TenantRow>().WithMany().HasForeignKey(x => x.TenantId).OnDelete(DeleteBehavior.Restrict);
            e.HasQueryFilter(x => TenantFilter == null || x.TenantId == TenantFilter);
        });

        modelBuilder.Entity<SceneRow>(e =>
        {
            e.ToTable("scenes");
            e.HasIndex(x => new { x.ProjectId, x.Slug }).IsUnique();
            e.Property(x => x.Slug).HasMaxLength(64);
            e.HasOne<ProjectRow>().WithMany().HasForeignKey(x => x.ProjectId).OnDelete(DeleteBehavior.Restrict);
            e.HasQueryFilter(x => TenantFilter == null || x.TenantId == TenantFilter);
        });

        modelBuilder.Entity<CutRow>(e =>
        {
            e.ToTable("cuts");
            e.HasIndex(x => new { x.SceneId, x.Slug }).IsUnique();
            e.Property(x => x.Slug).HasMaxLength(64);
            e.HasOne<SceneRow>().WithMany().HasForeignKey(x => x.SceneId).OnDelete(DeleteBehavior.Restrict);
            e.HasQueryFilter(x => TenantFilter == null || x.TenantId == TenantFilter);
        });

        modelBuilder.Entity<WorkRow>(e =>
        {
            e.ToTable("works");
            e.HasIndex(x => new { x.ProjectId, x.Key }).IsUnique();
            e.Property(x => x.Key).HasMaxLength(400);
            e.Property(x => x.Title).HasMaxLength(400);
            e.Property(x => x.Category).HasMaxLength(32);
            e.Property(x => x.LicenceId).HasMaxLength(120);
            e.HasOne<ProjectRow>().WithMany().HasForeignKey(x => x.ProjectId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<ContributorRow>().WithMany().HasForeignKey(x => x.AuthorId).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(x => x.RightsHolders).WithOne().HasForeignKey(x => x.WorkId).OnDelete(DeleteBehavior.Cascade);
            e.HasQueryFilter(x => TenantFilter == null || x.TenantId == TenantFilter);
        });

        modelBuilder.Entity<WorkRightsHolderRow>(e =>
        {
            e.ToTable("work_rights_holders");
            e.HasKey(x => new { x.WorkId, x.ContributorId });
            e.HasOne<ContributorRow>().WithMany().HasForeignKey(x => x.ContributorId).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<AssetRow>(e =>
        {
            e.ToTable("assets");
            // The idempotency key of ingest: the same bytes at the same place are the same asset.
            e.HasIndex(x => new { x.ProjectId, x.OriginalPath, x.Sha256 }).IsUnique();
            e.HasIndex(x => new { x.TenantId, x.Sha256 });
            e.HasIndex(x => x.WorkId);
            e.Property(x => x.LayerKind).HasMaxLength(32);
            e.Property(x => x.Name).HasMaxLength(400);
            e.Property(x => x.OriginalPath).HasMaxLength(1024);
            e.Property(x => x.Sha256).HasMaxLength(64).IsFixedLength();
            e.Property(x => x.ContentHash).HasMaxLength(64);
            e.Property(x => x.MediaType).HasMaxLength(100);
            e.Property(x => x.ColourSpace).HasMaxLength(32);
            e.Property(x => x.SourceTool).HasMaxLength(200);
            e.HasOne<ProjectRow>().WithMany().HasForeignKey(x => x.ProjectId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<SceneRow>().WithMany().HasForeignKey(x => x.SceneId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<CutRow>().WithMany().HasForeignKey(x => x.CutId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<WorkRow>().WithMany().HasForeignKey(x => x.WorkId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<AssetRow>().WithMany().HasForeignKey(x => x.ContainerId).OnDelete(DeleteBehavior.Restrict);
            e.HasQueryFilter(x => TenantFilter == null || x.TenantId == TenantFilter);
        });
    }

    private void ConfigureConsent(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<ConsentGrantRow>(e =>
        {
            e.ToTable("consent_grants");
            e.HasIndex(x => new { x.WorkId, x.Purpose });
            e.Property(x => x.Purpose).HasMaxLength(40);
            e.Property(x => x.State).HasMaxLength(20);
            e.Property(x => x.Source).HasMaxLength(20);
            e.HasOne<WorkRow>().WithMany().HasForeignKey(x => x.WorkId).OnDelete(DeleteBehavior.Restrict);
            e.HasQueryFilter(x => TenantFilter == null || x.TenantId == TenantFilter);
        });

        modelBuilder.Entity<RevocationRow>(e =>
        {
            e.ToTable("revocations");
            e.HasIndex(x => x.WorkId);
            e.Property(x => x.Purposes).HasMaxLength(200);
            e.HasOne<WorkRow>().WithMany().HasForeignKey(x => x.WorkId).OnDelete(DeleteBehavior.Restrict);
            e.HasQueryFilter(x => TenantFilter == null || x.TenantId == TenantFilter);
        });
    }
}
