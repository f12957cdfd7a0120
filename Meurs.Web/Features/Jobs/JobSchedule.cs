using System.Globalization;
using Quartz;

namespace Meurs.Web.Features.Jobs;

/// <summary>A job's schedule as written in configuration: a Quartz cron expression (UTC), an interval, or <c>off</c>.</summary>
internal sealed class JobSchedule
{
    private readonly string text;
    private readonly TimeSpan? interval;

    private JobSchedule(string text, TimeSpan? interval)
    {
        this.text = text;
        this.interval = interval;
    }

    /// <summary>
    /// Reads <paramref name="text"/>: <c>off</c> (or empty) gives null; a time span with a colon (<c>00:05:00</c>,
    /// <c>1.00:00:00</c>) an interval; anything else must be a Quartz cron expression. Throws
    /// <see cref="FormatException"/> naming <paramref name="jobName"/> when it is none of these.
    /// </summary>
    public static JobSchedule? Parse(string jobName, string? text)
    {
        var value = text?.Trim() ?? "";
        if (value.Length == 0 || string.Equals(value, "off", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        // A bare number would read as days; requiring the colon keeps "5" from meaning five days.
        if (value.Contains(':', StringComparison.Ordinal) && !value.Contains(' ', StringComparison.Ordinal))
        {
            return TimeSpan.TryParse(value, CultureInfo.InvariantCulture, out var every) && every > TimeSpan.Zero
                ? new JobSchedule(value, every)
                : throw new FormatException($"Jobs:Schedules:{jobName} = \"{value}\" is not a positive interval such as 00:05:00.");
        }
        return CronExpression.TryParse(value, out _)
            ? new JobSchedule(value, null)
            : throw new FormatException($"Jobs:Schedules:{jobName} = \"{value}\" is neither a Quartz cron expression (such as \"0 */5 * * * ?\"), an interval (00:05:00) nor \"off\".");
    }

    /// <summary>Points <paramref name="trigger"/> at this schedule; an interval's first run is one interval from <paramref name="now"/>.</summary>
    public void Apply<TJob>(ITriggerConfigurator<TJob> trigger, DateTimeOffset now)
        where TJob : IJob
    {
        trigger.WithDescription(text);
        if (interval is { } every)
        {
            trigger.WithSchedule(SimpleScheduleBuilder.Create().WithInterval(every).RepeatForever()).StartAt(now + every);
        }
        else
        {
            trigger.WithSchedule(CronScheduleBuilder.Create(text).InTimeZone(TimeZoneInfo.Utc)).StartNow();
        }
    }
}
