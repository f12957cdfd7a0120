using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace Meurs.Web.Features.Admin;

/// <summary>
/// Answers a signed-in non-administrator on an admin page with 403 instead of the cookie scheme's redirect to its
/// access-denied path (the login page, which would only loop). Every other authorization result is handled as usual.
/// </summary>
internal sealed class AdminForbiddenResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler fallback = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(authorizeResult);
        if (authorizeResult.Forbidden && policy.Requirements.OfType<AdminRequirement>().Any())
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            context.Response.ContentType = "text/plain; charset=utf-8";
            await context.Response.WriteAsync("403 Forbidden: this page is for administrators.");
            return;
        }
        await fallback.HandleAsync(next, context, policy, authorizeResult);
    }
}
