namespace Meurs.Web.Realtime;

/// <summary>What a connection speaks: what the server sends it, and how its messages are read.</summary>
public enum SocketProtocol
{
    /// <summary>A browser page through htmx's hx-ws: it receives <see cref="HtmxSwap"/> messages of rendered HTML.</summary>
    Htmx,

    /// <summary>A non-browser client (CLI, bot): it receives JSON envelopes <c>{"type": …}</c>.</summary>
    Json,
}
