using Microsoft.EntityFrameworkCore;
using Takt.Persistence.Datasets;

namespace Takt.Persistence;

public sealed partial class TaktDbContext
{
    public DbSet<DatasetVersionRow> DatasetVersions => Set<DatasetVersionRow>();

    public DbSet<DatasetDerivationRow> DatasetDerivations => Set<DatasetDerivationRow>();

    // Versions are tenant data (a shared-pool version is visible to all, like shared lineage);
    // derivations are content-addressed facts about bytes, keyed by hashes only a holder of the
    // source can compute, so they are shared like the blob store.
    private void ConfigureDatasets(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<DatasetVersionRow>(e =>
        {
            e.ToTable("dataset_versions");
            e.HasIndex(x => new { x.TenantId, x.Name, x.BuiltAt });
            e.HasIndex(x => x.VersionHash);
            e.Property(x => x.Name).HasMaxLength(64);
            e.Property(x => x.VersionHash).HasMaxLength(64);
            e.Property(x => x.Format).HasMaxLength(16);
            e.Property(x => x.ManifestSha256).HasMaxLength(64);
            e.Property(x => x.Path).HasMaxLength(400);
            e.HasQueryFilter(x => TenantFilter == null || x.TenantId == TenantFilter || x.TenantId == null);
        });

        modelBuilder.Entity<DatasetDerivationRow>(e =>
        {
            e.ToTable("dataset_derivations");
            e.HasKey(x => x.Key);
            e.Property(x => x.Key).HasMaxLength(64);
            e.Property(x => x.OutputSha256).HasMaxLength(64);
        });
    }
}
