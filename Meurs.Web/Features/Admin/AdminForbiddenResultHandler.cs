using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace Meurs.Web.Features.Admin;

/// <summary>
/// Answers a signed-in non-administrator on an admin page with 403 instead of the cookie scheme's redirect to its
/// access-denied path (the login page, which would only loop). The body is left empty for the status code pages
/// (Hosting/ErrorPages.cs): a styled page for a browser, problem details for a program. Every other authorization
/// result is handled as usual.
/// </summary>
internal sealed class AdminForbiddenResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler fallback = new();

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(authorizeResult);
        if (authorizeResult.Forbidden && policy.Requirements.OfType<AdminRequirement>().Any())
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return Task.CompletedTask;
        }
        return fallback.HandleAsync(next, context, policy, authorizeResult);
    }
}
