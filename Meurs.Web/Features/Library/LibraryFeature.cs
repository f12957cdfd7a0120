using Meurs.Web.Features.Accounts;
using Meurs.Web.Htmx;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Meurs.Web.Features.Library;

/// <summary>
/// The media library: files under <c>Library:Path</c> indexed in the database with their tags, browsed on the home
/// page, streamed, and listed for programs.
/// </summary>
internal static class LibraryFeature
{
    /// <summary>Registers the library options, the scan and the index, and the first scan at start-up.</summary>
    public static WebApplicationBuilder AddLibrary(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<LibraryOptions>().BindConfiguration(LibraryOptions.SectionName);
        builder.Services.AddSingleton<LibraryScan>();
        builder.Services.AddSingleton<MediaLibrary>();
        builder.Services.AddHostedService<LibraryWarmUp>();
        builder.Services.AddHtmxFragments();
        return builder;
    }

    /// <summary>
    /// Maps streaming (<c>/media/{path}</c>), covers (<c>/library/covers/{id}</c>), the home page's list fragment (<c>/</c>
    /// for htmx partial requests; the page itself is <see cref="Home"/>) and <c>GET /api/library</c>.
    /// </summary>
    public static IEndpointRouteBuilder MapLibrary(this IEndpointRouteBuilder app)
    {
        var library = app.MapGroup("").RequireAuthorization();

        // Range requests (RFC 9110 §14) let players seek and browsers stream without downloading everything first.
        library.MapGet("/media/{**path}", async (string path, MediaLibrary media, CancellationToken cancellationToken) =>
            await media.FindAsync(path, cancellationToken) is var (item, file)
                ? Results.File(file, item.ContentType, enableRangeProcessing: true)
                : Results.Problem("No such file in the library.", statusCode: StatusCodes.Status404NotFound));

        library.MapGet("/library/covers/{id:guid}", LibraryCovers.GetAsync);

        library.MapGet("/", async (HttpRequest request, MediaLibrary media, CancellationToken cancellationToken) =>
            LibraryBrowse.ReadQuery(request) is (var q, null)
                ? new RazorComponentResult<LibraryList>(new { Browse = LibraryBrowse.Of(q?.Trim() ?? "", await media.SearchAsync(q, cancellationToken)) })
                : (IResult)Results.Problem(detail: LibraryBrowse.ReadQuery(request).Refusal, statusCode: StatusCodes.Status400BadRequest))
            .ServesHtmxFragment();

        app.MapGroup("/api").RequireAuthorization(AccessTokenAuthentication.ApiPolicy).MapGet("/library", LibraryApi.GetAsync);
        return app;
    }
}
