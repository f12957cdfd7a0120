namespace Meurs.Web.Features.Servers;

/// <summary>
/// <c>GET /server-images/{file}</c>: a stored icon or banner (<see cref="ServerImages"/>) for anyone signed in (cookie or
/// bearer). Names are random and never reused, so a response may be cached for a year as immutable (privately: the
/// images are for signed-in people); <c>nosniff</c> and the declared image type keep a browser from reading it as
/// anything else, and a sandbox Content-Security-Policy keeps one opened on its own from running anything. Unknown or
/// malformed names are 404.
/// </summary>
internal static class ServerImageEndpoints
{
    public static IEndpointRouteBuilder MapServerImages(this IEndpointRouteBuilder app)
    {
        app.MapGet("/server-images/{file}", (string file, HttpContext http, ServerImages images) =>
        {
            if (ServerImages.ContentTypeOf(file) is not { } contentType || images.PathOf(file) is not { } path || !File.Exists(path))
            {
                return Results.Problem("Image not found", statusCode: StatusCodes.Status404NotFound);
            }
            http.Response.Headers.CacheControl = "private, max-age=31536000, immutable";
            http.Response.Headers.XContentTypeOptions = "nosniff";
            return Results.File(path, contentType);
        }).RequireAuthorization().WithMetadata(Meurs.Web.Hosting.EndpointContentSecurityPolicy.Sandbox);
        return app;
    }
}
