namespace Meurs.Web.Features.Library;

/// <summary>An album as the home page shows it: the tracks that share an album tag and artist.</summary>
/// <param name="Name">The album tag.</param>
/// <param name="Artist">The artist of its tracks, or null.</param>
/// <param name="Cover">The first track with a cover (else the first track): its cover stands for the album.</param>
/// <param name="Tracks">Its tracks in track-number order.</param>
public sealed record LibraryAlbum(string Name, string? Artist, MediaItem Cover, IReadOnlyList<MediaItem> Tracks);

/// <summary>An artist with how many tracks and albums of theirs match.</summary>
/// <param name="Name">The artist tag.</param>
/// <param name="TrackCount">Matching tracks.</param>
/// <param name="AlbumCount">Distinct albums among them.</param>
public sealed record LibraryArtist(string Name, int TrackCount, int AlbumCount);

/// <summary>The home page's view of the library for one filter: albums, artists, tracks and videos that match it.</summary>
/// <param name="Query">The filter text ("" for none).</param>
/// <param name="Albums">Albums with at least one matching track.</param>
/// <param name="Artists">Artists with at least one matching item.</param>
/// <param name="Tracks">Matching audio items.</param>
/// <param name="Videos">Matching video items.</param>
public sealed record LibraryBrowse(string Query, IReadOnlyList<LibraryAlbum> Albums, IReadOnlyList<LibraryArtist> Artists,
    IReadOnlyList<MediaItem> Tracks, IReadOnlyList<MediaItem> Videos)
{
    /// <summary>Most tracks and videos a page lists; a larger library is narrowed with the filter.</summary>
    public const int MaxListed = 500;

    /// <summary>Longest filter accepted, in UTF-16 code units.</summary>
    public const int MaxQueryLength = 200;

    /// <summary>Builds the view of <paramref name="matching"/> (already filtered by <paramref name="query"/>).</summary>
    public static LibraryBrowse Of(string query, IReadOnlyList<MediaItem> matching)
    {
        ArgumentNullException.ThrowIfNull(matching);
        var tracks = matching.Where(i => i.Kind == MediaKind.Audio).ToList();
        var albums = tracks.Where(t => t.Album is not null)
            .GroupBy(t => (Album: t.Album!, t.Artist))
            .Select(g => new LibraryAlbum(g.Key.Album, g.Key.Artist, g.FirstOrDefault(t => t.CoverTag is not null) ?? g.First(),
                [.. g.OrderBy(t => t.TrackNumber ?? int.MaxValue).ThenBy(t => t.Title, StringComparer.OrdinalIgnoreCase)]))
            .OrderBy(a => a.Name, StringComparer.OrdinalIgnoreCase)
            .ToList();
        var artists = matching.Where(i => i.Artist is not null)
            .GroupBy(i => i.Artist!, StringComparer.OrdinalIgnoreCase)
            .Select(g => new LibraryArtist(g.First().Artist!, g.Count(), g.Where(i => i.Album is not null).Select(i => i.Album).Distinct(StringComparer.OrdinalIgnoreCase).Count()))
            .OrderBy(a => a.Name, StringComparer.OrdinalIgnoreCase)
            .ToList();
        return new LibraryBrowse(query, albums, artists, tracks, [.. matching.Where(i => i.Kind == MediaKind.Video)]);
    }

    /// <summary>
    /// The request's <c>q</c> filter and, when it is not acceptable, the sentence that says why (see
    /// <see cref="Validate"/>). The raw query string is decoded strictly, because ASP.NET Core keeps an invalid UTF-8
    /// sequence such as <c>%FF</c> as its literal text.
    /// </summary>
    public static (string? Query, string? Refusal) ReadQuery(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var raw = request.QueryString.HasValue ? request.QueryString.Value!.TrimStart('?') : "";
        string? query = null;
        foreach (var pair in raw.Split('&'))
        {
            var name = pair.Split('=', 2)[0];
            if (name != "q")
            {
                continue;
            }
            try
            {
                query = StrictUtf8.GetString(System.Web.HttpUtility.UrlDecodeToBytes(pair.Length > 2 ? pair[2..] : ""));
            }
            catch (System.Text.DecoderFallbackException)
            {
                return (null, "The filter contains bytes that are not UTF-8.");
            }
        }
        return (query, Validate(query));
    }

    private static readonly System.Text.UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// Null when <paramref name="query"/> is acceptable as a filter, else the sentence that says why not: longer than
    /// <see cref="MaxQueryLength"/>, control characters, unpaired surrogates, or U+FFFD (what invalid UTF-8 in a URL
    /// decodes to).
    /// </summary>
    public static string? Validate(string? query)
    {
        if (query is null)
        {
            return null;
        }
        if (query.Length > MaxQueryLength)
        {
            return $"The filter is at most {MaxQueryLength} characters.";
        }
        for (var i = 0; i < query.Length; i++)
        {
            var c = query[i];
            if (char.IsControl(c) || c == '\uFFFD')
            {
                return "The filter contains a control character or bytes that are not UTF-8.";
            }
            if (char.IsHighSurrogate(c) && i + 1 < query.Length && char.IsLowSurrogate(query[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                return "The filter contains bytes that are not UTF-8.";
            }
        }
        return null;
    }
}
