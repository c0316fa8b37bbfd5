using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Takt.Persistence.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Lineage : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<decimal>(
                name: "RevenueCountWeight",
                table: "tenants",
                type: "TEXT",
                precision: 9,
                scale: 6,
                nullable: false,
                defaultValue: 0.5m);

            migrationBuilder.CreateTable(
                name: "lineage_invalidations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    NodeId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: true),
                    RevocationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    InvalidatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_lineage_invalidations", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "lineage_nodes",
                columns: table => new
                {
                    Seq = table.Column<long>(type: "INTEGER", nullable: false),
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Label = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    Reference = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Attributes = table.Column<string>(type: "TEXT", nullable: true),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_lineage_nodes", x => x.Seq);
                });

            migrationBuilder.CreateTable(
                name: "remediation_items",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: true),
                    RevocationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    NodeId = table.Column<Guid>(type: "TEXT", nullable: false),
                    NodeKind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Action = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    FromScratch = table.Column<bool>(type: "INTEGER", nullable: false),
                    Deadline = table.Column<long>(type: "INTEGER", nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ReplacementNodeId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ResolvedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_remediation_items", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "revenue_entries",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProductNodeId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AmountMinor = table.Column<long>(type: "INTEGER", nullable: false),
                    Currency = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 3, nullable: false),
                    Period = table.Column<string>(type: "TEXT", maxLength: 7, nullable: false),
                    RuleVersion = table.Column<int>(type: "INTEGER", nullable: false),
                    Lambda = table.Column<decimal>(type: "TEXT", precision: 9, scale: 6, nullable: false),
                    Snapshot = table.Column<string>(type: "TEXT", nullable: false),
                    SnapshotHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_revenue_entries", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "lineage_edges",
                columns: table => new
                {
                    ChildSeq = table.Column<long>(type: "INTEGER", nullable: false),
                    Ordinal = table.Column<int>(type: "INTEGER", nullable: false),
                    ParentSeq = table.Column<long>(type: "INTEGER", nullable: false),
                    Weight = table.Column<double>(type: "REAL", nullable: false),
                    Role = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_lineage_edges", x => new { x.ChildSeq, x.Ordinal });
                    table.ForeignKey(
                        name: "FK_lineage_edges_lineage_nodes_ChildSeq",
                        column: x => x.ChildSeq,
                        principalTable: "lineage_nodes",
                        principalColumn: "Seq",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_lineage_edges_lineage_nodes_ParentSeq",
                        column: x => x.ParentSeq,
                        principalTable: "lineage_nodes",
                        principalColumn: "Seq",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "revenue_allocations",
                columns: table => new
                {
                    EntryId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PartyKey = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    ContributorId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CountShare = table.Column<decimal>(type: "TEXT", precision: 28, scale: 18, nullable: false),
                    AttributionShare = table.Column<decimal>(type: "TEXT", precision: 28, scale: 18, nullable: false),
                    Weight = table.Column<decimal>(type: "TEXT", precision: 28, scale: 18, nullable: false),
                    AmountMinor = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_revenue_allocations", x => new { x.EntryId, x.PartyKey });
                    table.ForeignKey(
                        name: "FK_revenue_allocations_revenue_entries_EntryId",
                        column: x => x.EntryId,
                        principalTable: "revenue_entries",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_lineage_edges_ParentSeq",
                table: "lineage_edges",
                column: "ParentSeq");

            migrationBuilder.CreateIndex(
                name: "IX_lineage_invalidations_NodeId_RevocationId",
                table: "lineage_invalidations",
                columns: new[] { "NodeId", "RevocationId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_lineage_invalidations_RevocationId",
                table: "lineage_invalidations",
                column: "RevocationId");

            migrationBuilder.CreateIndex(
                name: "IX_lineage_nodes_Id",
                table: "lineage_nodes",
                column: "Id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_lineage_nodes_TenantId_Kind",
                table: "lineage_nodes",
                columns: new[] { "TenantId", "Kind" });

            migrationBuilder.CreateIndex(
                name: "IX_remediation_items_RevocationId_NodeId",
                table: "remediation_items",
                columns: new[] { "RevocationId", "NodeId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_remediation_items_State_Deadline",
                table: "remediation_items",
                columns: new[] { "State", "Deadline" });

            migrationBuilder.CreateIndex(
                name: "IX_revenue_allocations_ContributorId",
                table: "revenue_allocations",
                column: "ContributorId");

            migrationBuilder.CreateIndex(
                name: "IX_revenue_entries_ProductNodeId",
                table: "revenue_entries",
                column: "ProductNodeId");

            migrationBuilder.CreateIndex(
                name: "IX_revenue_entries_TenantId_Period",
                table: "revenue_entries",
                columns: new[] { "TenantId", "Period" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "lineage_edges");

            migrationBuilder.DropTable(
                name: "lineage_invalidations");

            migrationBuilder.DropTable(
                name: "remediation_items");

            migrationBuilder.DropTable(
                name: "revenue_allocations");

            migrationBuilder.DropTable(
                name: "lineage_nodes");

            migrationBuilder.DropTable(
                name: "revenue_entries");

            migrationBuilder.DropColumn(
                name: "RevenueCountWeight",
                table: "tenants");
        }
    }
}
