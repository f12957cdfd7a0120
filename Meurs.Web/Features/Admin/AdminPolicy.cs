namespace Meurs.Web.Features.Admin;

/// <summary>The authorization policy of admin pages: <c>[Authorize(Policy = AdminPolicy.Name)]</c>, <c>&lt;AuthorizeView Policy="Admin"&gt;</c>.</summary>
public static class AdminPolicy
{
    /// <summary>The policy's name. It needs a signed-in user who passes <see cref="AdminRequirement"/>.</summary>
    public const string Name = "Admin";
}
