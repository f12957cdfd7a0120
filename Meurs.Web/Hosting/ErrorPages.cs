using Microsoft.AspNetCore.Diagnostics;

namespace Meurs.Web.Hosting;

/// <summary>
/// What a bodiless error status (404 for an unknown address, 403 for a page that is not yours, 401) turns into: a
/// browser opening a page gets the styled <c>StatusPage</c> at <c>/error/{code}</c>, with the status kept; programs
/// (<c>/api</c>, sockets, media streams) and htmx requests get RFC 9457 problem details instead. A response that
/// already has a body (a room's own "Room not found", a problem document) is left as it is.
/// </summary>
internal static class ErrorPages
{
    /// <summary>The page route a status is re-executed on; <c>{0}</c> is the status code.</summary>
    public const string PathFormat = "/error/{0}";

    /// <summary>Registers the problem details writer the non-page branch uses.</summary>
    public static WebApplicationBuilder AddErrorPages(this WebApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<ProblemExceptionHandler>();
        return builder;
    }

    /// <summary>
    /// Adds both; place it early, so it wraps everything that can answer 403 or 404. The page branch must sit on the
    /// application itself, not in a <c>UseWhen</c> branch: re-executing needs the app's routing, which branches lack.
    /// </summary>
    public static IApplicationBuilder UseErrorPages(this IApplicationBuilder app)
    {
        app.UseStatusCodePagesWithReExecute(PathFormat);
        app.Use((context, next) =>
        {
            if (!IsPageRequest(context) && context.Features.Get<IStatusCodePagesFeature>() is { } pages)
            {
                pages.Enabled = false;
            }
            return next(context);
        });
        // With AddProblemDetails registered, the default status code page is a problem details document.
        app.UseWhen(context => context.Request.Path.StartsWithSegments("/api"), api => api.UseStatusCodePages());
        return app;
    }

    /// <summary>
    /// A browser navigating to a page: GET or HEAD, not htmx (which swaps what it receives into a target, so a whole
    /// page there would be wrong), and not under the paths programs and media elements use.
    /// </summary>
    public static bool IsPageRequest(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        return (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
            && !request.Headers.ContainsKey("HX-Request")
            && !request.Path.StartsWithSegments("/api")
            && !request.Path.StartsWithSegments("/ws")
            && !request.Path.StartsWithSegments("/media");
    }
}
