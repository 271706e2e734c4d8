using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CinemaAuthHost.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class SaltedRecoveryCodes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Unsalted SHA-256 codes cannot be turned into salted PBKDF2 hashes (the codes themselves are not stored):
            // they are dropped, and a user with MFA on generates new ones (CHANGELOG).
            migrationBuilder.Sql("DELETE FROM rbac_recovery_codes;");

            migrationBuilder.DropPrimaryKey(
                name: "PK_rbac_recovery_codes",
                table: "rbac_recovery_codes");

            migrationBuilder.AddColumn<Guid>(
                name: "Id",
                table: "rbac_recovery_codes",
                type: "uuid",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"));

            migrationBuilder.AddColumn<int>(
                name: "Iterations",
                table: "rbac_recovery_codes",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<byte[]>(
                name: "Salt",
                table: "rbac_recovery_codes",
                type: "bytea",
                maxLength: 16,
                nullable: false,
                defaultValue: new byte[0]);

            migrationBuilder.AddPrimaryKey(
                name: "PK_rbac_recovery_codes",
                table: "rbac_recovery_codes",
                column: "Id");

            migrationBuilder.CreateIndex(
                name: "IX_rbac_recovery_codes_UserId",
                table: "rbac_recovery_codes",
                column: "UserId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Salted hashes cannot serve the old unsalted key either.
            migrationBuilder.Sql("DELETE FROM rbac_recovery_codes;");

            migrationBuilder.DropPrimaryKey(
                name: "PK_rbac_recovery_codes",
                table: "rbac_recovery_codes");

            migrationBuilder.DropIndex(
                name: "IX_rbac_recovery_codes_UserId",
                table: "rbac_recovery_codes");

            migrationBuilder.DropColumn(
                name: "Id",
                table: "rbac_recovery_codes");

            migrationBuilder.DropColumn(
                name: "Iterations",
                table: "rbac_recovery_codes");

            migrationBuilder.DropColumn(
                name: "Salt",
                table: "rbac_recovery_codes");

            migrationBuilder.AddPrimaryKey(
                name: "PK_rbac_recovery_codes",
                table: "rbac_recovery_codes",
                columns: new[] { "UserId", "CodeHash" });
        }
    }
}
