using Quartz;

namespace Meurs.Web.Features.Jobs;

/// <summary>
/// Background jobs on Quartz.NET with its in-memory store (nothing to migrate; triggers are rebuilt at each start,
/// and runs are recorded in our own <c>JobRuns</c> table). The jobs live in Features/Jobs, even those that act on
/// another feature's data: they reach it only through that feature's public services, and the admin page
/// (Features/Admin) shows them all in one place.
/// </summary>
internal static class JobsFeature
{
    /// <summary>Registers the scheduler, its hosted service and every job. Adding a job: a <see cref="MeursJob"/> class and one <c>Add</c> line here.</summary>
    public static WebApplicationBuilder AddJobs(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<JobsOptions>().BindConfiguration(JobsOptions.SectionName)
            .Validate(o => o.RoomIdleTimeout > TimeSpan.Zero, "Jobs:RoomIdleTimeout must be positive.")
            .Validate(o => o.RevokedTokenRetention >= TimeSpan.Zero, "Jobs:RevokedTokenRetention must not be negative.")
            .Validate(o => o.RunRetention > TimeSpan.Zero, "Jobs:RunRetention must be positive.")
            .ValidateOnStart();
        // Read now as well as bound: which triggers exist is decided while the services are being registered.
        var options = builder.Configuration.GetSection(JobsOptions.SectionName).Get<JobsOptions>() ?? new JobsOptions();

        builder.Services.AddSingleton<JobRunLog>();
        builder.Services.AddScoped<ListJobs>();
        builder.Services.AddScoped<ControlJob>();
        builder.Services.AddQuartz(quartz =>
        {
            quartz.UseInMemoryStore(_ => { });
            new JobRegistry(quartz, options)
                .Add<ClearIdleRooms>("0 */5 * * * ?")
                .Add<SweepExpiredTokens>("0 17 * * * ?")
                .Add<SweepExpiredSharedFiles>("0 */15 * * * ?");
        });
        // Waiting lets a running job finish (it sees the stopping token) before the database goes away.
        builder.Services.AddQuartzHostedService(hosted => hosted.WaitForJobsToComplete = true);
        return builder;
    }
}
