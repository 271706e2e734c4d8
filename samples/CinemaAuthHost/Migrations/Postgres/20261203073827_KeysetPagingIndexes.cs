using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CinemaAuthHost.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class KeysetPagingIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_rbac_login_events_UserId_At",
                table: "rbac_login_events");

            migrationBuilder.DropIndex(
                name: "IX_rbac_audit_events_At",
                table: "rbac_audit_events");

            migrationBuilder.DropIndex(
                name: "IX_rbac_audit_events_TargetId_At",
                table: "rbac_audit_events");

            migrationBuilder.CreateIndex(
                name: "IX_rbac_login_events_UserId_At_Id",
                table: "rbac_login_events",
                columns: new[] { "UserId", "At", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_rbac_audit_events_ActorId_At_Id",
                table: "rbac_audit_events",
                columns: new[] { "ActorId", "At", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_rbac_audit_events_At_Id",
                table: "rbac_audit_events",
                columns: new[] { "At", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_rbac_audit_events_TargetId_At_Id",
                table: "rbac_audit_events",
                columns: new[] { "TargetId", "At", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_rbac_login_events_UserId_At_Id",
                table: "rbac_login_events");

            migrationBuilder.DropIndex(
                name: "IX_rbac_audit_events_ActorId_At_Id",
                table: "rbac_audit_events");

            migrationBuilder.DropIndex(
                name: "IX_rbac_audit_events_At_Id",
                table: "rbac_audit_events");

            migrationBuilder.DropIndex(
                name: "IX_rbac_audit_events_TargetId_At_Id",
                table: "rbac_audit_events");

            migrationBuilder.CreateIndex(
                name: "IX_rbac_login_events_UserId_At",
                table: "rbac_login_events",
                columns: new[] { "UserId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_rbac_audit_events_At",
                table: "rbac_audit_events",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_rbac_audit_events_TargetId_At",
                table: "rbac_audit_events",
                columns: new[] { "TargetId", "At" });
        }
    }
}
