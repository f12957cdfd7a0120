using System.Net;
using Meurs.Tests.Web.Support;
using Meurs.Web.Features.Rooms;
using Microsoft.EntityFrameworkCore;

namespace Meurs.Tests.Web.Cli;

/// <summary><c>meurs rooms create|info|close</c> on a real SQLite file.</summary>
public sealed class RoomsCommandTests(CliDatabase cli) : IClassFixture<CliDatabase>
{
    [Fact]
    public async Task Create_Info_Close_Info()
    {
        var owner = await cli.NewUserAsync("own");

        var id = Assert.Single((await cli.RunOkAsync("rooms", "create", "--owner", owner)).Lines);
        Assert.True(RoomId.IsValid(id), id);
        var open = await cli.RunOkAsync("rooms", "info", id);
        var closed = await cli.RunOkAsync("rooms", "close", id);
        var after = await cli.RunOkAsync("rooms", "info", id);

        Assert.Contains($"owner:    {owner}", open.Lines);
        Assert.Contains("state:    open", open.Lines);
        Assert.Contains("messages: 0", open.Lines);
        Assert.Matches(@"created:  \d{4}-\d\d-\d\d \d\d:\d\d UTC", open.Out);
        Assert.Equal($"Closed room {id}.", closed.Out.Trim());
        Assert.Matches(@"state:    closed \d{4}-\d\d-\d\d \d\d:\d\d UTC", after.Out);
    }

    [Fact]
    public async Task Create_RoomIsOpenOnTheServer_CloseMakesItGone()
    {
        var owner = await cli.NewUserAsync("own");
        var id = (await cli.RunOkAsync("rooms", "create", "--owner", owner)).Out.Trim();
        using var server = cli.NewServer();
        using var api = ApiClient.For(server);
        var token = await api.TokenForAsync(owner);

        var before = await api.GetAsync($"/api/comuni/rooms/{id}", token);
        await cli.RunOkAsync("rooms", "close", $"http://localhost/rooms/{id}");
        var afterwards = await api.GetAsync($"/api/comuni/rooms/{id}", token);

        Assert.Equal(HttpStatusCode.OK, before.Status);
        Assert.Equal(owner, before.Text("owner"));
        Assert.Equal(HttpStatusCode.NotFound, afterwards.Status);
    }

    [Fact]
    public async Task Info_CountsMessages()
    {
        var owner = await cli.NewUserAsync("own");
        var guest = await cli.NewUserAsync("gst");
        var id = (await cli.RunOkAsync("rooms", "create", "--owner", owner)).Out.Trim();
        using (var server = cli.NewServer())
        {
            using var api = ApiClient.For(server);
            // A guest talks: the owner leaving would clear the history.
            var token = await api.TokenForAsync(guest);
            await using var socket = await TestSocket.ConnectAsync(server, $"/ws/comuni/{id}", cookie: null, origin: null, authorization: "Bearer " + token);
            await socket.SendTextAsync("""{"type":"chat","text":"one"}""");
            await socket.SendTextAsync("""{"type":"chat","text":"two"}""");
            await server.WithDbAsync(async db =>
            {
                // Joined, one, two: wait until both chats are stored.
                for (var i = 0; i < 200 && await db.RoomMessages.CountAsync(m => m.RoomId == id) < 3; i++)
                {
                    await Task.Delay(50);
                }
                return 0;
            });
        }

        var info = await cli.RunOkAsync("rooms", "info", id);

        // 3, or 4 when the guest's leaving was stored before the server stopped.
        Assert.Contains(info.Lines, l => l is "messages: 3" or "messages: 4");
    }

    [Fact]
    public async Task BadInput_Fails()
    {
        Assert.Contains("No user named", await cli.RunFailingAsync("rooms", "create", "--owner", "ghost"), StringComparison.Ordinal);
        Assert.Contains("'--owner' is required", await cli.RunFailingAsync("rooms", "create"), StringComparison.Ordinal);
        Assert.Contains("No room 'zzzzzzz'", await cli.RunFailingAsync("rooms", "info", "zzzzzzz"), StringComparison.Ordinal);
        Assert.Contains("not a room id", await cli.RunFailingAsync("rooms", "info", "no!"), StringComparison.Ordinal);
        Assert.Contains("No open room 'zzzzzzz'", await cli.RunFailingAsync("rooms", "close", "zzzzzzz"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Close_Twice_SecondFails()
    {
        var owner = await cli.NewUserAsync("own");
        var id = (await cli.RunOkAsync("rooms", "create", "--owner", owner)).Out.Trim();
        await cli.RunOkAsync("rooms", "close", id);

        Assert.Contains("No open room", await cli.RunFailingAsync("rooms", "close", id), StringComparison.Ordinal);
    }
}
