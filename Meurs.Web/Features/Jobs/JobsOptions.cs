namespace Meurs.Web.Features.Jobs;

/// <summary>
/// Background jobs, bound from the <c>Jobs</c> configuration section (environment: <c>Jobs__RoomIdleTimeout</c>,
/// <c>Jobs__Schedules__ClearIdleRooms</c>, …).
/// </summary>
public sealed class JobsOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Jobs";

    /// <summary>
    /// When false, no job fires by itself: every job is still registered and can be run from the admin page (or by
    /// tests), but no trigger is scheduled. Default true.
    /// </summary>
    public bool Scheduling { get; set; } = true;

    /// <summary>
    /// Schedule overrides by job name (the job's class name, e.g. <c>ClearIdleRooms</c>). A value is a Quartz cron
    /// expression evaluated in UTC (seconds first: <c>0 */5 * * * ?</c> is every five minutes; <c>@hourly</c> works too),
    /// an interval written as a time span (<c>00:05:00</c>; the first run is one interval after start), or <c>off</c>.
    /// A job not listed keeps the schedule it was registered with. A value that reads as neither stops the app at start.
    /// </summary>
    public Dictionary<string, string> Schedules { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// How long an open room may go with nobody in it and no event (message, join, leave) before
    /// <see cref="ClearIdleRooms"/> deletes its history and closes it. Default 30 minutes; must be positive.
    /// </summary>
    public TimeSpan RoomIdleTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// How long a revoked access token is kept (so its owner still sees it listed as revoked) before
    /// <see cref="SweepExpiredTokens"/> deletes it. Expired tokens go at once. Default 7 days; must not be negative.
    /// </summary>
    public TimeSpan RevokedTokenRetention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How long <see cref="JobRun"/> rows are kept. Default 30 days; must be positive.</summary>
    public TimeSpan RunRetention { get; set; } = TimeSpan.FromDays(30);
}
