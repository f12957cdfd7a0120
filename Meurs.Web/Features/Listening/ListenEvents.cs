using System.Net.WebSockets;
using Meurs.Web.Realtime;

namespace Meurs.Web.Features.Listening;

/// <summary>The playback state changed (a command, a track ending, everyone ready); also sent to each connection on connect.</summary>
/// <param name="SessionId">The session.</param>
/// <param name="State">The new state.</param>
/// <param name="Track">The current item, or null when nothing is current.</param>
public sealed record PlaybackStateChanged(Guid SessionId, PlaybackState State, ListenTrack? Track) : RealtimeEvent;

/// <summary>The queue changed (added, removed, moved, an approved request); also sent on connect. The whole queue, in order.</summary>
/// <param name="SessionId">The session.</param>
/// <param name="Playlist">The queue in order.</param>
public sealed record PlaylistUpdated(Guid SessionId, IReadOnlyList<ListenTrack> Playlist) : RealtimeEvent;

/// <summary>A request was made, approved or denied (the original player's <c>request_update</c>).</summary>
/// <param name="Request">The request as stored.</param>
/// <param name="RequesterName">The requester's username.</param>
/// <param name="Title">The title of the track it is about (to add, remove or move), for people to read.</param>
public sealed record RequestUpdated(ListenRequest Request, string RequesterName, string? Title) : RealtimeEvent;

/// <summary>Who is in the session, their roles, whether connected and their sync states.</summary>
/// <param name="SessionId">The session.</param>
/// <param name="Listeners">Host first, then co-hosts, then guests, each by name.</param>
public sealed record ListenersChanged(Guid SessionId, IReadOnlyList<ListenListener> Listeners) : RealtimeEvent;

/// <summary>The host changed the guests' switches.</summary>
/// <param name="SessionId">The session.</param>
/// <param name="GuestsControlQueue">Guests change the queue directly.</param>
/// <param name="GuestsControlPlayback">Guests control playback.</param>
public sealed record SessionSettingsChanged(Guid SessionId, bool GuestsControlQueue, bool GuestsControlPlayback) : RealtimeEvent;

/// <summary>A line was added to the session's log.</summary>
/// <param name="Entry">The entry.</param>
/// <param name="ActorName">The username of who made the change, or null for the server.</param>
public sealed record SessionLogged(ListenLogEntry Entry, string? ActorName) : RealtimeEvent;

/// <summary>The session ended (by the host or the idle job); every connection is closed normally after it.</summary>
/// <param name="SessionId">The session.</param>
/// <param name="Reason">Why, for people: "The host ended the session." or "The session ended after being idle."</param>
public sealed record SessionEnded(Guid SessionId, string Reason) : RealtimeEvent
{
    /// <inheritdoc />
    public override WebSocketCloseStatus? CloseAfter => WebSocketCloseStatus.NormalClosure;
}

/// <summary>Someone wrote in the session's chat.</summary>
/// <param name="Message">The stored message.</param>
/// <param name="AuthorName">The author's username.</param>
public sealed record SessionMessagePosted(ListenMessage Message, string AuthorName) : RealtimeEvent;
