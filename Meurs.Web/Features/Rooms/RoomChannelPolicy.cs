using Meurs.Web.Data;
using Meurs.Web.Realtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Meurs.Web.Features.Rooms;

/// <summary>
/// The policy of <see cref="ChannelKind.Room"/> channels. Anyone signed in who has an open room's id may subscribe
/// (which joins it, as the original app did); a malformed, unknown or closed room is 404, so ids cannot be probed. A voice
/// session may attach to a room, and publish media in it, for its members only. Presence lasts <see cref="RoomsOptions.LeaveGracePeriod"/> past
/// a person's last connection.
/// </summary>
public sealed class RoomChannelPolicy(IServiceScopeFactory scopes, IOptions<RoomsOptions> options) : IChannelPolicy
{
    /// <inheritdoc />
    public ChannelKind Kind => ChannelKind.Room;

    /// <inheritdoc />
    public TimeSpan PresenceGracePeriod => options.Value.LeaveGracePeriod;

    /// <inheritdoc />
    public async Task<RealtimeRefusal?> AuthorizeSubscribeAsync(ChannelUser user, ChannelId channel, CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<MeursDbContext>();
        return await db.Rooms.IsOpenAsync(channel.Id, cancellationToken) ? null : NotFound;
    }

    /// <inheritdoc />
    public async Task<RealtimeRefusal?> AuthorizeCommandAsync(ChannelUser user, ChannelId channel, object command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (command is not (AttachVoiceSession or PublishMedia))
        {
            // A subscriber may say anything a room allows; whether the room is still open is the use case's to say.
            return null;
        }
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<MeursDbContext>();
        var open = await db.Rooms.IsOpenAsync(channel.Id, cancellationToken);
        return open && await db.RoomMemberships.AnyAsync(m => m.RoomId == channel.Id && m.UserId == user.Id, cancellationToken) ? null : NotFound;
    }

    private static readonly RealtimeRefusal NotFound = RealtimeRefusal.NotFound("Room not found");
}
