using Microsoft.AspNetCore.Identity;

namespace Meurs.Web.Features.Accounts;

/// <summary>
/// A person with an account. The username is what others see; Identity's <c>NormalizedUserName</c>
/// (upper-cased, uniquely indexed) makes it unique regardless of case.
/// </summary>
public sealed class MeursUser : IdentityUser<Guid>
{
    /// <summary>When the account was created (UTC).</summary>
    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;
}
