using System.Net.WebSockets;

namespace Meurs.Web.Realtime;

/// <summary>
/// Told to a connection whose channel's policy no longer admits its person (a role or an override took the permission
/// away, they were kicked or banned, the channel was deleted); the connection is then closed. Sent by
/// <see cref="RealtimeHub.ReauthorizeAsync"/>, never published by features.
/// </summary>
/// <param name="Channel">The channel they lost.</param>
/// <param name="Detail">Why, for people.</param>
public sealed record AccessRevoked(ChannelId Channel, string Detail) : RealtimeEvent
{
    /// <summary>
    /// Close code for programs: 4003, as the Chat system closed sockets of non-members (4000–4999 are for applications,
    /// RFC 6455 §7.4.2). Pages are closed with 1000 instead, because hx-ws reconnects after any other code.
    /// </summary>
    public const WebSocketCloseStatus ProgramCode = (WebSocketCloseStatus)4003;
}

/// <summary>
/// The one view of <see cref="AccessRevoked"/>: <c>{"type":"access.revoked","data":{"channel","detail"}}</c> for programs;
/// for pages a <c>#access-revoked</c> notice appended to the body, which the page script shows.
/// </summary>
public sealed class AccessRevokedView : IEventView<AccessRevoked>
{
    /// <inheritdoc />
    public Task<IReadOnlyList<string>> HtmxAsync(AccessRevoked e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var html = $"<div id=\"access-revoked\" class=\"notice-banner\" role=\"alert\">{System.Net.WebUtility.HtmlEncode(e.Detail)} <a href=\"/communities\">Back to your servers</a></div>";
        return Task.FromResult<IReadOnlyList<string>>([HtmxSwap.Message(html, "body", "beforeend")]);
    }

    /// <inheritdoc />
    public IReadOnlyList<string> Json(AccessRevoked e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return [RealtimeJson.Envelope("access.revoked", new { Channel = e.Channel.ToString(), e.Detail })];
    }
}
