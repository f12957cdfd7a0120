using Meurs.Web.Data;
using Meurs.Web.Features.Jobs;
using Microsoft.EntityFrameworkCore;

namespace Meurs.Web.Features.Messages;

/// <summary>
/// Deletes attachment files that no message holds any more: a stored file (<c>m-{id}</c>, see
/// <see cref="AttachmentStore.StoredNameFor"/>) whose row is gone — its channel or server was deleted, and the database
/// removed the rows with it — and an unfinished upload (<c>staged-….part</c>) left by a crash, each once older than
/// <see cref="OrphanAge"/>. Affected: files deleted.
/// </summary>
/// <remarks>
/// A file is written before its row commits (<see cref="SendMessage"/> moves it into place inside the write), so only a
/// file older than any upload can take is judged; an hour is far beyond that. Names of other features' files in the
/// same folder (rooms' shared files) are left alone.
/// </remarks>
public sealed class SweepOrphanAttachments(MeursDbContext db, AttachmentStore store, TimeProvider time, ILogger<SweepOrphanAttachments> logger)
    : MeursJob(time, logger)
{
    /// <summary>How old a file without a row must be before it is deleted.</summary>
    public static readonly TimeSpan OrphanAge = TimeSpan.FromHours(1);

    /// <inheritdoc />
    protected override async Task<int> ExecuteAsync(DateTime now, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(store.UploadsPath))
        {
            return 0;
        }
        var oldEnough = now - OrphanAge;
        var candidates = new DirectoryInfo(store.UploadsPath).EnumerateFiles()
            .Where(f => f.LastWriteTimeUtc <= oldEnough && (IsStaged(f.Name) || IsStored(f.Name)))
            .ToList();
        if (candidates.Count == 0)
        {
            return 0;
        }
        var stored = candidates.Where(f => IsStored(f.Name)).Select(f => f.Name).ToList();
        var held = (await db.MessageAttachments.AsNoTracking().Where(a => stored.Contains(a.StoredName)).Select(a => a.StoredName).ToListAsync(cancellationToken))
            .ToHashSet(StringComparer.Ordinal);
        var deleted = 0;
        foreach (var file in candidates.Where(f => !held.Contains(f.Name)))
        {
            file.Delete();
            deleted++;
        }
        return deleted;
    }

    private static bool IsStored(string name) => name.Length == 34 && name.StartsWith("m-", StringComparison.Ordinal) && Guid.TryParseExact(name[2..], "N", out _);

    private static bool IsStaged(string name) => name.StartsWith("staged-", StringComparison.Ordinal) && name.EndsWith(".part", StringComparison.Ordinal);
}
