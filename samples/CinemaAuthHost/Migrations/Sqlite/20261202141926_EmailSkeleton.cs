using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CinemaAuthHost.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class EmailSkeleton : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "EmailSkeleton",
                table: "rbac_users",
                type: "TEXT",
                maxLength: 1024,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_rbac_users_EmailSkeleton",
                table: "rbac_users",
                column: "EmailSkeleton",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_rbac_users_EmailSkeleton",
                table: "rbac_users");

            migrationBuilder.DropColumn(
                name: "EmailSkeleton",
                table: "rbac_users");
        }
    }
}
