using Quartz;

namespace Meurs.Web.Features.Jobs;

/// <summary>One trigger of a job as the scheduler sees it now.</summary>
/// <param name="Name">The trigger's key name (a scheduled trigger is named after its job).</param>
/// <param name="Schedule">The schedule as configured (cron expression or interval), or null for a one-off firing such as "Run now".</param>
/// <param name="State">Quartz's state: <see cref="TriggerState.Normal"/>, <see cref="TriggerState.Paused"/>, …</param>
/// <param name="NextFireAt">When it fires next (UTC), or null when it never will.</param>
/// <param name="PreviousFireAt">When it last fired (UTC), or null since the app started (the store is in memory).</param>
public sealed record TriggerStatus(string Name, string? Schedule, TriggerState State, DateTime? NextFireAt, DateTime? PreviousFireAt);
