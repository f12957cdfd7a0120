using Htmx;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Meurs.Web.Features.Library;

/// <summary>The media library: the files under <c>Library:Path</c>, listed, filtered and streamed.</summary>
internal static class LibraryFeature
{
    /// <summary>Registers the library options and scanner.</summary>
    public static WebApplicationBuilder AddLibrary(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<LibraryOptions>().BindConfiguration(LibraryOptions.SectionName);
        builder.Services.AddSingleton<MediaLibrary>();
        return builder;
    }

    /// <summary>Maps the library's non-page routes: streaming a file and the filtered list fragment for htmx.</summary>
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
            http.Response.Htmx(htmx => htmx.WithVary());
            return new RazorComponentResult<LibraryList>(new { Items = media.Search(q), Query = q ?? "" });
        });
        return app;
    }}
