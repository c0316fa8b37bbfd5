using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Takt.Persistence.PostgreSql.Migrations
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
                type: "numeric(9,6)",
                precision: 9,
                scale: 6,
                nullable: false,
                defaultValue: 0.5m);

            migrationBuilder.CreateTable(
                name: "lineage_invalidations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    NodeId = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: true),
                    RevocationId = table.Column<Guid>(type: "uuid", nullable: false),
                    InvalidatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_lineage_invalidations", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "lineage_nodes",
                columns: table => new
                {
                    Seq = table.Column<long>(type: "bigint", nullable: false),
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: true),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Label = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    Reference = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Attributes = table.Column<string>(type: "text", nullable: true),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_lineage_nodes", x => x.Seq);
                });

            migrationBuilder.CreateTable(
                name: "remediation_items",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: true),
                    RevocationId = table.Column<Guid>(type: "uuid", nullable: false),
                    NodeId = table.Column<Guid>(type: "uuid", nullable: false),
                    NodeKind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Action = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    FromScratch = table.Column<bool>(type: "boolean", nullable: false),
                    Deadline = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    State = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    ReplacementNodeId = table.Column<Guid>(type: "uuid", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ResolvedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_remediation_items", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "revenue_entries",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    ProductNodeId = table.Column<Guid>(type: "uuid", nullable: false),
                    AmountMinor = table.Column<long>(type: "bigint", nullable: false),
                    Currency = table.Column<string>(type: "character(3)", fixedLength: true, maxLength: 3, nullable: false),
                    Period = table.Column<string>(type: "character varying(7)", maxLength: 7, nullable: false),
                    RuleVersion = table.Column<int>(type: "integer", nullable: false),
                    Lambda = table.Column<decimal>(type: "numeric(9,6)", precision: 9, scale: 6, nullable: false),
                    Snapshot = table.Column<string>(type: "text", nullable: false),
                    SnapshotHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Note = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_revenue_entries", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "lineage_edges",
                columns: table => new
                {
                    ChildSeq = table.Column<long>(type: "bigint", nullable: false),
                    Ordinal = table.Column<int>(type: "integer", nullable: false),
                    ParentSeq = table.Column<long>(type: "bigint", nullable: false),
                    Weight = table.Column<double>(type: "double precision", nullable: false),
                    Role = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false)
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
                    EntryId = table.Column<Guid>(type: "uuid", nullable: false),
                    PartyKey = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    ContributorId = table.Column<Guid>(type: "uuid", nullable: true),
                    CountShare = table.Column<decimal>(type: "numeric(28,18)", precision: 28, scale: 18, nullable: false),
                    AttributionShare = table.Column<decimal>(type: "numeric(28,18)", precision: 28, scale: 18, nullable: false),
                    Weight = table.Column<decimal>(type: "numeric(28,18)", precision: 28, scale: 18, nullable: false),
                    AmountMinor = table.Column<long>(type: "bigint", nullable: false)
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
