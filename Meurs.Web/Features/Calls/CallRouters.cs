using System.Collections.Concurrent;
using Meurs.Media.Transport;
using Meurs.Web.Realtime;

namespace Meurs.Web.Features.Calls;

/// <summary>
/// The media of every call going on, on the app's one <see cref="WebRtcServer"/>: a call's <see cref="CallRouter"/>
/// exists from its first participant to its last. Speaking changes are announced on the call's topic.
/// </summary>
public sealed class CallRouters(WebRtcServer server, TopicHub hub, TimeProvider time, ILogger<CallRouter> logger) : IDisposable
{
    private readonly ConcurrentDictionary<string, CallRouter> routers = new(StringComparer.Ordinal);
    private readonly Lock gate = new();

    /// <summary>Adds <paramref name="connection"/> to <paramref name="callId"/>'s media, starting it if needed.</summary>
    public CallRouter Join(string callId, SocketConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        lock (gate)
        {
            var router = routers.GetOrAdd(callId, id =>
            {
                var created = new CallRouter(id, server, time, logger);
                created.SpeakingChanged += (r, users) => hub.Publish(CallAnnouncer.Topic(r.CallId), CallJson.Speaking(users));
                return created;
            });
            router.AddPeer(connection.Id, connection.UserId, connection.UserName, message => connection.TrySend(message));
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
}
