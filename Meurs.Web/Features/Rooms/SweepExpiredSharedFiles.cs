using Meurs.Web.Data;
using Meurs.Web.Features.Jobs;
using Microsoft.EntityFrameworkCore;

namespace Meurs.Web.Features.Rooms;

/// <summary>
/// Deletes shared files that can no longer be downloaded: every <see cref="SharedFile"/> whose
/// <see cref="SharedFile.ExpiresAt"/> is at or before now or whose room is closed, its row and its bytes under
/// <see cref="ShareFile.UploadsPath"/>.
/// Also removes what a crash can leave in that folder: a stored file with no row, or an unfinished <c>.part</c> upload,
/// once it is older than <see cref="OrphanAge"/>. Only names rooms give their files (32 hex digits, perhaps with
/// <c>.part</c>) are considered: other features keep their files in the same folder under names of their own (message
/// attachments are <c>m-…</c>), and they are theirs to sweep. Affected: files deleted from disk plus rows deleted.
/// </summary>
/// <remarks>
/// The row goes first: a download looks the row up before opening the file, so once the row is gone nobody starts
/// reading a file about to be deleted. An orphan must be old because an upload in progress writes its bytes before its
/// row (see <see cref="ShareFile"/>); an hour is far longer than any upload within the size limit takes.
/// </remarks>
public sealed class SweepExpiredSharedFiles(
    MeursDbContext db,
    ShareFile share,
    TimeProvider time,
    ILogger<SweepExpiredSharedFiles> logger)
    : MeursJob(time, logger)
{
    /// <summary>How old a file in the uploads folder without a row must be before it is deleted as an orphan.</summary>
    public static readonly TimeSpan OrphanAge = TimeSpan.FromHours(1);

    /// <inheritdoc />
    protected override async Task<int> ExecuteAsync(DateTime now, CancellationToken cancellationToken)
    {
        var expired = await db.SharedFiles
            .Where(f => f.ExpiresAt <= now || db.Rooms.Any(r => r.Id == f.RoomId && r.ClosedAt != null))
            .ToListAsync(cancellationToken);
        db.SharedFiles.RemoveRange(expired);
        await db.SaveChangesAsync(cancellationToken);
        var affected = expired.Count;
        foreach (var file in expired)
        {
            affected += Delete(Path.Combine(share.UploadsPath, file.StoredName)) ? 1 : 0;
        }
        return affected + await DeleteOrphansAsync(now, cancellationToken);
    }

    private async Task<int> DeleteOrphansAsync(DateTime now, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(share.UploadsPath))
        {
            return 0;
        }
        var oldEnough = now - OrphanAge;
        var candidates = new DirectoryInfo(share.UploadsPath).EnumerateFiles()
            .Where(f => f.LastWriteTimeUtc <= oldEnough && IsRoomsName(f.Name))
            .ToList();
        if (candidates.Count == 0)
        {
            return 0;
        }
        var known = (await db.SharedFiles.AsNoTracking().Select(f => f.Id).ToListAsync(cancellationToken))
            .Select(id => id.ToString("N"))
            .ToHashSet(StringComparer.Ordinal);
        var deleted = 0;
        foreach (var file in candidates.Where(f => !known.Contains(f.Name)))
        {
            deleted += Delete(file.FullName) ? 1 : 0;
        }
        return deleted;
    }

    /// <summary>True for a name <see cref="SharedFile.StoredName"/> gives (a Guid in "N" format), or its unfinished upload's.</summary>
    public static bool IsRoomsName(string fileName)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        var stem = fileName.EndsWith(".part", StringComparison.Ordinal) ? fileName[..^5] : fileName;
        return stem.Length == 32 && Guid.TryParseExact(stem, "N", out _);
    }

    private static bool Delete(string path)
    {
        if (!File.Exists(path))
        {
            return false;
        }
        File.Delete(path);
        return true;
    }
}
