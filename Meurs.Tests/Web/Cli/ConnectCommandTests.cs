using System.Net.WebSockets;
using Meurs.Web.Features.Rooms;
using Meurs.Web.Realtime;
using Microsoft.Extensions.DependencyInjection;

namespace Meurs.Tests.Web.Cli;

/// <summary>
/// <c>meurs connect</c> as a separate process (stdin piped) against the app on Kestrel at 127.0.0.1, with a program on
/// the JSON room socket on the other side.
/// </summary>
public sealed class ConnectCommandTests(LiveServer server) : IClassFixture<LiveServer>
{
    [Fact]
    public async Task ChatsBothWays_PrivateMessages_Who_Quit()
    {
        var (owner, ownerToken) = await server.Api.NewAccountWithTokenAsync("own");
        var (guest, guestToken) = await server.Api.NewAccountWithTokenAsync("cli");
        var roomId = await server.CreateRoomAsync(ownerToken);
        await using var program = await server.ConnectJsonAsync(roomId, ownerToken);
        await program.SendAsync(new { type = "chat", text = "said before you came" });
        await program.ReceiveEventAsync("chat", "said before you came");

        await using var cli = CliProcess.Start("connect", "--room", roomId, "--server", server.BaseAddress.ToString(), "--token", guestToken);

        await cli.WaitForLineAsync($"* Joined room {roomId}");
        await cli.WaitForLineAsync(l => l.EndsWith($"] {owner}: said before you came", StringComparison.Ordinal), "the history");
        await program.ReceiveEventAsync("system", $"{guest} joined");

        await cli.TypeAsync("hello from the terminal");
        await program.ReceiveEventAsync("chat", "hello from the terminal");
        await program.SendAsync(new { type = "chat", text = "hello back" });
        await cli.WaitForLineAsync(l => l.EndsWith($"] {owner}: hello back", StringComparison.Ordinal), "the program's chat");

        await cli.TypeAsync($"/pm {owner} just for you");
        var pm = await program.ReceiveUntilAsync(e => JsonRoomSocket.Str(e, "type") == "pm");
        Assert.Equal(guest, JsonRoomSocket.Str(pm, "from"));
        Assert.Equal("just for you", JsonRoomSocket.Str(pm, "text"));
        await cli.WaitForLineAsync(l => l.EndsWith($"] you -> {owner} (private): just for you", StringComparison.Ordinal), "the private message echo");
        await program.SendAsync(new { type = "pm", to = guest, text = "secret reply" });
        await cli.WaitForLineAsync(l => l.EndsWith($"] {owner} -> you (private): secret reply", StringComparison.Ordinal), "the private reply");

        await cli.TypeAsync("/who");
        var who = await cli.WaitForLineAsync("* Connected: ");
        Assert.Contains(owner, who, StringComparison.Ordinal);
        Assert.Contains(guest, who, StringComparison.Ordinal);

        await cli.TypeAsync("/pm");
        await cli.WaitForLineAsync("! Write a private message as: /pm <user> <text>");
        await cli.TypeAsync($"/pm nobody{Guid.NewGuid():N} hi");
        await cli.WaitForLineAsync(l => l.StartsWith("! ", StringComparison.Ordinal) && l.Contains("nobody", StringComparison.Ordinal), "the refusal");
        await cli.TypeAsync("/help");
        await cli.WaitForLineAsync("/quit");

        await cli.TypeAsync("/quit");
        Assert.Equal(0, await cli.WaitForExitAsync());
        await program.ReceiveEventAsync("system", $"{guest} left");
        Assert.All(cli.Lines, line => Assert.Matches(@"^(\[\d\d:\d\d\] |\* |! )", line));
    }

    [Fact]
    public async Task EndOfInput_ExitsZero()
    {
        var (_, ownerToken) = await server.Api.NewAccountWithTokenAsync("own");
        var roomId = await server.CreateRoomAsync(ownerToken);
        await using var cli = CliProcess.Start("connect", "--room", roomId, "--server", server.BaseAddress.ToString(), "--token", ownerToken);
        await cli.WaitForLineAsync("* Joined room");

        cli.CloseInput();

        Assert.Equal(0, await cli.WaitForExitAsync());
    }

    [Fact]
    public async Task Leave_ByTheOwner_LeavesOnPurpose_ClearingTheHistory_WhileQuitDoesNot()
    {
        // The product's grace for an owner who is away (the shared test server clears at once).
        using var live = LiveServer.With(new Dictionary<string, string?> { ["Rooms:OwnerAwayGracePeriod"] = "01:00:00" });
        var (owner, ownerToken) = await live.Api.NewAccountWithTokenAsync("own");
        var (_, guestToken) = await live.Api.NewAccountWithTokenAsync("gst");
        var roomId = await live.CreateRoomAsync(ownerToken);
        await using var program = await live.ConnectJsonAsync(roomId, guestToken);
        await program.SendAsync(new { type = "chat", text = "kept across a quit" });

        // /quit is closing the terminal, as closing a tab: the history stays.
        await using (var quitting = CliProcess.Start("connect", "--room", roomId, "--server", live.BaseAddress.ToString(), "--token", ownerToken))
        {
            await quitting.WaitForLineAsync("kept across a quit");
            await quitting.TypeAsync("/quit");
            Assert.Equal(0, await quitting.WaitForExitAsync());
        }
        await program.ReceiveEventAsync("system", $"{owner} left");

        await using var cli = CliProcess.Start("connect", "--room", roomId, "--server", live.BaseAddress.ToString(), "--token", ownerToken);
        await cli.WaitForLineAsync("kept across a quit");
        await cli.TypeAsync("/leave");

        Assert.Equal(0, await cli.WaitForExitAsync());
        await program.ReceiveUntilAsync(e => JsonRoomSocket.Str(e, "type") == "clear");
    }

    [Fact]
    public async Task SocketDrops_ReconnectsAndResumesWithoutRepeats()
    {
        var (owner, ownerToken) = await server.Api.NewAccountWithTokenAsync("own");
        var (guest, guestToken) = await server.Api.NewAccountWithTokenAsync("cli");
        var roomId = await server.CreateRoomAsync(ownerToken);
        await using var program = await server.ConnectJsonAsync(roomId, ownerToken);
        await using var cli = CliProcess.Start("connect", "--room", roomId, "--server", server.BaseAddress.ToString(), "--token", guestToken);
        await program.ReceiveEventAsync("system", $"{guest} joined");
        await program.SendAsync(new { type = "chat", text = "before the drop" });
        await cli.WaitForLineAsync("before the drop");

        // The server ends the terminal's connection, as a restart or a proxy timeout would.
        var hub = server.Factory.Services.GetRequiredService<RealtimeHub>();
        var connection = Assert.Single(hub.Subscribers(ChannelId.Room(roomId)), c => c.UserName == guest);
        connection.RequestClose(WebSocketCloseStatus.EndpointUnavailable, "going away");
        await cli.WaitForLineAsync("* Connection lost; reconnecting");
        await program.SendAsync(new { type = "chat", text = "while you were away" });

        await cli.WaitForLineAsync("while you were away");
        await cli.TypeAsync("back again");
        await program.ReceiveEventAsync("chat", "back again");
        await cli.TypeAsync("/quit");
        Assert.Equal(0, await cli.WaitForExitAsync());
        // Resumed after the last event seen: nothing from before the drop came a second time.
        Assert.Single(cli.Lines, l => l.EndsWith($"{owner}: before the drop", StringComparison.Ordinal));
        Assert.Single(cli.Lines, l => l.EndsWith($"{owner}: while you were away", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RoomsCloseWithServer_TellsTheTerminal_WhichExitsZero()
    {
        var (_, ownerToken) = await server.Api.NewAccountWithTokenAsync("own");
        var (_, guestToken) = await server.Api.NewAccountWithTokenAsync("cli");
        var roomId = await server.CreateRoomAsync(ownerToken);
        await using var cli = CliProcess.Start("connect", "--room", roomId, "--server", server.BaseAddress.ToString(), "--token", guestToken);
        await cli.WaitForLineAsync(l => l.EndsWith(" joined", StringComparison.Ordinal), "the arrival");

        await using var notOwner = CliProcess.Start("rooms", "close", roomId, "--server", server.BaseAddress.ToString(), "--token", guestToken);
        Assert.Equal(1, await notOwner.WaitForExitAsync());
        Assert.Contains("Only the room's owner can close it", notOwner.Errors, StringComparison.Ordinal);
        await using var close = CliProcess.Start("rooms", "close", roomId, "--server", server.BaseAddress.ToString(), "--token", ownerToken);
        Assert.Equal(0, await close.WaitForExitAsync());

        // Over real TCP: the notice and the close frame must reach the client before the server lets go of the socket.
        await cli.WaitForLineAsync("* Room closed by owner");
        Assert.Equal(0, await cli.WaitForExitAsync());
        Assert.DoesNotContain(cli.Lines, l => l.Contains("reconnecting", StringComparison.Ordinal));
    }

    [Fact]
    public async Task BadToken_ExitsOneWith401()
    {
        var (_, ownerToken) = await server.Api.NewAccountWithTokenAsync("own");
        var roomId = await server.CreateRoomAsync(ownerToken);
        await using var cli = CliProcess.Start("connect", "--room", roomId, "--server", server.BaseAddress.ToString(), "--token", "meurs_" + new string('A', 43));

        Assert.Equal(1, await cli.WaitForExitAsync());
        Assert.Contains("refused the token (401)", cli.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownRoom_ExitsOneWith404()
    {
        var (_, token) = await server.Api.NewAccountWithTokenAsync("cli");
        await using var cli = CliProcess.Start("connect", "--room", "zzzzzzz", "--server", server.BaseAddress.ToString(), "--token", token);

        Assert.Equal(1, await cli.WaitForExitAsync());
        Assert.Contains("Room zzzzzzz not found (404)", cli.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoToken_ExitsOne()
    {
        await using var cli = CliProcess.Start("connect", "--room", "zzzzzzz", "--server", server.BaseAddress.ToString());

        Assert.Equal(1, await cli.WaitForExitAsync());
        Assert.Contains("No access token: pass --token or set MEURS_TOKEN", cli.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TokenFromEnvironment()
    {
        var (_, token) = await server.Api.NewAccountWithTokenAsync("env");
        var roomId = await server.CreateRoomAsync(token);
        await using var cli = CliProcess.Start(new Dictionary<string, string> { ["MEURS_TOKEN"] = token }, "connect", "--room", roomId, "--server", server.BaseAddress.ToString());

        await cli.WaitForLineAsync("* Joined room");
        await cli.TypeAsync("/quit");

        Assert.Equal(0, await cli.WaitForExitAsync());
    }
}
