using System.CommandLine;
using Meurs.Web.Features.Rooms;

namespace Meurs.Web.Cli;

/// <summary>
/// <c>meurs connect --room ID [--server URL] [--token T]</c>: chat in a room from a terminal, as a client of a running
/// server over its public API and room socket (it never opens the database). The token comes from <c>--token</c> or
/// <c>MEURS_TOKEN</c>. Exit 0 on <c>/quit</c>, end of input or the room closing; 1 with a message when the token is
/// refused, the room is not found, or the server cannot be reached.
/// </summary>
internal static class ConnectCommand
{
    /// <summary>The <c>connect</c> command.</summary>
    public static Command Create(CliContext context)
    {
        var room = new Option<string>("--room", "-r") { Description = "The room's id, or its link.", Required = true, HelpName = "ID" };
        var server = ServerOptions.Server(ServerOptions.DefaultServer);
        var token = ServerOptions.Token();
        var command = new Command("connect", "Join a room and chat from the terminal. Type /help once in.") { room, server, token };
        command.SetAction((parse, cancellationToken) => context.GuardAsync(async () =>
        {
            var value = parse.GetRequiredValue(room);
            var roomId = RoomId.Parse(value) ?? throw new CliException($"'{value}' is not a room id or a room link.");
            var address = ServerOptions.ParseServer(parse.GetValue(server) ?? ServerOptions.DefaultServer);
            using var api = new MeursApiClient(address, ServerOptions.ResolveToken(parse.GetValue(token)));
            return await new RoomSession(api, roomId, context.Console).RunAsync(cancellationToken);
        }));
        return command;
    }
}
