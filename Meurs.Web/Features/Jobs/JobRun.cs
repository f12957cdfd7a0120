namespace Meurs.Web.Features.Jobs;

/// <summary>One run of a background job, recorded by <see cref="MeursJob"/> whether it succeeded or failed.</summary>
public sealed class JobRun
{
    /// <summary>Longest <see cref="JobName"/>, in characters.</summary>
    public const int JobNameMaxLength = 100;

    /// <summary>Longest <see cref="Error"/>, in characters; longer errors are cut to this length.</summary>
    public const int ErrorMaxLength = 2000;

    /// <summary>Time-ordered id (UUID version 7).</summary>
    public Guid Id { get; init; } = Guid.CreateVersion7();

    /// <summary>The job's name: its class name, which is also its Quartz job key (e.g. <c>ClearIdleRooms</c>).</summary>
    public required string JobName { get; init; }

    /// <summary>When the run started (UTC), read from the app's <see cref="TimeProvider"/>.</summary>
    public DateTime StartedAt { get; init; }

    /// <summary>How long the run took, in milliseconds.</summary>
    public long DurationMs { get; init; }

    /// <summary>How it ended.</summary>
    public JobRunOutcome Outcome { get; init; }

    /// <summary>How many things the run changed (rooms closed, tokens deleted…); 0 for a failed run.</summary>
    public int Affected { get; init; }

    /// <summary>For a failed run: the exception (type, message, stack), at most <see cref="ErrorMaxLength"/> characters; otherwise null.</summary>
    public string? Error { get; init; }

    /// <summary>Cuts <paramref name="error"/> to <see cref="ErrorMaxLength"/> characters, ending it with an ellipsis when cut.</summary>
    public static string Truncate(string error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return error.Length <= ErrorMaxLength ? error : string.Concat(error.AsSpan(0, ErrorMaxLength - 1), "…");
    }
}
