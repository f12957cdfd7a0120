using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Meurs.Web.Features.Library;

/// <summary>
/// The files under the library folder that browsers can play, found recursively by extension. Only files in this
/// index are ever streamed, so no request path can reach outside the folder: a name is looked up, never joined to a path.
/// Symbolic links and hidden entries are skipped for the same reason.
/// </summary>
public sealed class MediaLibrary(IOptions<LibraryOptions> options, IWebHostEnvironment environment, TimeProvider clock)
{
    private static readonly Dictionary<string, (MediaKind Kind, string ContentType)> Types = new(StringComparer.OrdinalIgnoreCase)
    {
        [".mp3"] = (MediaKind.Audio, "audio/mpeg"),
        [".ogg"] = (MediaKind.Audio, "audio/ogg"),
        [".opus"] = (MediaKind.Audio, "audio/ogg"),
        [".m4a"] = (MediaKind.Audio, "audio/mp4"),
        [".flac"] = (MediaKind.Audio, "audio/flac"),
        [".wav"] = (MediaKind.Audio, "audio/wav"),
        [".mp4"] = (MediaKind.Video, "video/mp4"),
        [".webm"] = (MediaKind.Video, "video/webm"),
    };

    private readonly ConcurrentDictionary<(string Path, long Size, DateTime Modified), TimeSpan?> durations = new();
    private readonly Lock gate = new();
    private Snapshot? snapshot;

    /// <summary>The absolute library folder.</summary>
    public string Root => System.IO.Path.GetFullPath(options.Value.Path, environment.ContentRootPath);

    /// <summary>Every playable file, ordered by folder then title.</summary>
    public IReadOnlyList<MediaItem> Items() => Current().Items;

    /// <summary>Items whose title or folder contains <paramref name="query"/> (ignoring case); all items for an empty query.</summary>
    public IReadOnlyList<MediaItem> Search(string? query)
    {
        var q = query?.Trim();
        var items = Items();
        return string.IsNullOrEmpty(q)
            ? items
            : [.. items.Where(i => i.Title.Contains(q, StringComparison.OrdinalIgnoreCase) || i.Path.Contains(q, StringComparison.OrdinalIgnoreCase))];
    }

    /// <summary>The item at <paramref name="path"/> (as in <see cref="MediaItem.Path"/>) and its file, or null when the library has no such file.</summary>
    public (MediaItem Item, string FilePath)? Find(string path)
    {
        var current = Current();
        return current.ByPath.TryGetValue(path, out var item) ? (item, System.IO.Path.Combine(current.Root, item.Path)) : null;
    }

    private Snapshot Current()
    {
        lock (gate)
        {
            var now = clock.GetUtcNow();
            if (snapshot is null || now - snapshot.TakenAt > options.Value.RescanAfter)
            {
                snapshot = Scan(now);
            }
            return snapshot;
        }
    }

    private Snapshot Scan(DateTimeOffset now)
    {
        var root = Root;
        var items = new List<MediaItem>();
        if (Directory.Exists(root))
        {
            var enumeration = new EnumerationOptions
            {
                RecurseSubdirectories = true,
                IgnoreInaccessible = true,
                AttributesToSkip = FileAttributes.Hidden | FileAttributes.System | FileAttributes.ReparsePoint,
            };
            foreach (var file in new DirectoryInfo(root).EnumerateFiles("*", enumeration))
            {
                if (!Types.TryGetValue(file.Extension, out var type) || file.Name.StartsWith('.'))
                {
                    continue;
                }
                var relative = System.IO.Path.GetRelativePath(root, file.FullName).Replace('\\', '/');
                var folder = System.IO.Path.GetDirectoryName(relative)?.Replace('\\', '/') ?? "";
                var duration = durations.GetOrAdd((file.FullName, file.Length, file.LastWriteTimeUtc), key => MediaDuration.TryRead(key.Path));
                items.Add(new MediaItem(relative, TitleOf(file.Name), folder, type.Kind, type.ContentType, file.Length, duration));
            }
        }
        items.Sort((a, b) => string.Compare(a.Folder, b.Folder, StringComparison.OrdinalIgnoreCase) is var c and not 0
            ? c
            : string.Compare(a.Title, b.Title, StringComparison.OrdinalIgnoreCase));
        return new Snapshot(now, root, items, items.ToDictionary(i => i.Path, StringComparer.Ordinal));
    }

    /// <summary>"01_my-song.mp3" becomes "01 my song": the name without extension, separators as spaces.</summary>
    internal static string TitleOf(string fileName)
    {
        var title = System.IO.Path.GetFileNameWithoutExtension(fileName).Replace('_', ' ').Replace('-', ' ').Trim();
        return title.Length == 0 ? fileName : string.Join(' ', title.Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    private sealed record Snapshot(DateTimeOffset TakenAt, string Root, IReadOnlyList<MediaItem> Items, IReadOnlyDictionary<string, MediaItem> ByPath);
}
