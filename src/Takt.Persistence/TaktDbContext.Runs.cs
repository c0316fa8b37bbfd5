using Microsoft.EntityFrameworkCore;
using Takt.Persistence.Runs;

namespace Takt.Persistence;

public sealed partial class TaktDbContext
{
    public DbSet<RunRow> Runs => Set<RunRow>();

    public DbSet<RunNodeRow> RunNodes => Set<RunNodeRow>();

    public DbSet<NodeResultRow> NodeResults => Set<NodeResultRow>();

    public DbSet<RunEventRow> RunEvents => Set<RunEventRow>();

    public DbSet<BackendRow> Backends => Set<BackendRow>();

    private void ConfigureRuns(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<RunRow>(e =>
        {
            e.ToTable("runs");
            e.HasIndex(x => new { x.TenantId, x.CreatedAt });
            e.HasIndex(x => x.Status);
            e.Property(x => x.WorkflowName).HasMaxLength(200);
            e.Property(x => x.Status).HasMaxLength(16);
            e.HasQueryFilter(x => TenantFilter == null || x.TenantId == TenantFilter);
        });

        modelBuilder.Entity<RunNodeRow>(e =>
        {
            e.ToTable("run_nodes");
            e.HasKey(x => new { x.RunId, x.NodeId });
            e.Property(x => x.NodeId).HasMaxLength(64);
            e.Property(x => x.NodeType).HasMaxLength(140);
            e.Property(x => x.Status).HasMaxLength(16);
            e.Property(x => x.CacheKey).HasMaxLength(64);
            e.Property(x => x.Backend).HasMaxLength(64);
        });

        modelBuilder.Entity<NodeResultRow>(e =>
        {
            e.ToTable("node_results");
            e.HasKey(x => new { x.TenantId, x.CacheKey });
            e.Property(x => x.CacheKey).HasMaxLength(64);
            e.Property(x => x.NodeType).HasMaxLength(140);
        });

        modelBuilder.Entity<RunEventRow>(e =>
        {
            e.ToTable("run_events");
            e.HasIndex(x => new { x.RunId, x.Id });
            e.Property(x => x.NodeId).HasMaxLength(64);
            e.Property(x => x.Kind).HasMaxLength(24);
        });

        modelBuilder.Entity<BackendRow>(e =>
        {
            e.ToTable("backends");
            e.HasKey(x => x.Name);
            e.Property(x => x.Name).HasMaxLength(64);
            e.Property(x => x.Kind).HasMaxLength(32);
            e.Property(x => x.Endpoint).HasMaxLength(400);
            e.Property(x => x.SecretName).HasMaxLength(128);
        });
    }
}
