using Meurs.Web.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Meurs.Web.Hosting;

/// <summary>Registers the SQLite database and the persisted Data Protection key ring.</summary>
internal static class DataHostingExtensions
{
    public static WebApplicationBuilder AddMeursData(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<DataOptions>().BindConfiguration(DataOptions.SectionName);
        var options = builder.Configuration.GetSection(DataOptions.SectionName).Get<DataOptions>() ?? new DataOptions();
        var dataPath = options.ResolvePath(builder.Environment.ContentRootPath);
        Directory.CreateDirectory(dataPath);

        var connectionString = string.IsNullOrWhiteSpace(options.ConnectionString)
            ? $"Data Source={Path.Combine(dataPath, "meurs.db")}"
            : options.ConnectionString;
        builder.Services.AddSingleton<SqlitePragmaInterceptor>();
        // Pooled: a request or socket takes a ready context instead of building EF's per-context services each time,
        // which under a burst of joins was a fifth of the server's CPU (DI resolution and the garbage it made).
        builder.Services.AddDbContextPool<MeursDbContext>((services, db) => db
            .UseSqlite(connectionString)
            .AddInterceptors(services.GetRequiredService<SqlitePragmaInterceptor>()));

        // Keys on disk keep cookies (logins) valid across restarts.
        builder.Services.AddDataProtection()
            .SetApplicationName("Meurs")
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(dataPath, "keys")));

        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        return builder;
    }
}
