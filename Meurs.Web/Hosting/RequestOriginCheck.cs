using Meurs.Web.Realtime;

namespace Meurs.Web.Hosting;

/// <summary>
/// Refuses with 403 a state-changing request (anything but GET, HEAD, OPTIONS and TRACE) whose <c>Origin</c> header
/// names another site, before anything runs: the same rule sockets follow (<see cref="OriginPolicy"/>), so a page on
/// another port of the same host, which shares this site's cookies (cookies do not tell ports apart, RFC 6265 §8.5),
/// cannot post a form here either. A request without <c>Origin</c> is a program's and passes; antiforgery tokens still
/// guard every form besides.
/// </summary>
internal static class RequestOriginCheck
{
    /// <summary>Adds the check; after the proxy's forwarded headers (the host the browser used) and before authentication.</summary>
    public static IApplicationBuilder UseRequestOriginCheck(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var method = context.Request.Method;
            if (!HttpMethods.IsGet(method) && !HttpMethods.IsHead(method) && !HttpMethods.IsOptions(method) && !HttpMethods.IsTrace(method)
                && context.Request.Headers.Origin.Count > 0
                && !context.RequestServices.GetRequiredService<OriginPolicy>().IsAllowed(context.Request))
            {
                await Results.Problem("Requests from another site are not accepted.", statusCode: StatusCodes.Status403Forbidden).ExecuteAsync(context);
                return;
            }
            await next(context);
        });
}
