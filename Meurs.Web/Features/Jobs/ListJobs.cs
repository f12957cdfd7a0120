using Quartz;

namespace Meurs.Web.Features.Jobs;

/// <summary>Every job the scheduler holds, with its triggers' state and next firing (from Quartz) and its latest run (from <see cref="JobRun"/>).</summary>
public sealed class ListJobs(ISchedulerFactory schedulers, JobRunLog runs)
{
    /// <summary>The jobs, ordered by name.</summary>
    public async Task<IReadOnlyList<JobStatus>> HandleAsync(CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var jobs = new List<JobStatus>();
        foreach (var key in (await scheduler.GetJobKeys(GroupMatcher<JobKey>.AnyGroup(), cancellationToken)).OrderBy(k => k.Name, StringComparer.Ordinal))
        {
            var triggers = new List<TriggerStatus>();
            foreach (var trigger in await scheduler.GetTriggersOfJob(key, cancellationToken))
            {
                var state = await scheduler.GetTriggerState(trigger.Key, cancellationToken);
                triggers.Add(new TriggerStatus(trigger.Key.Name, trigger.Description, state, trigger.NextFireTimeUtc?.UtcDateTime, trigger.PreviousFireTimeUtc?.UtcDateTime));
            }
            jobs.Add(new JobStatus(key.Name, [.. triggers.OrderBy(t => t.Schedule is null).ThenBy(t => t.Name, StringComparer.Ordinal)], await runs.LastAsync(key.Name, cancellationToken)));
        }
        return jobs;
    }
}
