using Meurs.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Meurs.Web.Features.Library;

/// <summary>
/// The read side of the library index: the <see cref="LibraryEntry"/> rows held in memory, filtered per request. The
/// first use waits for a scan; later uses serve what is held and start a rescan in the background once it is older
/// than <see cref="LibraryOptions.RescanAfter"/> (stale while revalidating, so no page waits on the disk).
/// </summary>
public sealed class MediaLibrary(LibraryScan scan, IServiceScopeFactory scopes, IOptions<LibraryOptions> options, TimeProvider clock, ILogger<MediaLibrary> logger)
{
    private readonly Lock gate = new();
    private Snapshot? snapshot;
    private Task<LibraryScanReport>? refreshing;

    /// <summary>The absolute library folder.</summary>
    public string Root => scan.Root;

    /// <summary>Every indexed item: audio first, then by artist, album, track number and title.</summary>
    public async Task<IReadOnlyList<MediaItem>> ItemsAsync(CancellationToken cancellationToken = default) => (await CurrentAsync(cancellationToken)).Items;

    /// <summary>Items where <paramref name="query"/> occurs in any field (see <see cref="MediaItem.Matches"/>); all for an empty query.</summary>
    public async Task<IReadOnlyList<MediaItem>> SearchAsync(string? query, CancellationToken cancellationToken = default)
    {
        var items = await ItemsAsync(cancellationToken);
        var q = query?.Trim();
        return string.IsNullOrEmpty(q) ? items : [.. items.Where(i => i.Matches(q))];
    }

    /// <summary>The item at <paramref name="path"/> (as in <see cref="MediaItem.Path"/>) and its file, or null.</summary>
    public async Task<(MediaItem Item, string FilePath)?> FindAsync(string path, CancellationToken cancellationToken = default)
    {
        var current = await CurrentAsync(cancellationToken);
        return current.ByPath.TryGetValue(path, out var item) ? (item, Path.Combine(Root, item.Path)) : null;
    }

    /// <summary>The item with id <paramref name="id"/> and its file, or null.</summary>
    public async Task<(MediaItem Item, string FilePath)?> FindAsync(Guid id, CancellationToken cancellationToken = default)
    {
        var current = await CurrentAsync(cancellationToken);
        return current.ById.TryGetValue(id, out var item) ? (item, Path.Combine(Root, item.Path)) : null;
    }

    /// <summary>Scans the folder now (only new or changed files are read) and serves the result from then on.</summary>
    public Task<LibraryScanReport> RefreshAsync(CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            // Callers at the same moment share one scan.
            if (refreshing is null || refreshing.IsCompleted)
            {
                refreshing = RefreshCoreAsync(cancellationToken);
            }
            return refreshing;
        }
    }

    private async Task<LibraryScanReport> RefreshCoreAsync(CancellationToken cancellationToken)
    {
        var takenAt = clock.GetUtcNow();
        var report = await scan.RunAsync(cancellationToken);
        if (snapshot is { } held && report.Added + report.Updated + report.Removed == 0)
        {
            // Nothing changed on disk: keep what is held, now known to be current.
            snapshot = held with { TakenAt = takenAt };
            return report;
        }
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MeursDbContext>();
        var entries = await db.LibraryEntries.AsNoTracking().ToListAsync(cancellationToken);
        var items = entries.Select(MediaItem.From)
            .OrderBy(i => i.Kind)
            .ThenBy(i => i.Artist ?? "\uffff", StringComparer.OrdinalIgnoreCase)
            .ThenBy(i => i.Album ?? "\uffff", StringComparer.OrdinalIgnoreCase)
            .ThenBy(i => i.TrackNumber ?? int.MaxValue)
            .ThenBy(i => i.Path, StringComparer.OrdinalIgnoreCase)
            .ToList();
        snapshot = new Snapshot(takenAt, items, items.ToDictionary(i => i.Id), items.ToDictionary(i => i.Path, StringComparer.Ordinal));
        return report;
    }

    private async ValueTask<Snapshot> CurrentAsync(CancellationToken cancellationToken)
    {
        var current = snapshot;
        if (current is null)
        {
            await RefreshAsync(cancellationToken).WaitAsync(cancellationToken);
            return snapshot!;
        }
        if (clock.GetUtcNow() - current.TakenAt > options.Value.RescanAfter)
        {
            _ = RefreshInBackgroundAsync();
        }
        return current;
    }

    private async Task RefreshInBackgroundAsync()
    {
        try
        {
            await RefreshAsync(CancellationToken.None);
        }
        catch (Exception e) when (e is IOException or DbUpdateException or InvalidOperationException or UnauthorizedAccessException)
        {
            // The held snapshot stays; the next request tries again.
            logger.LogWarning(e, "Library rescan failed");
        }
    }

    private sealed record Snapshot(DateTimeOffset TakenAt, IReadOnlyList<MediaItem> Items, IReadOnlyDictionary<Guid, MediaItem> ById, IReadOnlyDictionary<string, MediaItem> ByPath);
}
