using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.Storage;
using Hangfire.Storage.SQLite;
using Meurs.Web.Data;
using Meurs.Web.Features.Admin;
using Meurs.Web.Hosting;
using Microsoft.Extensions.Options;

namespace Meurs.Web.Features.Jobs;

/// <summary>
/// Background jobs on Hangfire with its SQLite storage in <c>jobs.db</c> beside the app's database, so schedules,
/// history and failures survive restarts. Each feature registers the jobs that clean its own tables
/// (<see cref="AddRecurringJob{TJob}"/> in its <c>&lt;Feature&gt;Feature.cs</c>); this feature sets Hangfire up,
/// gives every registered job its configured schedule at start-up, and serves Hangfire's dashboard at
/// <see cref="DashboardPath"/> to administrators.
/// </summary>
internal static class JobsFeature
{
    /// <summary>Where the dashboard is served.</summary>
    public const string DashboardPath = "/admin/jobs";

    /// <summary>The storage file's name, in the data folder.</summary>
    public const string StorageFileName = "jobs.db";

    /// <summary>
    /// The dashboard's own Content-Security-Policy: the app's, plus what Hangfire 1.8's pages need, each allowed by its
    /// SHA-256 hash so that nothing else inline is: the one style element Chart.js inserts on the home page, and the
    /// empty <c>style=""</c> attributes of a job's state cards (<c>'unsafe-hashes'</c> lets a hash cover attributes;
    /// the hash is the empty string's). No inline script; <c>data:</c> images as the app's.
    /// The hashes were read from Chromium's violation reports; Meurs.E2E's JobsDashboardTests fails when they change.
    /// </summary>
    public const string DashboardContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; " +
        "style-src 'self' 'unsafe-hashes' 'sha256-z7zcnw/4WalZqx+PrNaRnoeLz/G9WXuFqV1WCJ129sg=' 'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='; " +
        "img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>Registers Hangfire (storage, client, server) and the jobs' options.</summary>
    public static WebApplicationBuilder AddJobs(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<JobsOptions>().BindConfiguration(JobsOptions.SectionName)
            .Validate(o => o.RoomIdleTimeout > TimeSpan.Zero, "Jobs:RoomIdleTimeout must be positive.")
            .Validate(o => o.RevokedTokenRetention >= TimeSpan.Zero, "Jobs:RevokedTokenRetention must not be negative.")
            .ValidateOnStart();

        // Storage and activator are this host's own services rather than Hangfire's process-wide JobStorage.Current
        // and JobActivator.Current, which AddHangfire would otherwise hand out: two hosts in one process (the tests)
        // must not run each other's jobs or read each other's storage.
        builder.Services.AddSingleton<JobStorage>(services =>
        {
            var data = services.GetRequiredService<IOptions<DataOptions>>().Value;
            var path = Path.Combine(data.ResolvePath(services.GetRequiredService<IWebHostEnvironment>().ContentRootPath), StorageFileName);
            // A second's poll makes "Trigger now" prompt; on a local SQLite file it costs next to nothing.
            return new SQLiteStorage(path, new SQLiteStorageOptions { QueuePollInterval = TimeSpan.FromSeconds(1) });
        });
        builder.Services.AddSingleton<JobActivator>(services => new AspNetCoreJobActivator(services.GetRequiredService<IServiceScopeFactory>()));
        builder.Services.AddHangfire((services, hangfire) => hangfire
            .UseLogProvider(new HangfireLogProvider(services.GetRequiredService<ILoggerFactory>()))
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings());
        // Three small cleanups: two workers are plenty, and few threads matter on a small machine.
        builder.Services.AddHangfireServer(server => server.WorkerCount = 2);
        builder.Services.AddSingleton(new PathContentSecurityPolicy(DashboardPath, DashboardContentSecurityPolicy));
        return builder;
    }

    /// <summary>
    /// Registers <typeparamref name="TJob"/> as a recurring job with <paramref name="defaultSchedule"/> (read by
    /// <see cref="JobSchedule"/>), which <c>Jobs:Schedules:{TJob}</c> overrides. Called by the feature that owns the
    /// tables the job cleans.
    /// </summary>
    public static IServiceCollection AddRecurringJob<TJob>(this IServiceCollection services, string defaultSchedule)
        where TJob : MeursJob
    {
        services.AddScoped<TJob>();
        services.AddSingleton<RecurringJobDefinition>(new RecurringJobDefinition<TJob>(defaultSchedule));
        return services;
    }

    /// <summary>
    /// Gives every registered job its schedule (and removes stored recurring jobs no feature registers any more), then
    /// maps the dashboard. Throws <see cref="FormatException"/> for a schedule that cannot be read, so the app does not start.
    /// </summary>
    public static WebApplication MapJobs(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<JobsOptions>>().Value;
        var manager = app.Services.GetRequiredService<IRecurringJobManager>();
        var storage = app.Services.GetRequiredService<JobStorage>();
        var jobs = app.Services.GetServices<RecurringJobDefinition>().ToList();
        using (var connection = storage.GetConnection())
        {
            foreach (var stored in connection.GetRecurringJobs().Where(s => jobs.All(j => j.Name != s.Id)))
            {
                manager.RemoveIfExists(stored.Id);
            }
        }
        foreach (var job in jobs)
        {
            JobSchedule.Register(manager, job, options.Scheduling, options.Schedules.GetValueOrDefault(job.Name));
        }

        app.UseHangfireDashboard(DashboardPath, new DashboardOptions
        {
            // The default filter lets local requests in; only ours decides.
            Authorization = [],
            AsyncAuthorization = [new AdminDashboardAuthorizationFilter()],
            // Hangfire checks IAntiforgery's token on every POST and puts it in its pages for its own scripts.
            IgnoreAntiforgeryToken = false,
            AppPath = "/",
            DashboardTitle = "Meurs jobs",
            DisplayStorageConnectionString = false,
        }, storage);
        return app;
    }
}
