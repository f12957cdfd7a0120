using Microsoft.AspNetCore.Identity;

namespace Meurs.Web.Features.Accounts;

/// <summary>
/// A person with an account. The username is what others see; Identity's <c>NormalizedUserName</c>
/// (upper-cased, uniquely indexed) makes it unique regardless of case. The profile (display name, about, custom status,
/// avatar) and the person's chosen presence status and DM setting live here too, as Discord keeps them on the user.
/// </summary>
public sealed class MeursUser : IdentityUser<Guid>
{
    /// <summary>Longest display name, in characters (Discord's global name: 32).</summary>
    public const int MaxDisplayNameLength = 32;

    /// <summary>Longest about text, in characters (Discord's bio: 190).</summary>
    public const int MaxAboutLength = 190;

    /// <summary>Longest custom status text, in characters (Discord's: 128).</summary>
    public const int MaxCustomStatusLength = 128;

    /// <summary>When the account was created (UTC).</summary>
    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;

    /// <summary>The name shown instead of the username, up to <see cref="MaxDisplayNameLength"/> characters; null for the username.</summary>
    public string? DisplayName { get; set; }

    /// <summary>About text on the profile card, up to <see cref="MaxAboutLength"/> characters; empty when none.</summary>
    public string About { get; set; } = "";

    /// <summary>A line under the name (Discord's custom status), up to <see cref="MaxCustomStatusLength"/> characters; empty when none.</summary>
    public string CustomStatus { get; set; } = "";

    /// <summary>
    /// The stored avatar's name (its content hash and extension, e.g. <c>3f…9a.webp</c>), or null for the default
    /// avatar. A new upload gets a new name, so avatar URLs can be cached for good.
    /// </summary>
    public string? Avatar { get; set; }

    /// <summary>The status the person chose; <see cref="PresenceStatus.Online"/> unless they picked another.</summary>
    public PresenceStatus Status { get; set; } = PresenceStatus.Online;

    /// <summary>True when only friends may open a direct conversation with them (else anyone sharing a server may).</summary>
    public bool DirectMessagesFromFriendsOnly { get; set; }
}
