using Meurs.Web.Realtime;

namespace Meurs.Web.Features.Servers;

/// <summary>
/// One person's unread state of one text channel changed (a message arrived that they did not write, or they read the
/// channel). Published on their own <see cref="ChannelKind.User"/> channel, so every page of theirs (the layout's
/// <c>/ws/me</c>) gets it: the server page's channel list and the /communities list both show parts of it.
/// </summary>
/// <param name="ServerId">The channel's server.</param>
/// <param name="ChannelId">The text channel.</param>
/// <param name="Unread">True when a message newer than the last one they read is there.</param>
/// <param name="Mentions">Messages mentioning them since they last read the channel.</param>
/// <param name="ServerMentions">Their mention count summed over the server's channels they can see and have not muted.</param>
/// <param name="TotalMentions">
/// Their mention count over every server they are in (channels they can see and have not muted): the navigation's
/// badge beside "Communities".
/// </param>
public sealed record UnreadChanged(Guid ServerId, Guid ChannelId, bool Unread, int Mentions, int ServerMentions, int TotalMentions) : RealtimeEvent;

/// <summary>
/// <paramref name="UserId"/> read direct message conversation <paramref name="ChannelId"/> (a channel with no server).
/// Published on their own <see cref="ChannelKind.User"/> channel; it has no view of its own: the direct messages feature
/// observes it and sends their new unread counts.
/// </summary>
/// <param name="ChannelId">The conversation's channel.</param>
/// <param name="UserId">Who read it.</param>
public sealed record ConversationRead(Guid ChannelId, Guid UserId) : RealtimeEvent;
