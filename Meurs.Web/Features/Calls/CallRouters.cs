using System.Collections.Concurrent;
using Meurs.Media.Transport;
using Meurs.Web.Realtime;

namespace Meurs.Web.Features.Calls;

/// <summary>
/// The media of every call going on, on the app's one <see cref="WebRtcServer"/>: a call's <see cref="CallRouter"/>
/// exists from its first participant to its last. What the media says (subscribe offers, who is speaking) is published
/// on the call's channel as typed events.
/// </summary>
public sealed class CallRouters(WebRtcServer server, RealtimeHub hub, TimeProvider time, ILogger<CallRouter> logger) : IDisposable
{
    private readonly ConcurrentDictionary<string, CallRouter> routers = new(StringComparer.Ordinal);
    private readonly Lock gate = new();

    /// <summary>Adds connection <paramref name="connectionId"/> of <paramref name="user"/> to <paramref name="call"/>'s media, starting it if needed.</summary>
    public CallRouter Join(ChannelId call, Guid connectionId, ChannelUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        lock (gate)
        {
            var router = routers.GetOrAdd(call.Id, id =>
            {
                var created = new CallRouter(id, server, time, logger);
                created.SpeakingChanged += (_, users) => Publish(call, new SpeakingChanged(users), Audience.Subscribers);
                return created;
            });
            // One connection per person in a call: their user id addresses their connection.
            router.AddPeer(connectionId, user.Id, user.Name, offer => Publish(call, offer, Audience.ToUsers(user.Id)));
            return router;
        }
    }

    /// <summary>Takes <paramref name="connectionId"/> out of <paramref name="callId"/>'s media; the last one out stops it.</summary>
    public void Leave(string callId, Guid connectionId)
    {
        lock (gate)
        {
            if (!routers.TryGetValue(callId, out var router))
            {
                return;
            }
            router.RemovePeer(connectionId);
            if (router.IsEmpty && routers.TryRemove(callId, out _))
            {
                router.Dispose();
            }
        }
    }

    /// <summary>The media of <paramref name="callId"/>, if the call is going on.</summary>
    public CallRouter? Find(string callId) => routers.TryGetValue(callId, out var router) ? router : null;

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var router in routers.Values)
        {
            router.Dispose();
        }
        routers.Clear();
    }

    private void Publish(ChannelId call, RealtimeEvent e, Audience audience)
    {
        // Raised under the router's lock or on its timer: publishing must not wait there.
        var publishing = hub.PublishAsync(call, e, audience);
        if (!publishing.IsCompletedSuccessfully)
        {
            publishing.ContinueWith(t => logger.LogError(t.Exception, "Publishing {Event} on {Call} failed", e.GetType().Name, call), CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        }
    }
}
