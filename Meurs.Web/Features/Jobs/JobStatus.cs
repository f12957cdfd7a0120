using Quartz;

namespace Meurs.Web.Features.Jobs;

/// <summary>One job on the admin page: its triggers and its latest recorded run.</summary>
/// <param name="Name">The job's name (class name and Quartz job key).</param>
/// <param name="Triggers">Its triggers, scheduled ones first; empty when it is not scheduled.</param>
/// <param name="LastRun">Its latest <see cref="JobRun"/>, or null if it has not run.</param>
public sealed record JobStatus(string Name, IReadOnlyList<TriggerStatus> Triggers, JobRun? LastRun)
{
    /// <summary>True when the job has triggers and every one of them is paused.</summary>
    public bool IsPaused => Triggers.Count > 0 && Triggers.All(t => t.State == TriggerState.Paused);

    /// <summary>True when at least one trigger can still fire.</summary>
    public bool IsScheduled => Triggers.Any(t => t.State != TriggerState.Paused && t.NextFireAt is not null);

    /// <summary>The earliest next firing of any trigger (UTC), or null.</summary>
    public DateTime? NextFireAt => Triggers.Where(t => t.State != TriggerState.Paused).Min(t => t.NextFireAt);
}
