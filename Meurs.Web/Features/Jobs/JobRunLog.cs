using Meurs.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Meurs.Web.Features.Jobs;

/// <summary>
/// Writes and reads <see cref="JobRun"/> rows. Each call uses a database context of its own, so a run is recorded even
/// when the job's own context was left unusable by the failure being recorded.
/// </summary>
public sealed class JobRunLog(IServiceScopeFactory scopes, IOptions<JobsOptions> options)
{
    /// <summary>
    /// Stores <paramref name="run"/> and deletes that job's runs older than <see cref="JobsOptions.RunRetention"/>
    /// before it. Throws what the database throws (<see cref="DbUpdateException"/>, <see cref="Microsoft.Data.Sqlite.SqliteException"/>).
    /// </summary>
    public async Task RecordAsync(JobRun run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<MeursDbContext>();
        var keepFrom = run.StartedAt - options.Value.RunRetention;
        // A job runs every few minutes at most, so this finds a row or two each time, never a backlog.
        db.JobRuns.RemoveRange(await db.JobRuns.Where(r => r.JobName == run.JobName && r.StartedAt < keepFrom).ToListAsync(cancellationToken));
        db.JobRuns.Add(run);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The latest run of <paramref name="jobName"/>, or null if it never ran (or its runs have expired).</summary>
    public async Task<JobRun?> LastAsync(string jobName, CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<MeursDbContext>();
        return await db.JobRuns.AsNoTracking()
            .Where(r => r.JobName == jobName)
            .OrderByDescending(r => r.StartedAt).ThenByDescending(r => r.Id)
            .FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>The latest <paramref name="count"/> runs of all jobs, newest first.</summary>
    public async Task<IReadOnlyList<JobRun>> RecentAsync(int count, CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<MeursDbContext>();
        return await db.JobRuns.AsNoTracking()
            .OrderByDescending(r => r.StartedAt).ThenByDescending(r => r.Id)
            .Take(count)
            .ToListAsync(cancellationToken);
    }
}
