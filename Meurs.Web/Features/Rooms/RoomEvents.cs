using System.Net.WebSockets;
using Meurs.Web.Realtime;

namespace Meurs.Web.Features.Rooms;

/// <summary>An event was added to a room's history (chat, private message, joined, left, file shared).</summary>
/// <param name="Message">The stored event, with its sequence number.</param>
public sealed record MessageCreated(RoomMessage Message) : RealtimeEvent;

/// <summary>What a person sees on entering a room: its recent history, oldest first, and who is there.</summary>
/// <param name="Messages">The events they may see.</param>
/// <param name="Members">Who is present, by name.</param>
public sealed record RoomHistoryShown(IReadOnlyList<RoomMessage> Messages, IReadOnlyList<RoomMember> Members) : RealtimeEvent;

/// <summary>What a reconnecting program missed after sequence number <paramref name="After"/>.</summary>
/// <param name="After">The last sequence number it had.</param>
/// <param name="Cleared">True when the history was wiped since, so what it shows is gone.</param>
/// <param name="Missed">The events since, that it may see.</param>
/// <param name="Members">Who is present, by name.</param>
public sealed record RoomResumed(long After, bool Cleared, IReadOnlyList<RoomMessage> Missed, IReadOnlyList<RoomMember> Members) : RealtimeEvent;

/// <summary>The room's history was wiped; <paramref name="Notice"/> is now its first event.</summary>
/// <param name="Notice">The system event saying why.</param>
public sealed record HistoryCleared(RoomMessage Notice) : RealtimeEvent;

/// <summary>Who is in the room now.</summary>
/// <param name="Members">Ordered by name.</param>
public sealed record MembersChanged(IReadOnlyList<RoomMember> Members) : RealtimeEvent;

/// <summary>The owner renamed the room.</summary>
/// <param name="RoomId">The room's id.</param>
/// <param name="Name">Its new name (already checked by <see cref="RoomName.Check"/>).</param>
public sealed record RoomRenamed(string RoomId, string Name) : RealtimeEvent;

/// <summary>The owner closed the room; every connection is closed normally after it (1000: hx-ws does not reconnect).</summary>
public sealed record RoomClosed : RealtimeEvent
{
    /// <inheritdoc />
    public override WebSocketCloseStatus? CloseAfter => WebSocketCloseStatus.NormalClosure;
}

/// <summary>A direct transfer was announced to the others (relay control messages are JSON on both protocols: the page's relay script reads them).</summary>
/// <param name="RelayId">The transfer's id, unique in the room.</param>
/// <param name="From">The sender's username.</param>
/// <param name="FileName">The cleaned file name.</param>
/// <param name="Size">Bytes announced.</param>
/// <param name="Mime">The announced type (informative only: a relayed file is always downloaded, never rendered).</param>
public sealed record FileTransferStarted(string RelayId, string From, string FileName, long Size, string Mime) : RealtimeEvent;

/// <summary>A direct transfer ended: all its bytes arrived (<paramref name="Completed"/>), or its sender left first.</summary>
/// <param name="RelayId">The transfer's id.</param>
/// <param name="Completed">True for <c>file-complete</c>, false for <c>file-aborted</c>.</param>
public sealed record FileTransferEnded(string RelayId, bool Completed) : RealtimeEvent
{
    /// <inheritdoc />
    public override string? Stream => RelayId;

    /// <inheritdoc />
    public override bool EndsStream => true;
}

/// <summary>
/// Told to one receiver that could not keep up with a direct transfer's bytes: it misses the transfer (the others, and
/// its socket, carry on). Sent by the fabric's delivery of <see cref="BinaryRelayed"/>.
/// </summary>
/// <param name="RelayId">The transfer's id.</param>
public sealed record FileTransferMissed(string RelayId) : RealtimeEvent;
