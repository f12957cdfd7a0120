using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Net.Http.Headers;

namespace Meurs.Web.Features.Library;

/// <summary>
/// <c>GET /library/covers/{id}</c>: the item's embedded cover, or a generated SVG placeholder when it has none.
/// Answers carry a strong <c>ETag</c> and <c>Cache-Control: private, max-age=604800</c> (covers are behind a login, so
/// shared caches must not keep them); a matching <c>If-None-Match</c> gets 304 without the file being opened
/// (RFC 9110 §13.1.2, RFC 9111 §5.2.2). 404 (problem details) for an unknown id.
/// </summary>
internal static class LibraryCovers
{
    /// <summary>The Cache-Control of every cover answer, 304s included.</summary>
    public const string CacheControl = "private, max-age=604800";

    public static async Task<IResult> GetAsync(Guid id, HttpContext http, MediaLibrary library)
    {
        if (await library.FindAsync(id, http.RequestAborted) is not var (item, file))
        {
            return Results.Problem("No such item in the library.", statusCode: StatusCodes.Status404NotFound);
        }
        http.Response.Headers.CacheControl = CacheControl;
        var placeholder = item.CoverTag is null ? Placeholder(item) : null;
        var tag = new EntityTagHeaderValue($"\"{item.CoverTag ?? "p" + MediaTags.TagOf(placeholder)[..15]}\"");
        if (NoneMatch(http.Request, tag))
        {
            http.Response.Headers.ETag = tag.ToString();
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }
        if (placeholder is null)
        {
            // The file may have changed since it was indexed; the next scan catches up, a placeholder stands in meanwhile.
            if (MediaTags.ReadCover(file) is var (bytes, type))
            {
                return Results.File(bytes, type, entityTag: new EntityTagHeaderValue($"\"{MediaTags.TagOf(bytes)}\""));
            }
            placeholder = Placeholder(item);
            tag = new EntityTagHeaderValue($"\"p{MediaTags.TagOf(placeholder)[..15]}\"");
        }
        return Results.File(placeholder, "image/svg+xml; charset=utf-8", entityTag: tag);
    }

    private static bool NoneMatch(HttpRequest request, EntityTagHeaderValue tag) =>
        EntityTagHeaderValue.TryParseList(request.Headers.IfNoneMatch, out var tags)
        && tags.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Compare(tag, useStrongComparison: false));

    /// <summary>
    /// A 128x128 SVG: a colour picked from the title's hash and the title's initials (or a play sign for a video). Text
    /// is XML-escaped, the image has no script or external reference, and it is served with <c>nosniff</c> and the
    /// app's CSP, which forbids inline script should anyone open it directly.
    /// </summary>
    internal static byte[] Placeholder(MediaItem item)
    {
        var hue = SHA256.HashData(Encoding.UTF8.GetBytes(item.Album ?? item.Title))[0] * 360 / 256;
        var label = item.Kind == MediaKind.Video ? "▶" : Initials(item.Album ?? item.Title);
        var svg = string.Create(CultureInfo.InvariantCulture,
            $"""<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 128 128" width="128" height="128"><rect width="128" height="128" fill="hsl({hue},45%,32%)"/><text x="64" y="82" font-family="sans-serif" font-size="46" font-weight="bold" fill="#f4f4f4" text-anchor="middle">{WebUtility.HtmlEncode(label)}</text></svg>""");
        return Encoding.UTF8.GetBytes(svg);
    }

    private static string Initials(string text)
    {
        var words = text.Split([' ', '-', '_', '.'], StringSplitOptions.RemoveEmptyEntries);
        var letters = words.Select(w => w.EnumerateRunes().FirstOrDefault()).Where(r => Rune.IsLetterOrDigit(r)).Take(2).Select(r => Rune.ToUpperInvariant(r).ToString());
        var initials = string.Concat(letters);
        return initials.Length == 0 ? "♪" : initials;
    }
}
