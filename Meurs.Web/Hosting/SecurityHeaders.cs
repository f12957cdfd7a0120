namespace Meurs.Web.Hosting;

/// <summary>
/// Response headers every page carries: a strict Content-Security-Policy (scripts and styles only from this origin,
/// nothing inline, no framing), <c>nosniff</c> and a referrer policy. A path with a <see cref="PathContentSecurityPolicy"/>
/// registered gets that policy instead (only Hangfire's dashboard has one), and an endpoint with an
/// <see cref="EndpointContentSecurityPolicy"/> gets its own (shared files are sandboxed).
/// </summary>
internal static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; media-src 'self' blob:; " +
        "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app)
    {
        var overrides = app.ApplicationServices.GetServices<PathContentSecurityPolicy>().ToArray();
        return app.Use(async (context, next) =>
        {
            // Read now: a branch further on (app.Map) moves the matched prefix from Path to PathBase.
            var path = context.Request.Path;
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.ContentSecurityPolicy = context.GetEndpoint()?.Metadata.GetMetadata<EndpointContentSecurityPolicy>()?.Policy
                    ?? overrides.FirstOrDefault(o => path.StartsWithSegments(o.Path))?.Policy
                    ?? ContentSecurityPolicy;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "same-origin";
                return Task.CompletedTask;
            });
            await next();
        });
    }
}
