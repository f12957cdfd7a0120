using System.Diagnostics;
using Meurs.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Meurs.Web.Features.Library;

/// <summary>What one scan did: files whose tags were read (added or changed), rows dropped, files left alone.</summary>
/// <param name="Added">New files, read and indexed.</param>
/// <param name="Updated">Files whose size or modification time changed, read again.</param>
/// <param name="Removed">Rows whose file is gone (or no longer a playable file).</param>
/// <param name="Unchanged">Files with the same size and modification time as indexed: not opened.</param>
/// <param name="Elapsed">Wall time of the scan, enumeration to commit.</param>
public sealed record LibraryScanReport(int Added, int Updated, int Removed, int Unchanged, TimeSpan Elapsed);

/// <summary>
/// Brings the <see cref="LibraryEntry"/> rows in line with the library folder. A file is opened only when it is new or
/// its size or last write time differs from its row, so a rescan of an unchanged library reads directories, not files.
/// Only regular files with a playable extension are indexed; hidden entries and symbolic links are skipped, so nothing
/// outside the folder is ever indexed (and so ever streamed: a request path is looked up, never joined to a path).
/// </summary>
public sealed class LibraryScan(IServiceScopeFactory scopes, IOptions<LibraryOptions> options, IWebHostEnvironment environment, ILogger<LibraryScan> logger) : IDisposable
{
    // The playable extensions; their MIME types come from MediaTypes.
    private static readonly Dictionary<string, MediaKind> Kinds = new(StringComparer.OrdinalIgnoreCase)
    {
        [".mp3"] = MediaKind.Audio, [".ogg"] = MediaKind.Audio, [".opus"] = MediaKind.Audio, [".m4a"] = MediaKind.Audio,
        [".flac"] = MediaKind.Audio, [".wav"] = MediaKind.Audio, [".mp4"] = MediaKind.Video, [".webm"] = MediaKind.Video,
    };

    // One scan at a time: two would both insert a new file and break the unique path index.
    private readonly SemaphoreSlim gate = new(1, 1);

    /// <summary>The absolute library folder.</summary>
    public string Root => Path.GetFullPath(options.Value.Path, environment.ContentRootPath);

    /// <summary>Scans the folder and updates the index in one transaction.</summary>
    public async Task<LibraryScanReport> RunAsync(CancellationToken cancellationToken = default)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            var clock = Stopwatch.StartNew();
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<MeursDbContext>();
            // Untracked and only the columns compared: an unchanged library costs one light query, not 5,000 tracked rows.
            var indexed = await db.LibraryEntries.AsNoTracking()
                .Select(e => new IndexedFile(e.Id, e.Path, e.Size, e.ModifiedAtMs, e.Kind))
                .ToDictionaryAsync(e => e.Path, StringComparer.Ordinal, cancellationToken);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            int added = 0, updated = 0, unchanged = 0;
            foreach (var (relative, file) in Files(Root))
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (relative.Length > 1024 || !seen.Add(relative))
                {
                    continue;
                }
                var kind = Kinds[file.Extension];
                var contentType = MediaTypes.For(file.Extension)!;
                var modified = new DateTimeOffset(file.LastWriteTimeUtc).ToUnixTimeMilliseconds();
                if (indexed.TryGetValue(relative, out var known) && known.Size == file.Length && known.ModifiedAtMs == modified && known.Kind == kind)
                {
                    unchanged++;
                    continue;
                }
                var tags = MediaTags.Read(file.FullName);
                LibraryEntry entry;
                if (known is null)
                {
                    entry = new LibraryEntry { Path = relative, ContentType = contentType, Title = "" };
                    db.LibraryEntries.Add(entry);
                    added++;
                }
                else
                {
                    entry = await db.LibraryEntries.SingleAsync(e => e.Id == known.Id, cancellationToken);
                    updated++;
                }
                entry.Kind = kind;
                entry.ContentType = contentType;
                entry.Size = file.Length;
                entry.ModifiedAtMs = modified;
                entry.Title = tags.Title ?? TitleOf(file.Name);
                entry.Artist = tags.Artist;
                entry.Album = tags.Album;
                entry.TrackNumber = tags.TrackNumber;
                entry.Year = tags.Year;
                entry.DurationMs = tags.Duration is { } d ? (long)Math.Round(d.TotalMilliseconds) : null;
                entry.CoverTag = tags.CoverTag;
            }
            var gone = indexed.Values.Where(e => !seen.Contains(e.Path)).ToList();
            // Deleted by key: a stub stands for each row.
            db.LibraryEntries.RemoveRange(gone.Select(e => new LibraryEntry { Id = e.Id, Path = e.Path, ContentType = "", Title = "" }));
            await db.SaveChangesAsync(cancellationToken);
            var report = new LibraryScanReport(added, updated, gone.Count, unchanged, clock.Elapsed);
            logger.LogInformation("Library scanned in {Elapsed} ms: {Added} added, {Updated} updated, {Removed} removed, {Unchanged} unchanged",
                (long)report.Elapsed.TotalMilliseconds, added, updated, gone.Count, unchanged);
            return report;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <inheritdoc />
    public void Dispose() => gate.Dispose();

    private sealed record IndexedFile(Guid Id, string Path, long Size, long ModifiedAtMs, MediaKind Kind);

    /// <summary>"01_my-song.mp3" becomes "01 my song": the name without extension, separators as spaces.</summary>
    internal static string TitleOf(string fileName)
    {
        var title = Path.GetFileNameWithoutExtension(fileName).Replace('_', ' ').Replace('-', ' ').Trim();
        return title.Length == 0 ? fileName : string.Join(' ', title.Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    private static IEnumerable<(string Relative, FileInfo File)> Files(string root)
    {
        if (!Directory.Exists(root))
        {
            yield break;
        }
        var enumeration = new EnumerationOptions
        {
            RecurseSubdirectories = true,
            IgnoreInaccessible = true,
            AttributesToSkip = FileAttributes.Hidden | FileAttributes.System | FileAttributes.ReparsePoint,
        };
        foreach (var file in new DirectoryInfo(root).EnumerateFiles("*", enumeration))
        {
            if (Kinds.ContainsKey(file.Extension) && !file.Name.StartsWith('.'))
            {
                var relative = Path.GetRelativePath(root, file.FullName).Replace('\\', '/');
                // Hidden folders (".git", ".cache") are skipped like hidden files.
                if (!relative.Split('/').Any(segment => segment.StartsWith('.')))
                {
                    yield return (relative, file);
                }
            }
        }
    }
}
