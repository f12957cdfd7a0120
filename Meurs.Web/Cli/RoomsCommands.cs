using System.CommandLine;
using System.Net;
using Meurs.Web.Data;
using Meurs.Web.Features.Accounts;
using Meurs.Web.Features.Rooms;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Meurs.Web.Cli;

/// <summary>
/// <c>meurs rooms create|info|close</c>. They work on the configured database, except <c>close --server</c>, which asks
/// the running server: only the server holds the room's live sockets, so only it can tell the people inside at once.
/// </summary>
internal static class RoomsCommands
{
    /// <summary>The <c>rooms</c> command group.</summary>
    public static Command Create(CliContext context)
    {
        var rooms = new Command("rooms", "Create, inspect and close rooms.");
        rooms.Add(CreateRoomCommand(context));
        rooms.Add(Info(context));
        rooms.Add(Close(context));
        return rooms;
    }

    private static Command CreateRoomCommand(CliContext context)
    {
        var owner = new Option<string>("--owner", "-o") { Description = "The user who owns the room (and alone can close it).", Required = true, HelpName = "NAME" };
        var command = new Command("create", "Create a room and print its id.") { owner };
        command.SetAction(parse => context.WithServicesAsync(async services =>
        {
            var user = await UserLookup.FindAsync(services.GetRequiredService<UserManager<MeursUser>>(), parse.GetRequiredValue(owner));
            try
            {
                var room = await services.GetRequiredService<CreateRoom>().HandleAsync(user.Id, CancellationToken.None);
                await context.Console.Out.WriteLineAsync(room.Id);
                return 0;
            }
            catch (RoomIdsExhaustedException ex)
            {
                throw new CliException(ex.Message + " Try again.");
            }
        }));
        return command;
    }

    private static Command Info(CliContext context)
    {
        var id = RoomIdArgument();
        var command = new Command("info", "Show a room: owner, creation time, open or closed, number of events, members.") { id };
        command.SetAction(parse => context.WithServicesAsync(async services =>
        {
            var roomId = ParseRoomId(parse.GetRequiredValue(id));
            var db = services.GetRequiredService<MeursDbContext>();
            var room = await db.Rooms.AsNoTracking().Include(r => r.Owner).SingleOrDefaultAsync(r => r.Id == roomId)
                ?? throw new CliException($"No room '{roomId}'.");
            var messages = await db.RoomMessages.CountAsync(m => m.RoomId == roomId);
            var members = await db.RoomMemberships.CountAsync(m => m.RoomId == roomId);
            IReadOnlyList<(string Key, string Value)> lines =
            [
                ("room", room.Id),
                ("owner", room.Owner?.UserName ?? "?"),
                ("created", TextTable.Utc(room.CreatedAt)),
                ("state", room.ClosedAt is { } closed ? "closed " + TextTable.Utc(closed) : "open"),
                // Events kept now: the owner leaving wipes the history, so this can be less than ever happened.
                ("messages", messages.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                ("members", members.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ];
            foreach (var (key, value) in lines)
            {
                await context.Console.Out.WriteLineAsync($"{key + ":",-10}{value}");
            }
            return 0;
        }));
        return command;
    }

    private static Command Close(CliContext context)
    {
        var id = RoomIdArgument();
        var server = ServerOptions.Server(fallback: null);
        var token = ServerOptions.Token();
        var command = new Command(
            "close",
            "Close a room as its owner would. With --server, the running server closes it and tells everyone inside at once "
            + "(the token must be the owner's); without, it is closed in the database: people connected to a running server "
            + "can no longer send, and are told when they reconnect.")
        {
            id, server, token,
        };
        command.SetAction((parse, cancellationToken) => context.GuardAsync(async () =>
        {
            var roomId = ParseRoomId(parse.GetRequiredValue(id));
            if (parse.GetValue(server) is { } address)
            {
                return await CloseOnServerAsync(context, roomId, ServerOptions.ParseServer(address), ServerOptions.ResolveToken(parse.GetValue(token)), cancellationToken);
            }
            return await context.WithServicesAsync(async services =>
            {
                var db = services.GetRequiredService<MeursDbContext>();
                var ownerId = await db.Rooms.Open().Where(r => r.Id == roomId).Select(r => (Guid?)r.OwnerId).SingleOrDefaultAsync(cancellationToken)
                    ?? throw new CliException($"No open room '{roomId}'.");
                // The owner's own use case, acting as the owner: the same checks, the same closed state.
                var outcome = await services.GetRequiredService<CloseRoom>().HandleAsync(roomId, ownerId, cancellationToken);
                if (outcome != CloseRoom.Outcome.Closed)
                {
                    throw new CliException($"No open room '{roomId}'.");
                }
                await context.Console.Out.WriteLineAsync($"Closed room {roomId}.");
                return 0;
            });
        }));
        return command;
    }

    private static async Task<int> CloseOnServerAsync(CliContext context, string roomId, Uri server, string token, CancellationToken cancellationToken)
    {
        using var api = new MeursApiClient(server, token);
        try
        {
            await api.CloseRoomAsync(roomId, cancellationToken);
        }
        catch (ApiRefusalException refusal)
        {
            throw new CliException(refusal.Status switch
            {
                HttpStatusCode.Unauthorized => $"The server refused the token: {refusal.Detail}",
                HttpStatusCode.Forbidden => "Only the room's owner can close it: use a token of the owner (meurs tokens create --user <owner>).",
                HttpStatusCode.NotFound => $"No open room '{roomId}' on {server}.",
                _ => $"The server refused: {refusal.Message}",
            });
        }
        await context.Console.Out.WriteLineAsync($"Closed room {roomId}; everyone in it has been told.");
        return 0;
    }

    private static Argument<string> RoomIdArgument() => new("id") { Description = "The room's 7-character id, or its link." };

    private static string ParseRoomId(string value) =>
        RoomId.Parse(value) ?? throw new CliException($"'{value}' is not a room id (7 characters of a–z, 1–9, '-', '_', '.', '~') or a room link.");
}
