using Hangfire.Dashboard;
using Meurs.Web.Features.Accounts;
using Microsoft.AspNetCore.Identity;

namespace Meurs.Web.Features.Admin;

/// <summary>
/// Lets administrators (<see cref="AdminRole.IsAdminAsync"/>, asked of the database on every request) into Hangfire's
/// dashboard, for its pages and each of its POST actions. Hangfire answers a refusal with 401 when nobody is signed in
/// and 403 for anyone else.
/// </summary>
public sealed class AdminDashboardAuthorizationFilter : IDashboardAsyncAuthorizationFilter
{
    /// <inheritdoc />
    public async Task<bool> AuthorizeAsync(DashboardContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var http = context.GetHttpContext();
        if (http.User.Identity?.IsAuthenticated != true)
        {
            return false;
        }
        var users = http.RequestServices.GetRequiredService<UserManager<MeursUser>>();
        var admins = http.RequestServices.GetRequiredService<AdminRole>();
        return Guid.TryParse(users.GetUserId(http.User), out var userId) && await admins.IsAdminAsync(userId, http.RequestAborted);
    }
}
