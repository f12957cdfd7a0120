using System.Globalization;
using Meurs.Web.Realtime;
using Microsoft.EntityFrameworkCore;

namespace Meurs.Web.Features.Messages;

/// <summary>
/// A text channel's connections, for both protocols of the <see cref="SocketPipeline"/>, authorized by the channel kind's
/// policy (TextChannelPolicy): subscribing needs ViewChannel; each <see cref="ChannelCommand"/> names what it needs. What
/// a command does is the use case's, the same one REST calls.
/// </summary>
public abstract class TextChannelSocket(IServiceScopeFactory scopes, ILogger logger) : ChannelSocket<ChannelCommand>
{
    /// <inheritdoc />
    public override ChannelId? ChannelOf(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        return http.GetRouteValue("id") is string id && Guid.TryParse(id, out var channelId) ? ChannelId.Channel(channelId) : null;
    }

    /// <summary>Carries a command out through its use case; null, or why it was refused.</summary>
    protected async Task<RealtimeRefusal?> RunAsync(SocketSession session, ChannelCommand command)
    {
        ArgumentNullException.ThrowIfNull(session);
        var channelId = Guid.ParseExact(session.Channel.Id, "N");
        using var scope = scopes.CreateScope();
        var services = scope.ServiceProvider;
        var user = session.User;
        try
        {
            return command switch
            {
                SendCommand send => (await services.GetRequiredService<SendMessage>().HandleAsync(user, channelId, send.Content, send.ReplyToId, [], CancellationToken.None)).Refusal,
                TypingCommand => await services.GetRequiredService<StartTyping>().HandleAsync(user, channelId, session.Connection.Id, CancellationToken.None),
                ReadCommand read => await services.GetRequiredService<MarkRead>().HandleAsync(user.Id, channelId, read.Id, CancellationToken.None),
                EditCommand edit => (await services.GetRequiredService<EditMessage>().HandleAsync(user, channelId, edit.Id, edit.Content, CancellationToken.None)).Refusal,
                DeleteCommand delete => await services.GetRequiredService<DeleteMessage>().HandleAsync(user, channelId, delete.Id, CancellationToken.None),
                ReactCommand react => await services.GetRequiredService<ToggleReaction>().HandleAsync(user, channelId, react.Id, react.Emoji, CancellationToken.None),
                PinCommand pin => (await services.GetRequiredService<PinMessage>().HandleAsync(user, channelId, pin.Id, CancellationToken.None)).Refusal,
                UnpinCommand unpin => (await services.GetRequiredService<UnpinMessage>().HandleAsync(user, channelId, unpin.Id, CancellationToken.None)).Refusal,
                _ => throw new ArgumentOutOfRangeException(nameof(command), command.GetType().Name, "unknown channel command"),
            };
        }
        catch (DbUpdateException ex)
        {
            // The sender keeps their text and can try again; the socket stays open.
            logger.LogError(ex, "Storing a change in channel {ChannelId} failed", session.Channel.Id);
            return new RealtimeRefusal("server_error", "That could not be saved. Please try again.");
        }
    }
}

/// <summary>
/// <c>/ws/channels/{id}</c>: a channel page through hx-ws (cookie). A form's fields without a "type" are a
/// <c>send</c>; the sender gets the composer back (empty, or with their text and the reason it was refused); other
/// refusals show in <c>#channel-notice</c>.
/// </summary>
public sealed class ChannelPageSocket(IServiceScopeFactory scopes, MessageFragments fragments, ILogger<ChannelPageSocket> logger) : TextChannelSocket(scopes, logger)
{
    /// <inheritdoc />
    public override SocketProtocol Protocol => SocketProtocol.Htmx;

    /// <inheritdoc />
    public override string? DefaultCommandType => "send";

    /// <inheritdoc />
    // A page opened around a linked message connects with ?after= (its newest known) so the history shown stays.
    public override bool AcceptsResume => true;

    /// <inheritdoc />
    public override async Task<RealtimeRefusal?> HandleAsync(SocketSession session, ChannelCommand command)
    {
        ArgumentNullException.ThrowIfNull(session);
        var refusal = await RunAsync(session, command);
        if (refusal is null && command is SendCommand)
        {
            session.Send(await fragments.ComposerAsync(Guid.ParseExact(session.Channel.Id, "N"), "", null));
        }
        return refusal;
    }

    /// <inheritdoc />
    public override async Task RefuseAsync(SocketSession session, RealtimeRefusal refusal, ChannelCommand? command)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(refusal);
        if (command is SendCommand send)
        {
            session.Send(await fragments.ComposerAsync(Guid.ParseExact(session.Channel.Id, "N"), send.Content, refusal.Detail));
            return;
        }
        session.Send(await fragments.NoticeAsync(refusal.Detail));
    }
}

/// <summary>
/// <c>/api/ws/channels/{id}[?after=seq]</c>: a channel for programs (bearer token), in <c>{"type","data"}</c> envelopes:
/// <c>message.history</c> first (or the <c>message.created</c> missed since <c>after</c>), then every event. Commands:
/// <c>typing</c> and <c>read</c>; others get <c>{"type":"error","code":"use_rest"}</c> (messages are sent through REST).
/// </summary>
public sealed class ChannelApiSocket(IServiceScopeFactory scopes, ILogger<ChannelApiSocket> logger) : TextChannelSocket(scopes, logger)
{
    /// <inheritdoc />
    public override SocketProtocol Protocol => SocketProtocol.Json;

    /// <inheritdoc />
    public override bool AcceptsResume => true;

    /// <inheritdoc />
    public override Task<RealtimeRefusal?> HandleAsync(SocketSession session, ChannelCommand command) =>
        command is TypingCommand or ReadCommand
            ? RunAsync(session, command)
            : Task.FromResult<RealtimeRefusal?>(new RealtimeRefusal("use_rest",
                string.Create(CultureInfo.InvariantCulture, $"Send and change messages through /api/channels/{session.Channel.Id}/messages.")));
}
