using Meurs.Web.Realtime;

namespace Meurs.Web.Features.Servers;

/// <summary>
/// One person's unread mentions over every server changed without a message or a read (they left or were removed from a
/// server, or muted or unmuted a channel). Published on their own <see cref="ChannelKind.User"/> channel, so every page's
/// navigation badge (<see cref="MentionsBadge"/>) follows; a message or a read carries the total in <see cref="UnreadChanged"/>.
/// </summary>
/// <param name="TotalMentions">Their mention count now, as <see cref="UnreadNotifier.TotalMentionsAsync"/> reads it.</param>
public sealed record MentionTotalChanged(int TotalMentions) : RealtimeEvent;
