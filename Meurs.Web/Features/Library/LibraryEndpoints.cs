using Meurs.Web.Htmx;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Meurs.Web.Features.Library;

/// <summary>The library's non-page routes: streaming a file and the filtered list fragment for htmx.</summary>
internal static class LibraryEndpoints
{
    public static IEndpointRouteBuilder MapLibrary(this IEndpointRouteBuilder app)
    {
        var library = app.MapGroup("").RequireAuthorization();

        // Range requests (RFC 9110 §14) let players seek and browsers stream without downloading everything first.
        library.MapGet("/media/{**path}", (string path, MediaLibrary media) =>
            media.Find(path) is var (item, file)
                ? Results.File(file, item.ContentType, enableRangeProcessing: true)
                : Results.NotFound(new { detail = "No such file in the library" }));

        library.MapGet("/library/items", (string? q, MediaLibrary media, HttpContext http) =>
        {
            http.Response.Headers.Vary = HtmxHeaders.Request;
            return new RazorComponentResult<LibraryList>(new { Items = media.Search(q), Query = q ?? "" });
        });
        return app;
    }
}
