using Meurs.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Meurs.Web.Features.Servers;

/// <summary>
/// Mutes or unmutes a channel for oneself (<see cref="ChannelMemberState.Muted"/>); any member who can see it. Idempotent.
/// A muted channel's mentions leave the navigation's total (and come back on unmuting): the actor's pages get it again.
/// </summary>
public sealed class MuteChannel(MeursDbContext db, ServerGate gate, UnreadNotifier unread)
{
    /// <summary>Sets the actor's mute of the channel to <paramref name="muted"/>; 403/404 as for seeing the channel.</summary>
    public async Task<ServerResult<Done>> HandleAsync(Guid actorId, Guid serverId, Guid channelId, bool muted, CancellationToken cancellationToken)
    {
        var (_, refusal) = await gate.ChannelAsync(serverId, channelId, actorId, Permissions.ViewChannel, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }
        var state = await db.ChannelMemberStates.FirstOrDefaultAsync(s => s.ChannelId == channelId && s.UserId == actorId, cancellationToken);
        if (state is null)
        {
            if (!muted)
            {
                return Done.Value;
            }
            db.ChannelMemberStates.Add(new ChannelMemberState { ChannelId = channelId, UserId = actorId, Muted = true });
        }
        else
        {
            state.Muted = muted;
        }
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Muted at the same moment from another tab: the state is what was asked.
        }
        await unread.TotalChangedAsync(actorId, CancellationToken.None);
        return Done.Value;
    }
}
