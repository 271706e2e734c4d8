using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CinemaAuthHost.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class MailTokensAndOutbox : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "EmailConfirmed",
                table: "rbac_users",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "rbac_mail_outbox",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    To = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: false),
                    ProtectedContent = table.Column<byte[]>(type: "bytea", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    NextAttemptAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Attempts = table.Column<int>(type: "integer", nullable: false),
                    ClaimId = table.Column<Guid>(type: "uuid", nullable: true),
                    ClaimedUntil = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    LastError = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_rbac_mail_outbox", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "rbac_mail_tokens",
                columns: table => new
                {
                    TokenHash = table.Column<byte[]>(type: "bytea", maxLength: 32, nullable: false),
                    UserId = table.Column<Guid>(type: "uuid", nullable: false),
                    Purpose = table.Column<int>(type: "integer", nullable: false),
                    NewEmail = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ExpiresAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UsedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_rbac_mail_tokens", x => x.TokenHash);
                    table.ForeignKey(
                        name: "FK_rbac_mail_tokens_rbac_users_UserId",
                        column: x => x.UserId,
                        principalTable: "rbac_users",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_rbac_mail_outbox_NextAttemptAt",
                table: "rbac_mail_outbox",
                column: "NextAttemptAt");

            migrationBuilder.CreateIndex(
                name: "IX_rbac_mail_tokens_ExpiresAt",
                table: "rbac_mail_tokens",
                column: "ExpiresAt");

            migrationBuilder.CreateIndex(
                name: "IX_rbac_mail_tokens_UserId_Purpose",
                table: "rbac_mail_tokens",
                columns: new[] { "UserId", "Purpose" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "rbac_mail_outbox");

            migrationBuilder.DropTable(
                name: "rbac_mail_tokens");

            migrationBuilder.DropColumn(
                name: "EmailConfirmed",
                table: "rbac_users");
        }
    }
}
