using Quartz;

namespace Meurs.Web.Features.Jobs;

/// <summary>An administrator's command on one job: run it now, or pause or resume its triggers.</summary>
public sealed class ControlJob(ISchedulerFactory schedulers)
{
    /// <summary>What to do.</summary>
    public enum Command
    {
        /// <summary>Fire the job once, now, in the background (its run is recorded like any other). Works while paused.</summary>
        Run,

        /// <summary>Pause every trigger of the job: it stops firing by itself until resumed.</summary>
        Pause,

        /// <summary>Resume its paused triggers; a firing missed meanwhile follows the trigger's misfire rule.</summary>
        Resume,
    }

    /// <summary>What happened.</summary>
    public enum Outcome
    {
        /// <summary>The command was carried out.</summary>
        Done,

        /// <summary>No job has that name; nothing changed.</summary>
        NotFound,
    }

    /// <summary>Carries out <paramref name="command"/> on the job named <paramref name="jobName"/> (case-sensitive).</summary>
    public async Task<Outcome> HandleAsync(string? jobName, Command command, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(jobName) || jobName.Length > JobRun.JobNameMaxLength)
        {
            return Outcome.NotFound;
        }
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var key = new JobKey(jobName);
        if (!await scheduler.Exists(key, cancellationToken))
        {
            return Outcome.NotFound;
        }
        switch (command)
        {
            case Command.Run:
                await scheduler.TriggerJob(key, cancellationToken);
                break;
            case Command.Pause:
                await scheduler.PauseJob(key, cancellationToken);
                break;
            case Command.Resume:
                await scheduler.ResumeJob(key, cancellationToken);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(command), command, "Unknown job command");
        }
        return Outcome.Done;
    }
}
