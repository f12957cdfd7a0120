using Htmx;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Meurs.Web.Hosting;

/// <summary>
/// The answer to an exception nothing else caught: 500 with an RFC 9457 problem document (no exception message, no stack
/// trace, only the trace id to find it in the server log) for programs, htmx and JSON requests; a browser's page request
/// falls through to the styled <c>/error</c> page. The exception itself is logged by the framework's middleware.
/// </summary>
internal sealed class ProblemExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    /// <inheritdoc />
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (WantsPage(httpContext.Request))
        {
            // Re-executed on /error with the request's method: the page is a GET page, and a form POST that failed
            // deserves it too (a POST would be taken for a form submission to /error and refused).
            httpContext.Request.Method = HttpMethods.Get;
            return false;
        }
        httpContext.Response.StatusCode = StatusCodes.Status500InternalServerError;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = null, // never serialized: the document must not carry the exception's text
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status500InternalServerError,
                Title = "Internal Server Error",
                Detail = "The server could not finish that request. Nothing you had saved is lost; please try again.",
            },
        });
    }

    /// <summary>
    /// A browser page (GET or a form POST) rather than a program: not under <c>/api</c>, <c>/ws</c> or <c>/media</c>, not
    /// htmx (which swaps what it gets into a target), not sent or asking for JSON.
    /// </summary>
    public static bool WantsPage(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Path.StartsWithSegments("/api") || request.Path.StartsWithSegments("/ws") || request.Path.StartsWithSegments("/media")
            || request.IsHtmx() || request.HasJsonContentType())
        {
            return false;
        }
        var accept = request.GetTypedHeaders().Accept;
        return accept.Count == 0 || accept.Any(a => a.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase) || a.MediaType.Equals("*/*", StringComparison.Ordinal));
    }
}
