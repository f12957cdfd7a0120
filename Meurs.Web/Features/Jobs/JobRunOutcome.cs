namespace Meurs.Web.Features.Jobs;

/// <summary>How a <see cref="JobRun"/> ended. Stored by name, so values may be added but never renamed.</summary>
public enum JobRunOutcome
{
    /// <summary>The job did its work (possibly finding nothing to do).</summary>
    Succeeded = 0,

    /// <summary>The job threw; <see cref="JobRun.Error"/> says what.</summary>
    Failed = 1,
}
