using System.Linq.Expressions;
using Hangfire;

namespace Meurs.Web.Features.Jobs;

/// <summary>
/// One recurring job as a feature registered it (<see cref="JobsFeature.AddRecurringJob{TJob}"/>): its name (the class
/// name, also its Hangfire id and its key under <c>Jobs:Schedules</c>) and its default schedule.
/// </summary>
public abstract class RecurringJobDefinition
{
    private protected RecurringJobDefinition(string name, string defaultSchedule)
    {
        Name = name;
        DefaultSchedule = defaultSchedule;
    }

    /// <summary>The job's class name, e.g. <c>ClearIdleRooms</c>.</summary>
    public string Name { get; }

    /// <summary>The schedule used when <c>Jobs:Schedules:{Name}</c> is not set (see <see cref="JobSchedule"/>).</summary>
    public string DefaultSchedule { get; }

    /// <summary>Adds or updates the job in Hangfire with <paramref name="cron"/> (5-field, UTC).</summary>
    public abstract void AddOrUpdate(IRecurringJobManager manager, string cron);
}

/// <summary>A <see cref="RecurringJobDefinition"/> for <typeparamref name="TJob"/>.</summary>
/// <typeparam name="TJob">The job class.</typeparam>
public sealed class RecurringJobDefinition<TJob>(string defaultSchedule) : RecurringJobDefinition(typeof(TJob).Name, defaultSchedule)
    where TJob : MeursJob
{
    // CancellationToken.None in the expression is Hangfire's placeholder: each run gets the server's stopping token.
    private static readonly Expression<Func<TJob, Task>> Run = job => job.RunAsync(CancellationToken.None);

    /// <inheritdoc />
    public override void AddOrUpdate(IRecurringJobManager manager, string cron) =>
        manager.AddOrUpdate(Name, Run, cron, new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
}
