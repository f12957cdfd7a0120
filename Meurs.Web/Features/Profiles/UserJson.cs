using System.Text.Json;
using System.Text.Json.Serialization;
using Meurs.Web.Features.Accounts;
using Meurs.Web.Realtime;

namespace Meurs.Web.Features.Profiles;

/// <summary>
/// The user shape of the API (<c>/api/users</c>) and of <c>user.updated</c>: the Chat system's fields (<c>id</c>,
/// <c>username</c>, <c>status</c>, <c>avatar</c>, <c>description</c>) plus Meurs' own (<c>avatar_url</c> — the same URL
/// as <c>avatar</c> —, <c>display_name</c>, <c>about</c>, <c>custom_status</c>, <c>created_at</c>). <c>avatar</c> and
/// <c>description</c> are null when unset, as the Chat system had them. Someone's own profile adds
/// <c>dm_friends_only</c>.
/// </summary>
public static class UserJson
{
    /// <summary>The API's serializer options: the fabric's snake_case, with nulls written as the Chat system did.</summary>
    public static JsonSerializerOptions Options { get; } = new(RealtimeJson.Options) { DefaultIgnoreCondition = JsonIgnoreCondition.Never };

    /// <summary>The public profile of <paramref name="user"/>, with their <paramref name="status"/> (<see cref="UserStatus"/>).</summary>
    public static UserDto Of(MeursUser user, string status)
    {
        ArgumentNullException.ThrowIfNull(user);
        var avatar = AvatarStore.UrlOf(user.Avatar);
        return new UserDto(user.Id, user.UserName ?? "", status, avatar, user.About.Length == 0 ? null : user.About, avatar, user.DisplayName,
            user.About, user.CustomStatus, user.CreatedAt, null);
    }

    /// <summary>The profile of <paramref name="user"/> as they see it themselves (with their settings).</summary>
    public static UserDto Own(MeursUser user, string status) => Of(user, status) with { DmFriendsOnly = user.DirectMessagesFromFriendsOnly };
}

/// <summary>One user as the API writes it (snake_case); see <see cref="UserJson"/>.</summary>
/// <param name="Id">The user's id.</param>
/// <param name="Username">Unique regardless of case.</param>
/// <param name="Status">"online" or "offline" (<see cref="UserStatus"/>).</param>
/// <param name="Avatar">The avatar's URL (ends with its type's extension), or null for the default one.</param>
/// <param name="Description">The about text, or null when empty (the Chat system's name for it).</param>
/// <param name="AvatarUrl">The same as <paramref name="Avatar"/>.</param>
/// <param name="DisplayName">The display name, or null.</param>
/// <param name="About">The about text (plain text, up to 190 characters), empty when none.</param>
/// <param name="CustomStatus">The custom status line, empty when none.</param>
/// <param name="CreatedAt">When the account was made (UTC).</param>
/// <param name="DmFriendsOnly">Only in one's own profile: whether only friends may start a direct conversation.</param>
public sealed record UserDto(
    Guid Id, string Username, string Status, string? Avatar, string? Description, string? AvatarUrl, string? DisplayName,
    string About, string CustomStatus, DateTime CreatedAt, bool? DmFriendsOnly);
