using Hangfire;

namespace Meurs.Web.Features.Jobs;

/// <summary>
/// The base of every recurring job: runs the job's work as of the app's clock and logs what it changed. Hangfire
/// records each run (state, duration, result, exception) and shows it on the dashboard at <c>/admin/jobs</c>.
/// A job's id in Hangfire is its class name. A failure is not retried: the next scheduled run is the retry, and the
/// dashboard keeps the failed run with its exception until an administrator requeues or deletes it.
/// </summary>
/// <remarks>
/// Hangfire builds a job from a scope of its own for each run (<see cref="Hangfire.AspNetCore.AspNetCoreJobActivator"/>),
/// so a job may depend on scoped services such as the database context. "Now" comes from the app's
/// <see cref="TimeProvider"/>, which tests replace with a clock of their own. Each job class lives in the feature
/// whose tables it cleans and is registered there with <see cref="JobsFeature.AddRecurringJob{TJob}"/>.
/// </remarks>
[AutomaticRetry(Attempts = 0, OnAttemptsExceeded = AttemptsExceededAction.Fail)]
// Two runs of one cleanup at once would only race each other; the lock is Hangfire's, held in its storage.
[DisableConcurrentExecution(timeoutInSeconds: 60)]
public abstract class MeursJob(TimeProvider time, ILogger logger)
{
    /// <summary>The job's name: its class name, which is also its recurring job id in Hangfire.</summary>
    public string Name => GetType().Name;

    /// <summary>
    /// Hangfire's entry point: does the job's work once and returns how many things it changed (rooms closed, tokens
    /// deleted…), which the dashboard shows as the run's result. Throws whatever the work throws; Hangfire records it
    /// as a failed run. <paramref name="cancellationToken"/> is Hangfire's (the app is stopping).
    /// </summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var affected = await ExecuteAsync(time.GetUtcNow().UtcDateTime, cancellationToken);
        logger.Log(affected > 0 ? LogLevel.Information : LogLevel.Debug, "Job {Job} succeeded: {Affected} affected", Name, affected);
        return affected;
    }

    /// <summary>
    /// Does the job's work as of <paramref name="now"/> (UTC, from the app's clock) and returns how many things it
    /// changed. Throw to fail the run.
    /// </summary>
    protected abstract Task<int> ExecuteAsync(DateTime now, CancellationToken cancellationToken);
}
