using System.Net.WebSockets;

namespace Meurs.Web.Realtime;

/// <summary>
/// The base of every typed event a feature publishes (MessageCreated, MembersChanged, ParticipantsChanged, …). An event
/// is plain data: no HTML, no JSON, no delegates, no connections. How each protocol shows it is decided once, by its
/// <see cref="IEventView{TEvent}"/>.
/// </summary>
public abstract record RealtimeEvent
{
    /// <summary>
    /// When set, every connection that receives the event is closed with this status right after it, for example
    /// 1000 when a room is closed (hx-ws does not reconnect) or 4001 when a newer connection replaced this one.
    /// </summary>
    public virtual WebSocketCloseStatus? CloseAfter => null;
}

/// <summary>
/// The fabric's own event: channel <paramref name="Channel"/> has ended (a room was closed). Features observe it to end
/// what was attached to that channel (a room's call); nobody's socket receives it.
/// </summary>
/// <param name="Channel">The channel that ended.</param>
public sealed record ChannelEnded(ChannelId Channel) : RealtimeEvent;

/// <summary>Bytes relayed as they are, as one binary WebSocket message per receiving connection (direct file transfers).</summary>
/// <param name="Bytes">The binary message.</param>
public sealed record BinaryRelayed(ReadOnlyMemory<byte> Bytes) : RealtimeEvent;
