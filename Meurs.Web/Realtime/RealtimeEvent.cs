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

    /// <summary>
    /// The best-effort stream this event belongs to (a direct file transfer's id), or null. A connection too slow for a
    /// stream's bytes misses that stream (see <see cref="BinaryRelayed"/>) and gets none of its later events either.
    /// </summary>
    public virtual string? Stream => null;

    /// <summary>True for a stream's last event: after it, connections forget they missed the stream.</summary>
    public virtual bool EndsStream => false;
}

/// <summary>
/// The fabric's own event: channel <paramref name="Channel"/> has ended (a room was closed). Features observe it to end
/// what was attached to that channel (a room's call); nobody's socket receives it.
/// </summary>
/// <param name="Channel">The channel that ended.</param>
public sealed record ChannelEnded(ChannelId Channel) : RealtimeEvent;

/// <summary>
/// Bytes relayed as they are, as one binary WebSocket message per receiving connection: one best-effort part of
/// <paramref name="StreamKey"/> (a direct file transfer). Delivery never waits for a receiver and never closes one: a
/// connection whose queue already holds its allowance of stream bytes misses the stream, receives
/// <paramref name="Missed"/> (rendered by that event's own view) once, and no further part or event of the stream.
/// </summary>
/// <param name="Bytes">The binary message.</param>
/// <param name="StreamKey">The stream the bytes belong to, unique in the channel while the stream lasts.</param>
/// <param name="Missed">What a connection that misses the stream is told.</param>
public sealed record BinaryRelayed(ReadOnlyMemory<byte> Bytes, string StreamKey, RealtimeEvent Missed) : RealtimeEvent
{
    /// <inheritdoc />
    public override string? Stream => StreamKey;
}
