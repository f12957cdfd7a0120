using Meurs.Web.Realtime;

namespace Meurs.Web.Features.Presence;

/// <summary>
/// <paramref name="UserId"/>'s status as the receiver sees it changed. Published on the <see cref="ChannelKind.User"/>
/// channel of each of their friends and of everyone sharing a server with them, and on their own (where it may read
/// <c>invisible</c>).
/// </summary>
/// <param name="UserId">Whose status.</param>
/// <param name="UserName">Their username.</param>
/// <param name="Status">A <see cref="Accounts.UserStatus"/> string.</param>
public sealed record UserStatusChanged(Guid UserId, string UserName, string Status) : RealtimeEvent;
