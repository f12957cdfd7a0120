namespace Meurs.Web.Features.Library;

/// <summary>One playable file of the library as pages and the API show it (read from a <see cref="LibraryEntry"/>).</summary>
/// <param name="Id">The entry's stable id.</param>
/// <param name="Path">Path relative to the library folder with '/' separators, e.g. <c>music/Tones/a440-sine.ogg</c>; the key used in URLs.</param>
/// <param name="Kind">Audio or video.</param>
/// <param name="ContentType">The MIME type it is served with.</param>
/// <param name="Title">Title tag, or a title made from the file name.</param>
/// <param name="Artist">Artist tag, or null.</param>
/// <param name="Album">Album tag, or null.</param>
/// <param name="TrackNumber">Track number, or null.</param>
/// <param name="Year">Year, or null.</param>
/// <param name="Duration">Play time, or null when unknown.</param>
/// <param name="CoverTag">Entity tag of the embedded cover, or null when the item has none (a placeholder is drawn).</param>
public sealed record MediaItem(Guid Id, string Path, MediaKind Kind, string ContentType, string Title, string? Artist, string? Album,
    int? TrackNumber, int? Year, TimeSpan? Duration, string? CoverTag)
{
    /// <summary>The streaming URL, each path segment escaped.</summary>
    public string Url => "/media/" + string.Join('/', Path.Split('/').Select(Uri.EscapeDataString));

    /// <summary>
    /// The cover URL: the embedded picture, or a generated placeholder. The version query changes with the picture, so
    /// a browser may keep it for a long time (see <see cref="LibraryCovers"/>).
    /// </summary>
    public string CoverUrl => $"/library/covers/{Id:N}?v={CoverTag ?? "none"}";

    /// <summary>The folder it sits in, relative to the library, e.g. <c>music/Tones</c>.</summary>
    public string Folder => System.IO.Path.GetDirectoryName(Path)?.Replace('\\', '/') ?? "";

    /// <summary>Element id for the item (stable across renders and rescans).</summary>
    public string ElementId => $"media-{Id:N}";

    /// <summary>Duration in whole milliseconds, or null.</summary>
    public long? DurationMs => Duration is { } d ? (long)Math.Round(d.TotalMilliseconds) : null;

    /// <summary>True when <paramref name="query"/> occurs (ignoring case) in the title, artist, album, year, track number or path.</summary>
    public bool Matches(string query) =>
        Title.Contains(query, StringComparison.OrdinalIgnoreCase)
        || (Artist?.Contains(query, StringComparison.OrdinalIgnoreCase) ?? false)
        || (Album?.Contains(query, StringComparison.OrdinalIgnoreCase) ?? false)
        || Path.Contains(query, StringComparison.OrdinalIgnoreCase)
        || (Year?.ToString(System.Globalization.CultureInfo.InvariantCulture) == query)
        || (TrackNumber?.ToString(System.Globalization.CultureInfo.InvariantCulture) == query);

    /// <summary>"m:ss", or "h:mm:ss" from an hour, to the nearest second (9.99 s is "0:10"); "" when unknown.</summary>
    public static string Format(TimeSpan? duration) => duration is not { } exact ? "" : TimeSpan.FromSeconds(Math.Round(exact.TotalSeconds)) is var d && d.TotalHours >= 1 ? d.ToString(@"h\:mm\:ss", System.Globalization.CultureInfo.InvariantCulture) : d.ToString(@"m\:ss", System.Globalization.CultureInfo.InvariantCulture);

    internal static MediaItem From(LibraryEntry e) => new(e.Id, e.Path, e.Kind, e.ContentType, e.Title, e.Artist, e.Album, e.TrackNumber, e.Year,
        e.DurationMs is { } ms ? TimeSpan.FromMilliseconds(ms) : null, e.CoverTag);
}
