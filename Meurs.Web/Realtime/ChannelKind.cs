namespace Meurs.Web.Realtime;

/// <summary>
/// What a realtime channel is about. Each kind has exactly one <see cref="IChannelPolicy"/>, which decides who may
/// subscribe and act on channels of that kind. A direct message conversation is not a kind of its own: it is a text
/// channel with no server (<see cref="Channel"/>), judged by the same policy on its participants.
/// </summary>
public enum ChannelKind
{
    /// <summary>An ad-hoc room; its id is the 7-character room id.</summary>
    Room,

    /// <summary>A voice session attached to another channel; its id is that channel's id (a room's call: the room id).</summary>
    Call,

    /// <summary>One person's own channel (every tab of theirs); its id is the user id in "N" format.</summary>
    User,

    /// <summary>A community server: its channel list, roles, members and voice states; its id is the server id in "N" format.</summary>
    Server,

    /// <summary>
    /// A text channel, of a server or of none (a direct message conversation, one-to-one or group), or a server's voice
    /// channel: its messages (a voice channel's or a conversation's call is a <see cref="Call"/> with the same id); the
    /// channel id in "N" format.
    /// </summary>
    Channel,

    /// <summary>A listening session: its queue, requests, members and playback state; the session id in "N" format.</summary>
    Listen,
}
