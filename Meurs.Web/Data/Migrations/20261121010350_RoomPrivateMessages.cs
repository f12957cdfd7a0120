using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Meurs.Web.Data.Migrations
{
    public partial class RoomPrivateMessages : Migration
    {
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "RecipientId",
                table: "RoomMessages",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RecipientName",
                table: "RoomMessages",
                type: "TEXT",
                maxLength: 64,
                nullable: true);
        }

        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "RecipientId",
                table: "RoomMessages");

            migrationBuilder.DropColumn(
                name: "RecipientName",
                table: "RoomMessages");
        }
    }
}
