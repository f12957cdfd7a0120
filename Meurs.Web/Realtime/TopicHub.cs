using System.Collections.Concurrent;

namespace Meurs.Web.Realtime;

/// <summary>
/// Who is connected to which topic (<c>rooms/{id}</c>, <c>me/{userId}</c>, …) and fan-out to them.
/// A topic's membership is the set of its open connections; presence is derived from it, never stored twice.
/// </summary>
public sealed class TopicHub
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<Guid, SocketConnection>> topics = new(StringComparer.Ordinal);

    /// <summary>Adds <paramref name="connection"/> to <paramref name="topic"/>.</summary>
    public void Join(string topic, SocketConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        topics.GetOrAdd(topic, _ => new()).TryAdd(connection.Id, connection);
    }

    /// <summary>Removes <paramref name="connection"/> from <paramref name="topic"/>; the topic disappears with its last connection.</summary>
    public void Leave(string topic, SocketConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (topics.TryGetValue(topic, out var members) && members.TryRemove(connection.Id, out _) && members.IsEmpty)
        {
            topics.TryRemove(new KeyValuePair<string, ConcurrentDictionary<Guid, SocketConnection>>(topic, members));
        }
    }

    /// <summary>The open connections of <paramref name="topic"/> at this moment.</summary>
    public IReadOnlyCollection<SocketConnection> Connections(string topic) =>
        topics.TryGetValue(topic, out var members) ? [.. members.Values] : [];

    /// <summary>Queues the same <paramref name="message"/> to every connection of <paramref name="topic"/>, whatever its protocol.</summary>
    /// <returns>How many connections it was queued to.</returns>
    public int Publish(string topic, string message, Func<SocketConnection, bool>? filter = null) =>
        Publish(topic, new Frame(message, message), filter);

    /// <summary>
    /// Queues <paramref name="frame"/> to every connection of <paramref name="topic"/> in that connection's protocol,
    /// optionally only to those matching <paramref name="filter"/>.
    /// </summary>
    /// <returns>How many connections it was queued to.</returns>
    public int Publish(string topic, Frame frame, Func<SocketConnection, bool>? filter = null)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var sent = 0;
        foreach (var connection in Connections(topic))
        {
            if ((filter is null || filter(connection)) && frame.For(connection.Protocol) is { } text && connection.TrySend(text))
            {
                sent++;
            }
        }
        return sent;
    }

    /// <summary>Queues the binary <paramref name="message"/> to the connections of <paramref name="topic"/> matching <paramref name="filter"/>.</summary>
    /// <returns>How many connections it was queued to.</returns>
    public int PublishBinary(string topic, ReadOnlyMemory<byte> message, Func<SocketConnection, bool> filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var sent = 0;
        foreach (var connection in Connections(topic))
        {
            if (filter(connection) && connection.TrySendBinary(message))
            {
                sent++;
            }
        }
        return sent;
    }
}
