using System.Text.Json;

namespace Meurs.Web.Features.Library;

/// <summary>
/// <c>GET /api/library?q=</c> for programs (bearer token, like the rest of <c>/api</c>): 200 with a JSON array of
/// <c>{id, kind, title, artist, album, track_number, year, duration_ms, cover_url, stream_url}</c> (snake_case; kind is
/// "audio" or "video"; artist, album, track_number, year and duration_ms may be null; URLs are relative to the
/// server), at most <see cref="LibraryBrowse.MaxListed"/> items in the home page's order. <c>q</c> filters every
/// field as the home page does. 400 (RFC 9457 problem details) for a filter over 200 characters, with control
/// characters or with bytes that are not UTF-8; 401 without a valid token.
/// </summary>
internal static class LibraryApi
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static async Task<IResult> GetAsync(HttpRequest request, MediaLibrary library, CancellationToken cancellationToken)
    {
        var (q, refusal) = LibraryBrowse.ReadQuery(request);
        if (refusal is not null)
        {
            return Results.Problem(detail: refusal, statusCode: StatusCodes.Status400BadRequest);
        }
        var items = await library.SearchAsync(q, cancellationToken);
        return Results.Json(items.Take(LibraryBrowse.MaxListed).Select(i => new LibraryApiItem(
            i.Id, i.Kind == MediaKind.Audio ? "audio" : "video", i.Title, i.Artist, i.Album, i.TrackNumber, i.Year, i.DurationMs, i.CoverUrl, i.Url)), Json);
    }
}

/// <summary>One item of <c>GET /api/library</c> (serialized in snake_case).</summary>
/// <param name="Id">Stable id.</param>
/// <param name="Kind">"audio" or "video".</param>
/// <param name="Title">Title.</param>
/// <param name="Artist">Artist, or null.</param>
/// <param name="Album">Album, or null.</param>
/// <param name="TrackNumber">Track number, or null.</param>
/// <param name="Year">Year, or null.</param>
/// <param name="DurationMs">Play time in milliseconds, or null when unknown.</param>
/// <param name="CoverUrl">Cover image (embedded or placeholder), relative URL.</param>
/// <param name="StreamUrl">The file, with range requests, relative URL.</param>
public sealed record LibraryApiItem(Guid Id, string Kind, string Title, string? Artist, string? Album, int? TrackNumber, int? Year,
    long? DurationMs, string CoverUrl, string StreamUrl);
