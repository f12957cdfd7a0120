namespace Meurs.Web.Realtime;

/// <summary>One open connection as a socket's handlers see it: who, on which channel, and a way to answer them alone.</summary>
public sealed class SocketSession
{
    internal SocketSession(SocketConnection connection, ChannelId channel, ChannelUser user, IServiceProvider services)
    {
        Connection = connection;
        Channel = channel;
        User = user;
        Services = services;
    }

    /// <summary>The connection (its id tells it from the same person's other tabs).</summary>
    public SocketConnection Connection { get; }

    /// <summary>The channel the socket is on.</summary>
    public ChannelId Channel { get; }

    /// <summary>The signed-in person.</summary>
    public ChannelUser User { get; }

    /// <summary>The request's services, alive as long as the socket.</summary>
    public IServiceProvider Services { get; }

    /// <summary>What the connection speaks.</summary>
    public SocketProtocol Protocol => Connection.Protocol;

    /// <summary>Queues a reply to this connection alone (never waits; a connection that falls behind is closed with 1013).</summary>
    public void Send(string message) => Connection.TrySend(message);
}
