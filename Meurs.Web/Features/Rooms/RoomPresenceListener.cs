using Meurs.Web.Data;
using Meurs.Web.Realtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Meurs.Web.Features.Rooms;

/// <summary>
/// What presence in a room means: arriving makes you a member and is announced ("ann joined") with the new member list;
/// departing (after the grace period) is announced too. The owner's departure clears the history for everyone once they
/// have been away for <see cref="RoomsOptions.OwnerAwayGracePeriod"/> (counted from their last connection closing),
/// unless they come back first or already cleared it by leaving on purpose (<see cref="LeaveRoom"/>).
/// </summary>
public sealed class RoomPresenceListener(IServiceScopeFactory scopes, RoomEventLog log, RoomOwnerAbsence absence, IOptions<RoomsOptions> options, TimeProvider time, IHostApplicationLifetime lifetime, ILogger<RoomPresenceListener> logger) : IPresenceListener
{
    /// <inheritdoc />
    public ChannelKind Kind => ChannelKind.Room;

    /// <inheritdoc />
    public async Task ArrivedAsync(ChannelId channel, PresentMember member)
    {
        ArgumentNullException.ThrowIfNull(member);
        using var scope = scopes.CreateScope();
        var joined = await scope.ServiceProvider.GetRequiredService<JoinRoom>().HandleAsync(channel.Id, member.UserId, member.UserName, CancellationToken.None);
        if (joined is null)
        {
            return;
        }
        // A new member was announced by joining; a member coming back is announced here, unless the room's last word
        // about them is already that they joined (they pressed Join a moment ago, and this is their page connecting).
        if (!joined.IsNew && !await LastSaidJoinedAsync(scope.ServiceProvider.GetRequiredService<MeursDbContext>(), channel.Id, member.UserId))
        {
            await log.AppendAsync(channel.Id, RoomMessageKind.Joined, member.UserId, member.UserName, JoinRoom.Notice(member.UserName), CancellationToken.None);
        }
        await log.PublishMembersAsync(channel.Id, joined.Room.OwnerId);
    }

    /// <inheritdoc />
    public async Task DepartedAsync(ChannelId channel, PresentMember member, bool onPurpose)
    {
        ArgumentNullException.ThrowIfNull(member);
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<MeursDbContext>();
        var room = await db.Rooms.AsNoTracking().FindOpenAsync(channel.Id);
        if (room is null)
        {
            return;
        }
        if (member.UserId != room.OwnerId)
        {
            await AnnounceLeftAsync(channel.Id, member, room.OwnerId);
            return;
        }
        var away = absence.Away(channel.Id);
        var remaining = options.Value.OwnerAwayGracePeriod - options.Value.LeaveGracePeriod;
        if (away is { } now && remaining <= TimeSpan.Zero && absence.TryExpire(channel.Id, now))
        {
            await log.ClearAsync(channel.Id, LeaveRoom.ClearedNotice, CancellationToken.None);
            await log.PublishMembersAsync(channel.Id, room.OwnerId);
            return;
        }
        await AnnounceLeftAsync(channel.Id, member, room.OwnerId);
        if (away is { } awayToken && remaining > TimeSpan.Zero)
        {
            // Nobody waits for this: the owner's sockets are gone.
            _ = ClearIfStillAwayAsync(channel.Id, awayToken, remaining);
        }
    }

    private static async Task<bool> LastSaidJoinedAsync(MeursDbContext db, string roomId, Guid userId) =>
        await db.RoomMessages.AsNoTracking()
            .Where(m => m.RoomId == roomId && m.AuthorId == userId && (m.Kind == RoomMessageKind.Joined || m.Kind == RoomMessageKind.Left))
            .OrderByDescending(m => m.Seq)
            .Select(m => (RoomMessageKind?)m.Kind)
            .FirstOrDefaultAsync() == RoomMessageKind.Joined;

    private async Task AnnounceLeftAsync(string roomId, PresentMember member, Guid ownerId)
    {
        await log.AppendAsync(roomId, RoomMessageKind.Left, member.UserId, member.UserName, $"{member.UserName} left", CancellationToken.None);
        await log.PublishMembersAsync(roomId, ownerId);
    }

    private async Task ClearIfStillAwayAsync(string roomId, long awayToken, TimeSpan wait)
    {
        try
        {
            await Task.Delay(wait, time, lifetime.ApplicationStopping);
            if (absence.TryExpire(roomId, awayToken))
            {
                await log.ClearAsync(roomId, LeaveRoom.ClearedNotice, CancellationToken.None);
            }
        }
        catch (OperationCanceledException)
        {
            // The server is stopping; the history stays (ClearIdleRooms deals with rooms nobody comes back to).
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Clearing room {RoomId} after its owner stayed away failed", roomId);
        }
    }
}
