using Microsoft.EntityFrameworkCore;

namespace Meurs.Web.Data;

/// <summary>Brings the database to the latest migration before the app serves its first request.</summary>
internal static class DatabaseInitializer
{
    /// <summary>Applies pending migrations and switches the file to write-ahead logging (a no-op for in-memory databases).</summary>
    public static void Initialize(IServiceProvider services)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<MeursDbContext>();
        db.Database.Migrate();
        // WAL lets readers (history, pages) proceed while a message is being written.
        db.Database.ExecuteSqlRaw("PRAGMA journal_mode = WAL;");
    }
}
