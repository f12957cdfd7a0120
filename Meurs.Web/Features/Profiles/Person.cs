using Meurs.Web.Features.Accounts;

namespace Meurs.Web.Features.Profiles;

/// <summary>What is shown wherever a person's name appears (<see cref="PersonName"/>): enough for the name and avatar.</summary>
/// <param name="Id">The user's id.</param>
/// <param name="UserName">The unique username.</param>
/// <param name="DisplayName">The chosen display name, or null.</param>
/// <param name="Avatar">The stored avatar file name (<see cref="AvatarStore"/>), or null for the default avatar.</param>
public sealed record Person(Guid Id, string UserName, string? DisplayName, string? Avatar)
{
    /// <summary>The name to show: the display name, else the username.</summary>
    public string Name => string.IsNullOrEmpty(DisplayName) ? UserName : DisplayName;

    /// <summary>The person of <paramref name="user"/>.</summary>
    public static Person Of(MeursUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return new Person(user.Id, user.UserName ?? "", user.DisplayName, user.Avatar);
    }
}
