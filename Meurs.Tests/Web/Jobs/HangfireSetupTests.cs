using System.Text.Json;
using Hangfire;
using Hangfire.Storage;
using Hangfire.Storage.SQLite;
using Meurs.Tests.Web.Support;
using Meurs.Web.Features.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Meurs.Tests.Web.Jobs;

/// <summary>How Hangfire is set up: schedules from configuration, persistent storage beside the database, failures
/// recorded and not retried, and one native SQLite shared with EF Core.</summary>
public sealed class HangfireSetupTests
{
    private static readonly string[] JobNames = ["ClearIdleRooms", "EndIdleSessions", "SweepExpiredSharedFiles", "SweepExpiredTokens", "SweepOrphanAttachments"];

    [Fact]
    public void Start_SchedulingOff_EveryJobRegisteredButNeverFires()
    {
        using var factory = new MeursFactory();

        var jobs = RecurringJobs(factory);

        Assert.Equal(JobNames, jobs.Select(j => j.Id).Order(StringComparer.Ordinal));
        Assert.All(jobs, j => Assert.Equal(Cron.Never(), j.Cron));
    }

    [Fact]
    public void Start_SchedulingOn_ConfiguredDefaultAndOffSchedules()
    {
        using var factory = MeursFactory.With(settings: new Dictionary<string, string?>
        {
            ["Jobs:Scheduling"] = "true",
            ["Jobs:Schedules:ClearIdleRooms"] = "0 */10 * * * ?",
            ["Jobs:Schedules:SweepExpiredSharedFiles"] = "off",
        });

        var jobs = RecurringJobs(factory).ToDictionary(j => j.Id, j => j);

        Assert.Equal("*/10 * * * *", jobs["ClearIdleRooms"].Cron);
        Assert.Equal("17 * * * *", jobs["SweepExpiredTokens"].Cron);
        Assert.Equal(Cron.Never(), jobs["SweepExpiredSharedFiles"].Cron);
        Assert.All(jobs.Values, j => Assert.Equal("UTC", j.TimeZoneId));
        Assert.NotNull(jobs["ClearIdleRooms"].NextExecution);
    }

    [Fact]
    public void Start_UnreadableSchedule_DoesNotStartAndNamesTheSetting()
    {
        using var factory = MeursFactory.With(settings: new Dictionary<string, string?>
        {
            ["Jobs:Scheduling"] = "true",
            ["Jobs:Schedules:SweepExpiredTokens"] = "every hour",
        });

        var ex = Assert.ThrowsAny<Exception>(() => factory.Services);

        Assert.Contains("Jobs:Schedules:SweepExpiredTokens", ex.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Storage_IsJobsDbBesideTheDatabase_AndKeepsRunsOnDisk()
    {
        using var factory = new MeursFactory();
        var run = await HangfireJobs.TriggerAsync(factory, "SweepExpiredTokens");
        Assert.Equal("Succeeded", run.State);

        // A second storage on the same file (as after a restart) sees the schedule and the finished run.
        var path = Path.Combine(factory.DataPath, JobsFeature.StorageFileName);
        Assert.True(File.Exists(path));
        using var reopened = new SQLiteStorage(path, new SQLiteStorageOptions());
        using var connection = reopened.GetConnection();
        Assert.Equal(JobNames, connection.GetRecurringJobs().Select(j => j.Id).Order(StringComparer.Ordinal));
        Assert.Equal(1, reopened.GetMonitoringApi().SucceededListCount());
    }

    [Fact]
    public async Task FailingJob_IsRecordedFailedWithItsErrorAndNotRetried()
    {
        using var factory = MeursFactory.With(services => services.AddRecurringJob<FailingJob>("off"));

        var run = await HangfireJobs.TriggerAsync(factory, nameof(FailingJob));

        Assert.Equal("Failed", run.State);
        Assert.Contains(FailingJob.Message, run.Exception, StringComparison.Ordinal);
        var monitoring = factory.Services.GetRequiredService<JobStorage>().GetMonitoringApi();
        Assert.Equal(1, monitoring.FailedCount());
        Assert.Equal(0, monitoring.ScheduledCount()); // a retry would be scheduled
    }

    [Fact]
    public async Task EfCoreAndHangfire_OneProcess_ShareOneNativeSqlite()
    {
        using var factory = new MeursFactory();
        Assert.Equal("Succeeded", (await HangfireJobs.TriggerAsync(factory, "SweepExpiredTokens")).State);
        var efVersion = await factory.WithDbAsync(db => db.Database.SqlQueryRaw<string>("SELECT sqlite_version() AS Value").SingleAsync());
        using var sqliteNet = new SQLite.SQLiteConnection(Path.Combine(factory.DataPath, JobsFeature.StorageFileName));
        var hangfireVersion = sqliteNet.ExecuteScalar<string>("SELECT sqlite_version()");

        Assert.Equal(efVersion, hangfireVersion);
        // Both libraries loaded the same file: the process maps exactly one e_sqlite3.
        var mapped = File.ReadLines("/proc/self/maps")
            .Where(l => l.EndsWith("/libe_sqlite3.so", StringComparison.Ordinal))
            .Select(l => l[l.IndexOf('/', StringComparison.Ordinal)..])
            .Distinct()
            .ToList();
        Assert.Single(mapped);
        // And the build ships one: exactly one package in the app's dependency graph carries a native e_sqlite3.
        using var deps = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "meurs.deps.json")));
        var carriers = deps.RootElement.GetProperty("targets").EnumerateObject().Single().Value.EnumerateObject()
            .Where(p => p.Value.TryGetProperty("runtimeTargets", out var targets)
                && targets.EnumerateObject().Any(t => t.Name.EndsWith("/libe_sqlite3.so", StringComparison.Ordinal)))
            .Select(p => p.Name)
            .ToList();
        Assert.Equal(["SourceGear.sqlite3/3.53.4"], carriers);
    }

    private static List<RecurringJobDto> RecurringJobs(MeursFactory factory)
    {
        using var connection = factory.Services.GetRequiredService<JobStorage>().GetConnection();
        return connection.GetRecurringJobs();
    }
}

/// <summary>A job that always throws, registered by <see cref="HangfireSetupTests"/> only.</summary>
public sealed class FailingJob(TimeProvider time, ILogger<FailingJob> logger) : MeursJob(time, logger)
{
    public const string Message = "the failing job failed on purpose";

    protected override Task<int> ExecuteAsync(DateTime now, CancellationToken cancellationToken) =>
        throw new InvalidOperationException(Message);
}
