using Meurs.Web.Features.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;

namespace Meurs.Web.Features.Admin;

/// <summary>
/// Passes <see cref="AdminRequirement"/> for an administrator. Asks the database on every check rather than trusting
/// role claims in the cookie, so a grant (or a revocation) takes effect on the next request.
/// </summary>
internal sealed class AdminAuthorizationHandler(UserManager<MeursUser> users, AdminRole admins) : AuthorizationHandler<AdminRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, AdminRequirement requirement)
    {
        if (Guid.TryParse(users.GetUserId(context.User), out var userId) && await admins.IsAdminAsync(userId, CancellationToken.None))
        {
            context.Succeed(requirement);
        }
    }
}
