using System.Globalization;
using Hangfire;
using Hangfire.States;
using Microsoft.Extensions.DependencyInjection;

namespace Meurs.Tests.Web.Support;

/// <summary>
/// Runs the app's recurring jobs the way an administrator's "Trigger now" does: through Hangfire's recurring job
/// manager, then waits until the host's own Hangfire server has finished the run and reads its outcome from storage.
/// </summary>
public static class HangfireJobs
{
    /// <summary>One finished run: Hangfire's final state name, the job's result (things changed) and the exception text of a failure.</summary>
    public sealed record Run(string State, int Affected, string? Exception);

    /// <summary>Triggers the recurring job <paramref name="recurringJobId"/> (a job's class name) and waits for its run to end.</summary>
    public static async Task<Run> TriggerAsync(MeursFactory factory, string recurringJobId)
    {
        ArgumentNullException.ThrowIfNull(factory);
        var manager = factory.Services.GetRequiredService<IRecurringJobManagerV2>();
        var jobId = manager.TriggerJob(recurringJobId);
        Assert.NotNull(jobId);
        return await FinishedAsync(factory, jobId);
    }

    /// <summary>Waits until the background job <paramref name="jobId"/> has succeeded or failed.</summary>
    public static async Task<Run> FinishedAsync(MeursFactory factory, string jobId)
    {
        ArgumentNullException.ThrowIfNull(factory);
        var storage = factory.Services.GetRequiredService<JobStorage>();
        Hangfire.Storage.StateData? state = null;
        await Poll.UntilAsync(() =>
        {
            using var connection = storage.GetConnection();
            state = connection.GetStateData(jobId);
            return Task.FromResult(state?.Name == SucceededState.StateName || state?.Name == FailedState.StateName);
        }, $"Hangfire job {jobId} to finish");
        var data = state!.Data;
        return new Run(
            state.Name,
            data.TryGetValue("Result", out var result) && result is not null ? int.Parse(result, CultureInfo.InvariantCulture) : 0,
            data.TryGetValue("ExceptionMessage", out var message) ? message : null);
    }
}
