using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CinemaAuthHost.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class UserSearchIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterDatabase()
                .Annotation("Npgsql:PostgresExtension:pg_trgm", ",,");

            migrationBuilder.CreateIndex(
                name: "IX_rbac_users_FirstName_trgm",
                table: "rbac_users",
                column: "FirstName")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

            migrationBuilder.CreateIndex(
                name: "IX_rbac_users_LastName_trgm",
                table: "rbac_users",
                column: "LastName")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

            migrationBuilder.CreateIndex(
                name: "IX_rbac_users_NormalizedEmail_prefix",
                table: "rbac_users",
                column: "NormalizedEmail")
                .Annotation("Npgsql:IndexOperators", new[] { "text_pattern_ops" });

            migrationBuilder.CreateIndex(
                name: "IX_rbac_users_NormalizedEmail_trgm",
                table: "rbac_users",
                column: "NormalizedEmail")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_rbac_users_FirstName_trgm",
                table: "rbac_users");

            migrationBuilder.DropIndex(
                name: "IX_rbac_users_LastName_trgm",
                table: "rbac_users");

            migrationBuilder.DropIndex(
                name: "IX_rbac_users_NormalizedEmail_prefix",
                table: "rbac_users");

            migrationBuilder.DropIndex(
                name: "IX_rbac_users_NormalizedEmail_trgm",
                table: "rbac_users");

            migrationBuilder.AlterDatabase()
                .OldAnnotation("Npgsql:PostgresExtension:pg_trgm", ",,");
        }
    }
}
