using Meurs.Web.Realtime;

namespace Meurs.Web.Features.Accounts;

/// <summary>Whether someone is around, as the API reports it: <c>"online"</c> while they have a live <c>/ws/me</c> socket (and for a short grace period after), else <c>"offline"</c>.</summary>
public static class UserStatus
{
    /// <summary>The status string for a user with a live personal socket.</summary>
    public const string Online = "online";

    /// <summary>The status string for everyone else.</summary>
    public const string Offline = "offline";

    /// <summary><see cref="Online"/> or <see cref="Offline"/> for <paramref name="userId"/>: their presence on their own channel.</summary>
    public static string Of(PresenceService presence, Guid userId)
    {
        ArgumentNullException.ThrowIfNull(presence);
        return presence.IsPresent(ChannelId.User(userId), userId) ? Online : Offline;
    }
}
