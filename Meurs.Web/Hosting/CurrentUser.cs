using System.Security.Claims;

namespace Meurs.Web;

/// <summary>The current user from claims: the one place the user id claim is read.</summary>
public static class CurrentUser
{
    /// <summary>The signed-in user's id, or null when <paramref name="user"/> is anonymous or has no valid id claim.</summary>
    public static Guid? Id(ClaimsPrincipal user) =>
        Guid.TryParse(user?.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;

    /// <summary>The signed-in user's id.</summary>
    /// <exception cref="InvalidOperationException">The request is not authenticated (an endpoint without RequireAuthorization).</exception>
    public static Guid RequiredId(ClaimsPrincipal user) => Id(user) ?? throw new InvalidOperationException("not authenticated");
}
