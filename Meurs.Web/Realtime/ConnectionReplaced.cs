using System.Net.WebSockets;

namespace Meurs.Web.Realtime;

/// <summary>
/// Told to a connection that a newer one of the same person replaced (kinds with one connection per person); it is then
/// closed with <see cref="Code"/>.
/// </summary>
public sealed record ConnectionReplaced : RealtimeEvent
{
    /// <summary>Close code 4001 (4000–4999 are for applications, RFC 6455 §7.4.2).</summary>
    public const WebSocketCloseStatus Code = (WebSocketCloseStatus)4001;

    /// <inheritdoc />
    public override WebSocketCloseStatus? CloseAfter => Code;
}
