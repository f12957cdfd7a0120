using Meurs.Web.Realtime;
using Microsoft.EntityFrameworkCore;

namespace Meurs.Web.Features.Rooms;

/// <summary>
/// A room's connections, for both protocols of the <see cref="SocketPipeline"/>: what a room command does, and direct
/// file transfers (binary frames). <see cref="RoomPageSocket"/> and <see cref="ComuniSocket"/> differ only in how they answer.
/// </summary>
public abstract class RoomSocket(SendRoomMessage send, RoomFileRelay relay, IServiceScopeFactory scopes, RoomOwnerAbsence absence, ILogger logger) : ChannelSocket<RoomCommand>
{
    /// <inheritdoc />
    public override ChannelId? ChannelOf(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        return http.GetRouteValue("id") is string id && RoomId.IsValid(id) ? ChannelId.Room(id) : null;
    }

    /// <inheritdoc />
    public override bool AcceptsBinary => true;

    /// <inheritdoc />
    public override async Task<RealtimeRefusal?> HandleAsync(SocketSession session, RoomCommand command)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (command is FileCommand file)
        {
            return await relay.AnnounceAsync(session.Channel.Id, session.Connection, file);
        }
        if (command is LeaveCommand)
        {
            using var scope = scopes.CreateScope();
            await scope.ServiceProvider.GetRequiredService<LeaveRoom>().HandleAsync(session.Channel.Id, session.User.Id, CancellationToken.None);
            session.Connection.RequestClose(System.Net.WebSockets.WebSocketCloseStatus.NormalClosure, "Left the room");
            return null;
        }
        var request = command switch
        {
            ChatCommand chat when session.Protocol == SocketProtocol.Htmx => RoomRequest.Command(chat.Text),
            ChatCommand chat => new ChatRequest(chat.Text),
            PrivateMessageCommand pm => new PrivateRequest(pm.To.Trim(), pm.Text),
            _ => throw new ArgumentOutOfRangeException(nameof(command), command.GetType().Name, "unknown room command"),
        };
        try
        {
            return (await send.HandleAsync(session.Channel.Id, session.User.Id, session.User.Name, request, CancellationToken.None));
        }
        catch (DbUpdateException ex)
        {
            // The sender keeps their text and can try again; the socket stays open.
            logger.LogError(ex, "Storing a message in room {RoomId} failed", session.Channel.Id);
            return new RealtimeRefusal("server_error", "The message could not be saved. Please try again.");
        }
    }

    /// <inheritdoc />
    public override async Task OnOpenedAsync(SocketSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<Meurs.Web.Data.MeursDbContext>();
        if (await db.Rooms.AnyAsync(r => r.Id == session.Channel.Id && r.OwnerId == session.User.Id))
        {
            // The owner is back (within their grace period, the history stays).
            absence.Returned(session.Channel.Id);
        }
    }

    /// <inheritdoc />
    public override Task<RealtimeRefusal?> HandleBinaryAsync(SocketSession session, ReadOnlyMemory<byte> bytes)
    {
        ArgumentNullException.ThrowIfNull(session);
        return relay.RelayAsync(session.Channel.Id, session.Connection, bytes);
    }

    /// <inheritdoc />
    public override Task OnClosedAsync(SocketSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        return relay.ForgetAsync(session.Channel.Id, session.Connection);
    }
}

/// <summary>
/// <c>/ws/rooms/{id}</c>: a room page through hx-ws. A form's fields arrive without a "type", as a chat; the page also
/// receives its call's participant list. The sender gets the composer back: empty after a send, or with the text and
/// the reason it was refused (relay announcements, sent by the page's script, are answered in JSON).
/// </summary>
public sealed class RoomPageSocket(SendRoomMessage send, RoomFileRelay relay, IServiceScopeFactory scopes, RoomOwnerAbsence absence, RoomFragments fragments, ILogger<RoomPageSocket> logger)
    : RoomSocket(send, relay, scopes, absence, logger)
{
    /// <inheritdoc />
    public override SocketProtocol Protocol => SocketProtocol.Htmx;

    /// <inheritdoc />
    public override string? DefaultCommandType => "chat";

    /// <inheritdoc />
    public override IReadOnlyList<ChannelId> AlsoReceives(ChannelId channel) => [ChannelId.Call(channel.Id)];

    /// <inheritdoc />
    public override async Task<RealtimeRefusal?> HandleAsync(SocketSession session, RoomCommand command)
    {
        var refusal = await base.HandleAsync(session, command);
        if (refusal is null && command is not (FileCommand or LeaveCommand))
        {
            session!.Send(await fragments.ComposerAsync("", null));
        }
        return refusal;
    }

    /// <inheritdoc />
    public override async Task RefuseAsync(SocketSession session, RealtimeRefusal refusal, RoomCommand? command)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(refusal);
        if (command is FileCommand)
        {
            session.Send(RealtimeJson.Error(refusal));
            return;
        }
        session.Send(await fragments.ComposerAsync(command is ChatCommand chat ? chat.Text : "", refusal.Detail));
    }
}

/// <summary>
/// <c>/ws/comuni/{id}[?after=seq]</c>: the room in the JSON protocol of the original Meurs (see <see cref="RoomJson"/>).
/// A refused message gets <c>{"type":"error","code","detail"}</c> and the socket stays open.
/// </summary>
public sealed class ComuniSocket(SendRoomMessage send, RoomFileRelay relay, IServiceScopeFactory scopes, RoomOwnerAbsence absence, ILogger<ComuniSocket> logger)
    : RoomSocket(send, relay, scopes, absence, logger)
{
    /// <inheritdoc />
    public override SocketProtocol Protocol => SocketProtocol.Json;

    /// <inheritdoc />
    public override bool AcceptsResume => true;
}
