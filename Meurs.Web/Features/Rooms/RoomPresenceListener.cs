using Meurs.Web.Data;
using Meurs.Web.Realtime;
using Microsoft.EntityFrameworkCore;

namespace Meurs.Web.Features.Rooms;

/// <summary>
/// What presence in a room means: arriving makes you a member and is announced ("ann joined") with the new member list;
/// departing (after the grace period) is announced too, except that the owner's departure clears the history for everyone.
/// </summary>
public sealed class RoomPresenceListener(IServiceScopeFactory scopes, RoomEventLog log) : IPresenceListener
{
    /// <inheritdoc />
    public ChannelKind Kind => ChannelKind.Room;

    /// <inheritdoc />
    public async Task ArrivedAsync(ChannelId channel, PresentMember member)
    {
        ArgumentNullException.ThrowIfNull(member);
        using var scope = scopes.CreateScope();
        var room = await scope.ServiceProvider.GetRequiredService<JoinRoom>().HandleAsync(channel.Id, member.UserId, CancellationToken.None);
        if (room is null)
        {
            return;
        }
        await log.AppendAsync(channel.Id, RoomMessageKind.Joined, member.UserId, member.UserName, $"{member.UserName} joined", CancellationToken.None);
        await log.PublishMembersAsync(channel.Id, room.OwnerId);
    }

    /// <inheritdoc />
    public async Task DepartedAsync(ChannelId channel, PresentMember member, bool onPurpose)
    {
        ArgumentNullException.ThrowIfNull(member);
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<MeursDbContext>();
        var room = await db.Rooms.AsNoTracking().SingleOrDefaultAsync(r => r.Id == channel.Id && r.ClosedAt == null);
        if (room is null)
        {
            return;
        }
        if (member.UserId == room.OwnerId)
        {
            await log.ClearAsync(channel.Id, "Owner left. Chat cleared", CancellationToken.None);
        }
        else
        {
            await log.AppendAsync(channel.Id, RoomMessageKind.Left, member.UserId, member.UserName, $"{member.UserName} left", CancellationToken.None);
        }
        await log.PublishMembersAsync(channel.Id, room.OwnerId);
    }
}
