using System.Globalization;
using Meurs.Web.Data;
using Meurs.Web.Realtime;
using Microsoft.EntityFrameworkCore;

namespace Meurs.Web.Features.Calls;

/// <summary>
/// Shows who is in a server's voice channels on the server's channel (<see cref="ChannelId.Server"/>): after a change in
/// a voice channel's call, publishes <see cref="VoiceChannelStatesChanged"/> with the call's participants as they are
/// then, to those on the server's channel whom the voice channel's policy lets watch it (who may not see a voice channel
/// learns nothing of who talks there). Rooms' calls are not its concern.
/// </summary>
public sealed class VoiceChannelStates(RealtimeHub hub, PresenceService presence, ChannelPolicies policies, IServiceScopeFactory scopes, ILogger<VoiceChannelStates> logger)
{
    /// <summary>Publishes the participants of <paramref name="call"/> on its voice channel's server; nothing for a room's call or a channel that is gone.</summary>
    public async Task PublishAsync(ChannelId call)
    {
        var attached = CallChannelPolicy.AttachedTo(call);
        if (attached.Kind != ChannelKind.Channel || !Guid.TryParseExact(attached.Id, "N", out var channelId))
        {
            return;
        }
        try
        {
            if (await ServerOfAsync(channelId, CancellationToken.None) is not { } serverId)
            {
                return;
            }
            // Read under the server channel's gate: of two changes racing, the list published last is the newest.
            var server = ChannelId.Server(serverId);
            await hub.WriteAsync(server, async write =>
            {
                var onServer = presence.Present(server).Select(m => new ChannelUser(m.UserId, m.UserName)).ToList();
                var watchers = await policies.WatchersAmongAsync(onServer, attached, CancellationToken.None);
                if (watchers.Count > 0)
                {
                    write.Publish(new VoiceChannelStatesChanged(serverId, channelId, CallParticipant.From(presence.Present(call))), Audience.ToUsers([.. watchers]));
                }
                return true;
            });
        }
        catch (Exception ex) when (ex is DbUpdateException or InvalidOperationException or OperationCanceledException or System.Data.Common.DbException)
        {
            // Joining, leaving or muting must not fail because the channel list could not be told.
            logger.LogError(ex, "Publishing the voice states of {Channel} failed", attached);
        }
    }

    /// <summary>The server of voice or text channel <paramref name="channelId"/>, or null when there is no such channel or it is a direct message conversation (in no server).</summary>
    public async Task<Guid?> ServerOfAsync(Guid channelId, CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<MeursDbContext>();
        var found = await db.ServerChannels.AsNoTracking().Where(c => c.Id == channelId).Select(c => (Guid?)c.ServerId).FirstOrDefaultAsync(cancellationToken);
        return found;
    }

    /// <summary>The channel id of a voice channel's call, in the form <see cref="ChannelId.Call"/> takes.</summary>
    public static ChannelId CallOf(Guid channelId) => ChannelId.Call(channelId.ToString("N", CultureInfo.InvariantCulture));
}
