using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Meurs.Web.Data;

/// <summary>
/// Sets the per-connection SQLite pragmas Meurs relies on whenever EF Core opens a connection:
/// foreign keys enforced and a busy timeout so concurrent writers wait instead of failing with SQLITE_BUSY.
/// (WAL is a property of the database file and is set once at start-up by <see cref="DatabaseInitializer"/>.)
/// </summary>
internal sealed class SqlitePragmaInterceptor : DbConnectionInterceptor
{
    private const string Pragmas = "PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
