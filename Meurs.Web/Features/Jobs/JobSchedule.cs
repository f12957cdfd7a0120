using System.Globalization;
using Hangfire;

namespace Meurs.Web.Features.Jobs;

/// <summary>
/// A job's schedule as written in configuration (<c>Jobs:Schedules:{Job}</c>), turned into the 5-field cron expression
/// Hangfire takes (minute hour day-of-month month day-of-week, evaluated in UTC).
/// </summary>
/// <remarks>
/// Accepted, so that configurations written for the Quartz scheduler of earlier releases keep working:
/// <list type="bullet">
/// <item>a 5-field cron expression (<c>*/5 * * * *</c>); <c>?</c> is read as <c>*</c>;</item>
/// <item>a Quartz 6-field expression whose seconds field is <c>0</c> (<c>0 */5 * * * ?</c>): the seconds field is
/// dropped. Other seconds are refused, because Hangfire schedules to the minute;</item>
/// <item>an interval written as a time span (<c>00:05:00</c>) that divides an hour into whole minutes
/// (<c>*/5 * * * *</c>) or a day into whole hours (<c>0 */6 * * *</c>), or exactly one day (<c>0 0 * * *</c>): cron
/// can only express those. Unlike Quartz's intervals they count from the hour or the day, not from the start;</item>
/// <item><c>off</c> (or empty): the job never fires by itself but stays listed and can be triggered.</item>
/// </list>
/// </remarks>
public static class JobSchedule
{
    /// <summary>
    /// The 5-field cron expression for <paramref name="text"/>, or <see cref="Cron.Never"/> for <c>off</c>. Throws
    /// <see cref="FormatException"/> naming <c>Jobs:Schedules:{jobName}</c> when it is none of the accepted forms.
    /// Field values are checked by Hangfire when the job is added (<see cref="Register"/>).
    /// </summary>
    public static string ToCron(string jobName, string? text)
    {
        var value = text?.Trim() ?? "";
        if (value.Length == 0 || string.Equals(value, "off", StringComparison.OrdinalIgnoreCase))
        {
            return Cron.Never();
        }
        if (value.Contains(':', StringComparison.Ordinal) && !value.Contains(' ', StringComparison.Ordinal))
        {
            return FromInterval(jobName, value);
        }
        var fields = value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length == 6 && fields[0] == "0")
        {
            fields = fields[1..];
        }
        return fields.Length == 5
            ? string.Join(' ', fields.Select(f => f == "?" ? "*" : f))
            : throw Unreadable(jobName, value);
    }

    /// <summary>
    /// Adds or updates <paramref name="job"/> in Hangfire with its schedule: <see cref="Cron.Never"/> when
    /// <paramref name="scheduling"/> is off, otherwise <paramref name="configured"/> (or the job's default) through
    /// <see cref="ToCron"/>. Throws <see cref="FormatException"/> naming the setting for a schedule Hangfire refuses.
    /// </summary>
    public static void Register(IRecurringJobManager manager, RecurringJobDefinition job, bool scheduling, string? configured)
    {
        ArgumentNullException.ThrowIfNull(manager);
        ArgumentNullException.ThrowIfNull(job);
        var text = configured ?? job.DefaultSchedule;
        var cron = scheduling ? ToCron(job.Name, text) : Cron.Never();
        try
        {
            job.AddOrUpdate(manager, cron);
        }
        catch (ArgumentException ex)
        {
            throw new FormatException(Unreadable(job.Name, text).Message + " " + ex.Message, ex);
        }
    }

    private static string FromInterval(string jobName, string value)
    {
        if (!TimeSpan.TryParse(value, CultureInfo.InvariantCulture, out var every) || every <= TimeSpan.Zero)
        {
            throw Unreadable(jobName, value);
        }
        if (every.Ticks % TimeSpan.TicksPerMinute == 0 && every < TimeSpan.FromHours(1) && 60 % every.TotalMinutes == 0)
        {
            return every.TotalMinutes == 1 ? "* * * * *" : $"*/{every.TotalMinutes:0} * * * *";
        }
        if (every.Ticks % TimeSpan.TicksPerHour == 0 && every < TimeSpan.FromDays(1) && 24 % every.TotalHours == 0)
        {
            return every.TotalHours == 1 ? "0 * * * *" : $"0 */{every.TotalHours:0} * * *";
        }
        return every == TimeSpan.FromDays(1)
            ? "0 0 * * *"
            : throw new FormatException($"Jobs:Schedules:{jobName} = \"{value}\": an interval must divide an hour into whole minutes or a day into whole hours (00:05:00, 06:00:00), or be 1.00:00:00; write a cron expression for anything else.");
    }

    private static FormatException Unreadable(string jobName, string value) =>
        new($"Jobs:Schedules:{jobName} = \"{value}\" is neither a 5-field cron expression in UTC (such as \"*/5 * * * *\"), a Quartz one with 0 seconds (\"0 */5 * * * ?\"), an interval (00:05:00) nor \"off\".");
}
