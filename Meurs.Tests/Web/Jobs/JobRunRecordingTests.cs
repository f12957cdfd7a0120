using Meurs.Tests.Support;
using Meurs.Tests.Web.Support;
using Meurs.Web.Features.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Quartz;

namespace Meurs.Tests.Web.Jobs;

/// <summary>Every run is recorded by the shared job base, whether the job succeeds or throws.</summary>
public sealed class JobRunRecordingTests
{
    private static readonly DateTimeOffset Now = new(2031, 6, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task RunAsync_JobSucceeds_RecordsSucceededRunWithStartDurationAndCount()
    {
        using var factory = MeursFactory.With(services => services.AddSingleton<TimeProvider>(new TestClock(Now)));

        var run = await new ScriptedJob(factory, _ => Task.FromResult(7)).RunAsync(CancellationToken.None);

        var stored = await factory.WithDbAsync(db => db.JobRuns.AsNoTracking().SingleAsync());
        Assert.Equal(run.Id, stored.Id);
        Assert.Equal(nameof(ScriptedJob), stored.JobName);
        Assert.Equal(JobRunOutcome.Succeeded, stored.Outcome);
        Assert.Equal(7, stored.Affected);
        Assert.Equal(Now.UtcDateTime, stored.StartedAt);
        Assert.Equal(DateTimeKind.Utc, stored.StartedAt.Kind);
        Assert.True(stored.DurationMs >= 0);
        Assert.Null(stored.Error);
    }

    [Fact]
    public async Task RunAsync_JobThrows_RecordsFailedRunWithErrorAndDoesNotThrow()
    {
        var clock = new TestClock(Now);
        using var factory = MeursFactory.With(services => services.AddSingleton<TimeProvider>(clock));

        // The job takes 30 ms of the app's clock (durations are measured on it, like every time in the app).
        var run = await new ScriptedJob(factory, async token =>
        {
            clock.Advance(TimeSpan.FromMilliseconds(30));
            await Task.Yield();
            throw new InvalidOperationException("the disk is on fire");
        }).RunAsync(CancellationToken.None);

        Assert.Equal(JobRunOutcome.Failed, run.Outcome);
        var stored = await factory.WithDbAsync(db => db.JobRuns.AsNoTracking().SingleAsync());
        Assert.Equal(JobRunOutcome.Failed, stored.Outcome);
        Assert.Equal(0, stored.Affected);
        Assert.True(stored.DurationMs >= 25, $"duration {stored.DurationMs} ms");
        Assert.StartsWith("System.InvalidOperationException: the disk is on fire", stored.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_HugeError_StoresItCutTo2000Characters()
    {
        using var factory = new MeursFactory();

        await new ScriptedJob(factory, _ => throw new InvalidOperationException(new string('x', 5000))).RunAsync(CancellationToken.None);

        var error = await factory.WithDbAsync(db => db.JobRuns.AsNoTracking().Select(r => r.Error).SingleAsync());
        Assert.Equal(JobRun.ErrorMaxLength, error!.Length);
        Assert.EndsWith("x…", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_Cancelled_RecordsFailedRunSayingSo()
    {
        using var factory = new MeursFactory();
        using var stopping = new CancellationTokenSource();

        var run = await new ScriptedJob(factory, async token =>
        {
            await stopping.CancelAsync();
            token.ThrowIfCancellationRequested();
            return 1;
        }).RunAsync(stopping.Token);

        Assert.Equal(JobRunOutcome.Failed, run.Outcome);
        Assert.Contains("Cancelled", await factory.WithDbAsync(db => db.JobRuns.AsNoTracking().Select(r => r.Error).SingleAsync()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TriggerJob_ThroughTheScheduler_RecordsRunOfThatJob()
    {
        using var factory = new MeursFactory();
        var scheduler = await factory.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();

        await scheduler.TriggerJob(new JobKey(nameof(SweepExpiredTokens)));

        await Poll.UntilAsync(() => factory.WithDbAsync(db => db.JobRuns.AnyAsync(r => r.JobName == nameof(SweepExpiredTokens))), "the triggered run to be recorded");
        var run = await factory.WithDbAsync(db => db.JobRuns.AsNoTracking().SingleAsync());
        Assert.Equal(JobRunOutcome.Succeeded, run.Outcome);
    }

    [Fact]
    public async Task Scheduler_InTests_HoldsEveryJobButNoTrigger()
    {
        using var factory = new MeursFactory();
        var scheduler = await factory.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();

        var jobs = await scheduler.GetJobKeys(GroupMatcher<JobKey>.AnyGroup());

        Assert.Contains(new JobKey(nameof(ClearIdleRooms)), jobs);
        Assert.Contains(new JobKey(nameof(SweepExpiredTokens)), jobs);
        Assert.Empty(await scheduler.GetTriggerKeys(GroupMatcher<TriggerKey>.AnyGroup()));
    }

    [Fact]
    public async Task Scheduler_WithSchedulingOn_HasOneTriggerPerJobAtItsConfiguredSchedule()
    {
        using var factory = MeursFactory.With(settings: new Dictionary<string, string?>
        {
            ["Jobs:Scheduling"] = "true",
            ["Jobs:Schedules:ClearIdleRooms"] = "0 0 0 1 1 ? 2099",
            ["Jobs:Schedules:SweepExpiredTokens"] = "off",
        });
        var scheduler = await factory.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();

        var triggers = await scheduler.GetTriggersOfJob(new JobKey(nameof(ClearIdleRooms)));

        var trigger = Assert.Single(triggers);
        Assert.Equal(new DateTimeOffset(2099, 1, 1, 0, 0, 0, TimeSpan.Zero), trigger.NextFireTimeUtc);
        Assert.Empty(await scheduler.GetTriggersOfJob(new JobKey(nameof(SweepExpiredTokens))));
    }

    /// <summary>A job whose work the test supplies, built from the host's own services like any job.</summary>
    private sealed class ScriptedJob(MeursFactory factory, Func<CancellationToken, Task<int>> work)
        : MeursJob(factory.Services.GetRequiredService<JobRunLog>(), factory.Services.GetRequiredService<TimeProvider>(), NullLogger.Instance)
    {
        protected override Task<int> ExecuteAsync(DateTime now, CancellationToken cancellationToken) => work(cancellationToken);
    }
}
