namespace Meurs.Web.Features.Jobs;

/// <summary>
/// Background jobs, bound from the <c>Jobs</c> configuration section (environment: <c>Jobs__RoomIdleTimeout</c>,
/// <c>Jobs__Schedules__ClearIdleRooms</c>, …). Hangfire keeps its state in <c>jobs.db</c> beside the app's database
/// (under <c>Data:Path</c>).
/// </summary>
public sealed class JobsOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Jobs";

    /// <summary>
    /// When false, no job fires by itself: every job is still registered (with a schedule that never comes) and can be
    /// triggered from the dashboard or through Hangfire's API, as tests do. Default true.
    /// </summary>
    public bool Scheduling { get; set; } = true;

    /// <summary>
    /// Schedule overrides by job name (the job's class name, e.g. <c>ClearIdleRooms</c>): a cron expression in UTC, an
    /// interval or <c>off</c>, as <see cref="JobSchedule"/> reads them. A job not listed keeps the schedule it was
    /// registered with. A value that reads as none of these stops the app at start, naming the setting.
    /// </summary>
    public Dictionary<string, string> Schedules { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// How long an open room may go with nobody in it and no event (message, join, leave) before
    /// <see cref="Rooms.ClearIdleRooms"/> deletes its history and closes it. Default 30 minutes; must be positive.
    /// </summary>
    public TimeSpan RoomIdleTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// How long a revoked access token is kept (so its owner still sees it listed as revoked) before
    /// <see cref="Accounts.SweepExpiredTokens"/> deletes it. Expired tokens go at once. Default 7 days; must not be negative.
    /// </summary>
    public TimeSpan RevokedTokenRetention { get; set; } = TimeSpan.FromDays(7);
}
