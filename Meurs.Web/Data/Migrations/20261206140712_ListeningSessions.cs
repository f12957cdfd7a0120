using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Meurs.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class ListeningSessions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ListenSessions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Code = table.Column<string>(type: "TEXT", unicode: false, maxLength: 6, nullable: false),
                    HostId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    EndedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LastActiveAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    GuestsControlQueue = table.Column<bool>(type: "INTEGER", nullable: false),
                    GuestsControlPlayback = table.Column<bool>(type: "INTEGER", nullable: false),
                    CallId = table.Column<string>(type: "TEXT", unicode: false, maxLength: 32, nullable: true),
                    CurrentItemId = table.Column<Guid>(type: "TEXT", nullable: true),
                    PositionMs = table.Column<long>(type: "INTEGER", nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ListenSessions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ListenSessions_AspNetUsers_HostId",
                        column: x => x.HostId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ListenLog",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SessionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ActorId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Action = table.Column<string>(type: "TEXT", unicode: false, maxLength: 40, nullable: false),
                    Detail = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ListenLog", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ListenLog_ListenSessions_SessionId",
                        column: x => x.SessionId,
                        principalTable: "ListenSessions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ListenMembers",
                columns: table => new
                {
                    SessionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Role = table.Column<int>(type: "INTEGER", nullable: false),
                    JoinedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ListenMembers", x => new { x.SessionId, x.UserId });
                    table.ForeignKey(
                        name: "FK_ListenMembers_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ListenMembers_ListenSessions_SessionId",
                        column: x => x.SessionId,
                        principalTable: "ListenSessions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ListenMessages",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    SessionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AuthorId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Content = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ListenMessages", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ListenMessages_AspNetUsers_AuthorId",
                        column: x => x.AuthorId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ListenMessages_ListenSessions_SessionId",
                        column: x => x.SessionId,
                        principalTable: "ListenSessions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ListenRequests",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    SessionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RequesterId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    MediaId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ItemId = table.Column<Guid>(type: "TEXT", nullable: true),
                    NewPosition = table.Column<int>(type: "INTEGER", nullable: true),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    DecidedBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    DecidedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ListenRequests", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ListenRequests_AspNetUsers_RequesterId",
                        column: x => x.RequesterId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ListenRequests_ListenSessions_SessionId",
                        column: x => x.SessionId,
                        principalTable: "ListenSessions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "QueueItems",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    SessionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    MediaId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    AddedBy = table.Column<Guid>(type: "TEXT", nullable: false),
                    AddedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_QueueItems", x => x.Id);
                    table.ForeignKey(
                        name: "FK_QueueItems_ListenSessions_SessionId",
                        column: x => x.SessionId,
                        principalTable: "ListenSessions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ListenLog_SessionId_Id",
                table: "ListenLog",
                columns: new[] { "SessionId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_ListenMembers_UserId",
                table: "ListenMembers",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_ListenMessages_AuthorId",
                table: "ListenMessages",
                column: "AuthorId");

            migrationBuilder.CreateIndex(
                name: "IX_ListenMessages_SessionId_Id",
                table: "ListenMessages",
                columns: new[] { "SessionId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_ListenRequests_RequesterId",
                table: "ListenRequests",
                column: "RequesterId");

            migrationBuilder.CreateIndex(
                name: "IX_ListenRequests_SessionId_Status",
                table: "ListenRequests",
                columns: new[] { "SessionId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_ListenSessions_CallId",
                table: "ListenSessions",
                column: "CallId");

            migrationBuilder.CreateIndex(
                name: "IX_ListenSessions_Code",
                table: "ListenSessions",
                column: "Code");

            migrationBuilder.CreateIndex(
                name: "IX_ListenSessions_EndedAt_LastActiveAt",
                table: "ListenSessions",
                columns: new[] { "EndedAt", "LastActiveAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ListenSessions_HostId",
                table: "ListenSessions",
                column: "HostId");

            migrationBuilder.CreateIndex(
                name: "IX_QueueItems_SessionId_Position",
                table: "QueueItems",
                columns: new[] { "SessionId", "Position" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ListenLog");

            migrationBuilder.DropTable(
                name: "ListenMembers");

            migrationBuilder.DropTable(
                name: "ListenMessages");

            migrationBuilder.DropTable(
                name: "ListenRequests");

            migrationBuilder.DropTable(
                name: "QueueItems");

            migrationBuilder.DropTable(
                name: "ListenSessions");
        }
    }
}
