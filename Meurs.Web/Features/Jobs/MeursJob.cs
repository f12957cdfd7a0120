using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Quartz;

namespace Meurs.Web.Features.Jobs;

/// <summary>
/// The base of every background job: runs the job's work, times it, logs a failure and records every run as a
/// <see cref="JobRun"/>. A job's name is its class name, which is also its Quartz job key. A failure is caught here
/// rather than handed to Quartz: the next scheduled run is the retry, and the admin page shows what went wrong.
/// </summary>
/// <remarks>
/// Quartz builds a job from a scope of its own for each run, so a job may depend on scoped services such as the
/// database context. "Now" comes from the app's <see cref="TimeProvider"/>, which tests replace with a clock of their own.
/// </remarks>
public abstract class MeursJob(JobRunLog runs, TimeProvider time, ILogger logger) : IJob
{
    /// <summary>The job's name (its class name), as shown on the admin page and stored in <see cref="JobRun.JobName"/>.</summary>
    public string Name => GetType().Name;

    /// <summary>Quartz's entry point: the same as <see cref="RunAsync"/>.</summary>
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default) =>
        await RunAsync(cancellationToken);

    /// <summary>
    /// Runs the job once and records the run. Never throws for a failure of the job itself: the returned run says
    /// <see cref="JobRunOutcome.Failed"/> and carries the error. A failure to record is logged, not thrown.
    /// </summary>
    public async Task<JobRun> RunAsync(CancellationToken cancellationToken)
    {
        var startedAt = time.GetUtcNow().UtcDateTime;
        var started = time.GetTimestamp();
        var outcome = JobRunOutcome.Succeeded;
        var affected = 0;
        string? error = null;
        try
        {
            affected = await ExecuteAsync(startedAt, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            outcome = JobRunOutcome.Failed;
            error = "Cancelled: the app is stopping.";
            logger.LogWarning("Job {Job} was cancelled", Name);
        }
        catch (Exception ex)
        {
            // Whatever a job throws is its failure to record; rethrown, it would only reach Quartz's log.
            outcome = JobRunOutcome.Failed;
            error = JobRun.Truncate(ex.ToString());
            logger.LogError(ex, "Job {Job} failed", Name);
        }

        var run = new JobRun
        {
            JobName = Name,
            StartedAt = startedAt,
            DurationMs = (long)time.GetElapsedTime(started).TotalMilliseconds,
            Outcome = outcome,
            Affected = affected,
            Error = error,
        };
        if (outcome == JobRunOutcome.Succeeded)
        {
            logger.Log(affected > 0 ? LogLevel.Information : LogLevel.Debug, "Job {Job} succeeded in {DurationMs} ms: {Affected} affected", Name, run.DurationMs, affected);
        }
        try
        {
            // Not the job's token: a run that was cancelled by shutdown is still worth recording.
            await runs.RecordAsync(run, CancellationToken.None);
        }
        catch (Exception ex) when (ex is DbUpdateException or SqliteException or InvalidOperationException or ObjectDisposedException)
        {
            logger.LogError(ex, "Recording a run of job {Job} failed", Name);
        }
        return run;
    }

    /// <summary>
    /// Does the job's work as of <paramref name="now"/> (UTC, from the app's clock) and returns how many things it
    /// changed. Throw to fail the run.
    /// </summary>
    protected abstract Task<int> ExecuteAsync(DateTime now, CancellationToken cancellationToken);
}
