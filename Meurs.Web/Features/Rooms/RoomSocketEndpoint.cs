using System.Text.Json;
using Meurs.Web.Data;
using Meurs.Web.Realtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Meurs.Web.Features.Rooms;

/// <summary>
/// <c>/ws/rooms/{id}</c>: a room page's live connection. After authentication, Origin and room checks it sends the
/// history and member list, announces an arrival, turns each <c>hx-ws:send</c> form (<c>{"text": "…", "headers": {…}}</c>)
/// into a <see cref="SendRoomMessage"/>, and on departure announces the leave or, for the owner, clears the history.
/// </summary>
internal static class RoomSocketEndpoint
{
    public static IEndpointRouteBuilder MapRoomSocket(this IEndpointRouteBuilder app)
    {
        app.Map("/ws/rooms/{id}", HandleAsync);
        return app;
    }

    private static async Task<IResult> HandleAsync(
        string id,
        HttpContext http,
        SocketAcceptor acceptor,
        MeursDbContext db,
        RoomEventLog log,
        RoomPresence presence,
        SendRoomMessage send,
        RoomFragments fragments,
        IOptions<RoomsOptions> options,
        IHostApplicationLifetime lifetime,
        ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger(typeof(RoomSocketEndpoint).FullName!);
        if (acceptor.Check(http) is { } refusal)
        {
            return refusal;
        }
        var room = RoomId.IsValid(id) ? await db.Rooms.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id && r.ClosedAt == null, http.RequestAborted) : null;
        if (room is null)
        {
            return Results.NotFound(new { detail = "Room not found" });
        }

        var connection = await acceptor.AcceptAsync(http);
        var arrived = presence.Connect(room.Id, connection.UserId, connection.UserName);
        try
        {
            await log.SubscribeAsync(room.Id, connection, http.RequestAborted);
            if (arrived)
            {
                await log.AppendAsync(room.Id, RoomMessageKind.Joined, connection.UserId, connection.UserName, $"{connection.UserName} joined", http.RequestAborted);
            }
            await log.PublishMembersAsync(room.Id, room.OwnerId);

            await connection.RunAsync(async frame =>
            {
                string? text = null;
                string? refusal;
                try
                {
                    refusal = Read(frame, out text) ?? await send.HandleAsync(room.Id, connection.UserId, connection.UserName, text, CancellationToken.None);
                }
                catch (Exception ex) when (ex is DbUpdateException or InvalidOperationException)
                {
                    // The sender keeps their text and can try again; the socket stays open.
                    logger.LogError(ex, "Storing a message in room {RoomId} failed", room.Id);
                    refusal = "The message could not be saved. Please try again.";
                }
                connection.TrySend(await fragments.ComposerAsync(refusal is null ? "" : text ?? "", refusal));
            }, http.RequestAborted);
        }
        finally
        {
            http.RequestServices.GetRequiredService<TopicHub>().Leave(RoomEventLog.Topic(room.Id), connection);
            await DepartAsync(room, connection, presence, log, options.Value.LeaveGracePeriod, lifetime.ApplicationStopping);
        }
        return Results.Empty;
    }

    /// <summary>Reads the text of an hx-ws:send frame; returns the refusal when the frame is not one.</summary>
    private static string? Read(string frame, out string? text)
    {
        text = null;
        try
        {
            using var json = JsonDocument.Parse(frame);
            if (json.RootElement.ValueKind != JsonValueKind.Object || !json.RootElement.TryGetProperty("text", out var value))
            {
                return "That message had no text field.";
            }
            if (value.ValueKind != JsonValueKind.String)
            {
                return "The message text must be a string.";
            }
            text = value.GetString();
            return null;
        }
        catch (JsonException)
        {
            return "That message was not valid JSON.";
        }
    }

    private static async Task DepartAsync(Room room, SocketConnection connection, RoomPresence presence, RoomEventLog log, TimeSpan grace, CancellationToken stopping)
    {
        if (presence.Disconnect(room.Id, connection.UserId) is not { } token)
        {
            return;
        }
        try
        {
            if (grace > TimeSpan.Zero)
            {
                await Task.Delay(grace, stopping);
            }
        }
        catch (OperationCanceledException)
        {
            return;
        }
        if (!presence.TryDepart(room.Id, connection.UserId, token))
        {
            return;
        }
        if (connection.UserId == room.OwnerId)
        {
            await log.ClearAsync(room.Id, "Owner left. Chat cleared", CancellationToken.None);
        }
        else
        {
            await log.AppendAsync(room.Id, RoomMessageKind.Left, connection.UserId, connection.UserName, $"{connection.UserName} left", CancellationToken.None);
        }
        await log.PublishMembersAsync(room.Id, room.OwnerId);
    }
}
