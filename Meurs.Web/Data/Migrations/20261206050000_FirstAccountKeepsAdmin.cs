using Meurs.Web.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Meurs.Web.Data.Migrations
{
    /// <summary>
    /// Data only, no schema change. Until now the first account administered without holding the admin role; from now on
    /// only the role counts (Features/Admin/AdminRole.cs). So that an existing install keeps its administrator, this
    /// gives the role to its first account (earliest CreatedAt), unless someone already holds it. On a fresh install
    /// there is no account yet and nothing happens: its first administrator is made with <c>meurs users grant-admin</c>.
    /// </summary>
    [DbContext(typeof(MeursDbContext))]
    [Migration("20261206050000_FirstAccountKeepsAdmin")]
    public partial class FirstAccountKeepsAdmin : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Guids are stored as upper-case text by EF Core's SQLite provider; the role id is fixed so the statement is
            // the same everywhere.
            migrationBuilder.Sql("""
                INSERT INTO "AspNetRoles" ("Id", "Name", "NormalizedName", "ConcurrencyStamp")
                SELECT '0193A5E0-0000-7000-8000-00000000AD01', 'admin', 'ADMIN', '0193A5E0-0000-7000-8000-00000000AD02'
                WHERE EXISTS (SELECT 1 FROM "AspNetUsers")
                  AND NOT EXISTS (SELECT 1 FROM "AspNetRoles" WHERE "NormalizedName" = 'ADMIN');
                """);
            migrationBuilder.Sql("""
                INSERT INTO "AspNetUserRoles" ("UserId", "RoleId")
                SELECT (SELECT "Id" FROM "AspNetUsers" ORDER BY "CreatedAt", "Id" LIMIT 1),
                       (SELECT "Id" FROM "AspNetRoles" WHERE "NormalizedName" = 'ADMIN')
                WHERE EXISTS (SELECT 1 FROM "AspNetUsers")
                  AND NOT EXISTS (
                      SELECT 1 FROM "AspNetUserRoles" ur JOIN "AspNetRoles" r ON r."Id" = ur."RoleId"
                      WHERE r."NormalizedName" = 'ADMIN');
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // The grant cannot be told apart from one made with `meurs users grant-admin`; it stays.
        }
    }
}
