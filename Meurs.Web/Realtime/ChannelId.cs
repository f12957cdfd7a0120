using System.Globalization;

namespace Meurs.Web.Realtime;

/// <summary>
/// One realtime channel: a <see cref="ChannelKind"/> plus the id of the thing it is about. A plain value, so it can cross
/// the <see cref="IRealtimeBus"/> to another node unchanged.
/// </summary>
/// <param name="Kind">The kind, which picks the policy.</param>
/// <param name="Id">The id within the kind (a room id; a user id in "N" format).</param>
public readonly record struct ChannelId(ChannelKind Kind, string Id)
{
    /// <summary>The channel of room <paramref name="roomId"/>.</summary>
    public static ChannelId Room(string roomId) => new(ChannelKind.Room, roomId);

    /// <summary>The voice session attached to the channel whose id is <paramref name="id"/> (a room's call: the room id).</summary>
    public static ChannelId Call(string id) => new(ChannelKind.Call, id);

    /// <summary>The channel of community server <paramref name="serverId"/>.</summary>
    public static ChannelId Server(Guid serverId) => new(ChannelKind.Server, serverId.ToString("N", CultureInfo.InvariantCulture));

    /// <summary>The channel of a server's text or voice channel <paramref name="channelId"/>.</summary>
    public static ChannelId Channel(Guid channelId) => new(ChannelKind.Channel, channelId.ToString("N", CultureInfo.InvariantCulture));

    /// <summary>The personal channel of <paramref name="userId"/>.</summary>
    public static ChannelId User(Guid userId) => new(ChannelKind.User, userId.ToString("N", CultureInfo.InvariantCulture));

    /// <summary>The channel of listening session <paramref name="sessionId"/>.</summary>
    public static ChannelId Listen(Guid sessionId) => new(ChannelKind.Listen, sessionId.ToString("N", CultureInfo.InvariantCulture));

    /// <summary><c>kind:id</c>, lower-case kind, for logs.</summary>
    public override string ToString() => $"{Kind.ToString().ToLowerInvariant()}:{Id}";
}
