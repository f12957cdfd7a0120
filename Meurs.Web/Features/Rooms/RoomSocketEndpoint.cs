using Meurs.Web.Data;
using Meurs.Web.Features.Calls;
using Meurs.Web.Realtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Meurs.Web.Features.Rooms;

/// <summary>
/// A room's live connections, one handler for both protocols:
/// <list type="bullet">
/// <item><c>/ws/rooms/{id}</c>: a room page through hx-ws; hx-ws:send forms arrive as <c>{"text": "…", "headers": {…}}</c>
/// and the sender gets the composer back (empty, or with the text and the reason it was refused).</item>
/// <item><c>/ws/comuni/{id}[?after=seq]</c>: the JSON protocol of the original Meurs (see <see cref="RoomJson"/>); a refused
/// message gets <c>{"type":"error","code","detail"}</c> and the socket stays open.</item>
/// </list>
/// After authentication, Origin and room checks, the connection gets the history, an arrival is announced, and on
/// departure the leave is announced and, for an owner away longer than <see cref="RoomsOptions.OwnerAwayGracePeriod"/>,
/// the history cleared.
/// </summary>
internal static class RoomSocketEndpoint
{
    public static IEndpointRouteBuilder MapRoomSocket(this IEndpointRouteBuilder app)
    {
        app.Map("/ws/rooms/{id}", (string id, HttpContext http, RoomSocketServices services) => HandleAsync(id, SocketProtocol.Htmx, null, http, services));
        app.Map("/ws/comuni/{id}", (string id, string? after, HttpContext http, RoomSocketServices services) =>
            after is null || (long.TryParse(after, out var seq) && seq >= 0)
                ? HandleAsync(id, SocketProtocol.Json, after is null ? null : long.Parse(after, System.Globalization.CultureInfo.InvariantCulture), http, services)
                : Task.FromResult(Results.BadRequest(new { detail = "after must be a non-negative sequence number" })));
        return app;
    }

    private static async Task<IResult> HandleAsync(string id, SocketProtocol protocol, long? after, HttpContext http, RoomSocketServices s)
    {
        if (s.Acceptor.Check(http) is { } refusal)
        {
            return refusal;
        }
        var room = RoomId.IsValid(id) ? await s.Db.Rooms.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id && r.ClosedAt == null, http.RequestAborted) : null;
        if (room is null)
        {
            return Results.NotFound(new { detail = "Room not found" });
        }

        await s.Join.HandleAsync(room.Id, s.Acceptor.UserIdOf(http.User), http.RequestAborted);
        var connection = await s.Acceptor.AcceptAsync(http, protocol);
        var arrived = s.Presence.Connect(room.Id, connection.UserId, connection.UserName);
        if (connection.UserId == room.OwnerId)
        {
            // Back within the owner's grace period: the history stays.
            s.Absence.Returned(room.Id);
        }
        try
        {
            await s.Log.SubscribeAsync(room.Id, connection, after, http.RequestAborted);
            if (arrived)
            {
                await s.Log.AppendAsync(room.Id, RoomMessageKind.Joined, connection.UserId, connection.UserName, $"{connection.UserName} joined", http.RequestAborted);
            }
            if (connection.Protocol == SocketProtocol.Htmx)
            {
                // Who is in the room's call, which may have changed while this page was away.
                connection.TrySend(await s.Calls.ListSwapAsync(room.Id));
            }
            await s.Log.PublishMembersAsync(room.Id, room.OwnerId);
            await connection.RunAsync(frame => OnMessageAsync(room, connection, frame, s), http.RequestAborted, bytes => OnBinaryAsync(room, connection, bytes, s));
        }
        finally
        {
            s.Relay.Forget(room.Id, connection);
            s.Hub.Leave(RoomEventLog.Topic(room.Id), connection);
            await DepartAsync(room, connection, s);
        }
        return Results.Empty;
    }

    private static async Task OnMessageAsync(Room room, SocketConnection connection, string frame, RoomSocketServices s)
    {
        var request = connection.Protocol == SocketProtocol.Htmx ? RoomRequest.FromHtmx(frame) : RoomRequest.FromJson(frame);
        if (request is FileRequest file)
        {
            // Relay control messages answer in JSON on both sockets: the page's relay script reads them, not htmx.
            if (s.Relay.Announce(room.Id, connection, file) is { } relayRefusal)
            {
                connection.TrySend(RoomJson.Error(relayRefusal.Code, relayRefusal.Detail));
            }
            return;
        }
        if (request is LeaveRequest)
        {
            await s.Leave.HandleAsync(room.Id, connection.UserId, CancellationToken.None);
            connection.RequestClose(System.Net.WebSockets.WebSocketCloseStatus.NormalClosure, "Left the room");
            return;
        }
        RoomRefusal? refusal;
        try
        {
            refusal = await s.Send.HandleAsync(room.Id, connection.UserId, connection.UserName, request, CancellationToken.None);
        }
        catch (DbUpdateException ex)
        {
            // The sender keeps their text and can try again; the socket stays open.
            s.Logger.LogError(ex, "Storing a message in room {RoomId} failed", room.Id);
            refusal = new RoomRefusal("server_error", "The message could not be saved. Please try again.");
        }
        if (connection.Protocol == SocketProtocol.Htmx)
        {
            connection.TrySend(await s.Fragments.ComposerAsync(refusal is null ? "" : request.Typed, refusal?.Detail));
        }
        else if (refusal is not null)
        {
            connection.TrySend(RoomJson.Error(refusal.Code, refusal.Detail));
        }
    }

    private static Task OnBinaryAsync(Room room, SocketConnection connection, ReadOnlyMemory<byte> bytes, RoomSocketServices s)
    {
        if (s.Relay.Relay(room.Id, connection, bytes) is { } refusal)
        {
            connection.TrySend(RoomJson.Error(refusal.Code, refusal.Detail));
        }
        return Task.CompletedTask;
    }

    private static async Task DepartAsync(Room room, SocketConnection connection, RoomSocketServices s)
    {
        if (s.Presence.Disconnect(room.Id, connection.UserId) is not { } token)
        {
            return;
        }
        try
        {
            await Task.Delay(s.Options.Value.LeaveGracePeriod, s.Time, s.Lifetime.ApplicationStopping);
        }
        catch (OperationCanceledException)
        {
            return;
        }
        if (!s.Presence.TryDepart(room.Id, connection.UserId, token))
        {
            return;
        }
        if (connection.UserId != room.OwnerId)
        {
            await AnnounceLeftAsync(room, connection, s);
            return;
        }
        // The owner: the history is cleared once they have been away for OwnerAwayGracePeriod (counted from the
        // connection closing), unless they come back first or already cleared it by leaving on purpose.
        var away = s.Absence.Away(room.Id);
        var remaining = s.Options.Value.OwnerAwayGracePeriod - s.Options.Value.LeaveGracePeriod;
        if (away is { } now && remaining <= TimeSpan.Zero && s.Absence.TryExpire(room.Id, now))
        {
            await s.Log.ClearAsync(room.Id, LeaveRoom.ClearedNotice, CancellationToken.None);
            await s.Log.PublishMembersAsync(room.Id, room.OwnerId);
            return;
        }
        await AnnounceLeftAsync(room, connection, s);
        if (away is { } awayToken && remaining > TimeSpan.Zero)
        {
            // The wait runs on its own (singletons only): the socket is gone, so the request need not stay open for it.
            _ = ClearIfStillAwayAsync(room.Id, awayToken, remaining, s.Log, s.Absence, s.Time, s.Logger, s.Lifetime.ApplicationStopping);
        }
    }

    private static async Task ClearIfStillAwayAsync(string roomId, long awayToken, TimeSpan wait, RoomEventLog log, RoomOwnerAbsence absence, TimeProvider time, ILogger logger, CancellationToken stopping)
    {
        try
        {
            await Task.Delay(wait, time, stopping);
            if (absence.TryExpire(roomId, awayToken))
            {
                await log.ClearAsync(roomId, LeaveRoom.ClearedNotice, CancellationToken.None);
            }
        }
        catch (OperationCanceledException)
        {
            // The server is stopping; the history stays (ClearIdleRooms deals with rooms nobody comes back to).
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Nobody awaits this task: say what went wrong instead of losing it.
            logger.LogError(ex, "Clearing room {RoomId} after its owner stayed away failed", roomId);
        }
    }

    private static async Task AnnounceLeftAsync(Room room, SocketConnection connection, RoomSocketServices s)
    {
        await s.Log.AppendAsync(room.Id, RoomMessageKind.Left, connection.UserId, connection.UserName, $"{connection.UserName} left", CancellationToken.None);
        await s.Log.PublishMembersAsync(room.Id, room.OwnerId);
    }
}

/// <summary>What a room socket needs, in one parameter object (minimal API <c>[AsParameters]</c> style).</summary>
internal sealed class RoomSocketServices(
    SocketAcceptor acceptor,
    MeursDbContext db,
    RoomEventLog log,
    RoomPresence presence,
    RoomOwnerAbsence absence,
    LeaveRoom leave,
    SendRoomMessage send,
    JoinRoom join,
    RoomFileRelay relay,
    RoomFragments fragments,
    CallAnnouncer calls,
    TopicHub hub,
    IOptions<RoomsOptions> options,
    IHostApplicationLifetime lifetime,
    TimeProvider time,
    ILogger<RoomSocketServices> logger)
{
    public SocketAcceptor Acceptor { get; } = acceptor;

    public MeursDbContext Db { get; } = db;

    public RoomEventLog Log { get; } = log;

    public RoomPresence Presence { get; } = presence;

    public RoomOwnerAbsence Absence { get; } = absence;

    public LeaveRoom Leave { get; } = leave;

    public SendRoomMessage Send { get; } = send;

    public JoinRoom Join { get; } = join;

    public RoomFileRelay Relay { get; } = relay;

    public RoomFragments Fragments { get; } = fragments;

    public CallAnnouncer Calls { get; } = calls;

    public TopicHub Hub { get; } = hub;

    public IOptions<RoomsOptions> Options { get; } = options;

    public IHostApplicationLifetime Lifetime { get; } = lifetime;

    public TimeProvider Time { get; } = time;

    public ILogger Logger { get; } = logger;
}
