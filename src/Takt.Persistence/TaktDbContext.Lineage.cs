using Microsoft.EntityFrameworkCore;
using Takt.Persistence.Ledger;
using Takt.Persistence.Lineage;

namespace Takt.Persistence;

public sealed partial class TaktDbContext
{
    // A tenant sees its own lineage and the shared pool's (which its nodes may use); edges carry
    // no tenant and are only read through nodes or by the operator-level index loader.
    private void ConfigureLineage(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<LineageNodeRow>(e =>
        {
            e.ToTable("lineage_nodes");
            e.HasKey(x => x.Seq);
            e.Property(x => x.Seq).ValueGeneratedNever();
            e.HasIndex(x => x.Id).IsUnique();
            e.HasIndex(x => new { x.TenantId, x.Kind });
            e.Property(x => x.Kind).HasMaxLength(16);
            e.Property(x => x.Label).HasMaxLength(400);
            e.Property(x => x.Reference).HasMaxLength(200);
            e.HasQueryFilter(x => TenantFilter == null || x.TenantId == TenantFilter || x.TenantId == null);
        });

        modelBuilder.Entity<LineageEdgeRow>(e =>
        {
            e.ToTable("lineage_edges");
            e.HasKey(x => new { x.ChildSeq, x.Ordinal });
            e.HasIndex(x => x.ParentSeq);
            e.Property(x => x.Role).HasMaxLength(20);
            e.HasOne<LineageNodeRow>().WithMany().HasForeignKey(x => x.ChildSeq).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<LineageNodeRow>().WithMany().HasForeignKey(x => x.ParentSeq).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<LineageInvalidationRow>(e =>
        {
            e.ToTable("lineage_invalidations");
            e.HasIndex(x => new { x.NodeId, x.RevocationId }).IsUnique();
            e.HasIndex(x => x.RevocationId);
            e.HasQueryFilter(x => TenantFilter == null || x.TenantId == TenantFilter || x.TenantId == null);
        });

        modelBuilder.Entity<RemediationItemRow>(e =>
        {
            e.ToTable("remediation_items");
            e.HasIndex(x => new { x.RevocationId, x.NodeId }).IsUnique();
            e.HasIndex(x => new { x.State, x.Deadline });
            e.Property(x => x.NodeKind).HasMaxLength(16);
            e.Property(x => x.Action).HasMaxLength(32);
            e.Property(x => x.State).HasMaxLength(16);
            e.HasQueryFilter(x => TenantFilter == null || x.TenantId == TenantFilter || x.TenantId == null);
        });
    }

    private void ConfigureLedger(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<RevenueEntryRow>(e =>
        {
            e.ToTable("revenue_entries");
            e.HasIndex(x => new { x.TenantId, x.Period });
            e.HasIndex(x => x.ProductNodeId);
            e.Property(x => x.Currency).HasMaxLength(3).IsFixedLength();
            e.Property(x => x.Period).HasMaxLength(7);
            e.Property(x => x.Lambda).HasPrecision(9, 6);
            e.Property(x => x.SnapshotHash).HasMaxLength(64);
            e.Property(x => x.Note).HasMaxLength(400);
            e.HasQueryFilter(x => TenantFilter == null || x.TenantId == TenantFilter);
        });

        modelBuilder.Entity<RevenueAllocationRow>(e =>
        {
            e.ToTable("revenue_allocations");
            e.HasKey(x => new { x.EntryId, x.PartyKey });
            e.HasIndex(x => x.ContributorId);
            e.Property(x => x.PartyKey).HasMaxLength(80);
            e.Property(x => x.CountShare).HasPrecision(28, 18);
            e.Property(x => x.AttributionShare).HasPrecision(28, 18);
            e.Property(x => x.Weight).HasPrecision(28, 18);
            e.HasOne<RevenueEntryRow>().WithMany().HasForeignKey(x => x.EntryId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}
