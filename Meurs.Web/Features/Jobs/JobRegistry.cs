using Quartz;

namespace Meurs.Web.Features.Jobs;

/// <summary>
/// Adds jobs to the Quartz scheduler, one call per job: the job is stored durably (so "Run now" works even without a
/// trigger) under its class name, never runs twice at once, and gets a trigger from its schedule unless
/// <see cref="JobsOptions.Scheduling"/> is off or its schedule is <c>off</c>.
/// </summary>
internal sealed class JobRegistry(IQuartzBuilder quartz, JobsOptions options)
{
    /// <summary>
    /// Registers <typeparamref name="TJob"/> with <paramref name="defaultSchedule"/> (a cron expression in UTC or an
    /// interval, see <see cref="JobsOptions.Schedules"/>), which <c>Jobs:Schedules:{name}</c> overrides.
    /// Throws <see cref="FormatException"/> for a schedule that cannot be read.
    /// </summary>
    public JobRegistry Add<TJob>(string defaultSchedule)
        where TJob : MeursJob
    {
        var name = typeof(TJob).Name;
        var key = new JobKey(name);
        quartz.AddJob<TJob>(job => job.WithIdentity(key).StoreDurably().DisallowConcurrentExecution());
        var schedule = JobSchedule.Parse(name, options.Schedules.GetValueOrDefault(name, defaultSchedule));
        if (options.Scheduling && schedule is not null)
        {
            quartz.AddTrigger<TJob>(trigger => schedule.Apply(trigger.WithIdentity(name).ForJob(key), DateTimeOffset.UtcNow));
        }
        return this;
    }
}
