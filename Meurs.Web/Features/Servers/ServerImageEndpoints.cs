namespace Meurs.Web.Features.Servers;

/// <summary>
/// <c>GET /server-images/{file}</c>: a stored icon or banner (<see cref="ServerImages"/>) for anyone signed in (cookie or
/// bearer), served by the app's one rule for stored images (<see cref="ImageUploads.Serve"/>: private, immutable for a
/// year, <c>nosniff</c>, its image type, a sandbox Content-Security-Policy). Unknown or malformed names are 404.
/// </summary>
internal static class ServerImageEndpoints
{
    public static IEndpointRouteBuilder MapServerImages(this IEndpointRouteBuilder app)
    {
        app.MapGet("/server-images/{file}", (string file, HttpContext http, ServerImages images) => ImageUploads.Serve(http, images.FolderPath, file))
            .RequireAuthorization().WithMetadata(Meurs.Web.Hosting.EndpointContentSecurityPolicy.Sandbox);
        return app;
    }
}
