using System.Net;
using System.Net.WebSockets;
using System.Text.Json;
using Meurs.Tests.Web.Support;
using Meurs.Web.Realtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using static Meurs.Tests.Web.Servers.ServerScene;

namespace Meurs.Tests.Web.Servers;

/// <summary>
/// <c>/api/ws/servers/{id}</c> and the servers' events on the fabric: who receives them, who is refused, and that a change
/// of who may see what ends live subscriptions at once (re-authorization).
/// </summary>
public sealed class ServerSocketTests(MeursFactory factory) : IClassFixture<MeursFactory>
{
    private static string Type(JsonElement e) => JsonRoomSocket.TypeOf(e);

    /// <summary>Opens the server socket for <paramref name="user"/> and waits until it is live (a ping answered).</summary>
    private async Task<JsonRoomSocket> OpenAsync(Guid serverId, ServerUser user)
    {
        var socket = await JsonRoomSocket.ConnectAsync(factory, $"/api/ws/servers/{serverId}", user.Name, user.Token);
        await socket.SendJsonAsync(new { type = "ping" });
        await socket.ReceiveUntilAsync(e => Type(e) == "pong");
        return socket;
    }

    [Fact]
    public async Task Member_ReceivesMemberJoined_AndChannelCreated()
    {
        using var scene = new ServerScene(factory);
        var alice = await scene.UserAsync();
        var bob = await scene.UserAsync();
        var id = await scene.ServerWithAsync(alice);
        await using var socket = await OpenAsync(id, alice);

        await scene.ExpectAsync("POST", $"/api/servers/{id}/join", bob.Token, null, HttpStatusCode.OK);
        var joined = (await socket.ReceiveUntilAsync(e => Type(e) == "server.member_joined")).Last();
        var channel = await scene.ExpectAsync("POST", $"/api/servers/{id}/channels", alice.Token, new { title = "fresh", type = "voice" }, HttpStatusCode.Created);
        var created = (await socket.ReceiveUntilAsync(e => Type(e) == "channel.created")).Last();

        Assert.Equal(bob.Name, joined.GetProperty("data").GetProperty("member").GetProperty("username").GetString());
        Assert.Equal(id, joined.GetProperty("data").GetProperty("server_id").GetGuid());
        Assert.Equal(Id(channel), created.GetProperty("data").GetProperty("id").GetGuid());
        Assert.Equal("fresh", created.GetProperty("data").GetProperty("title").GetString());
        Assert.Equal("voice", created.GetProperty("data").GetProperty("type").GetString());
    }

    [Fact]
    public async Task RolesAndCategories_AreBroadcast()
    {
        using var scene = new ServerScene(factory);
        var alice = await scene.UserAsync();
        var bob = await scene.UserAsync();
        var id = await scene.ServerWithAsync(alice, bob);
        await using var socket = await OpenAsync(id, bob);

        var role = Id(await scene.ExpectAsync("POST", $"/api/servers/{id}/roles", alice.Token, new { name = "Mods", color = "#123456" }, HttpStatusCode.Created));
        await scene.ExpectAsync("POST", $"/api/servers/{id}/members/{bob.Id}/roles/{role}", alice.Token, null, HttpStatusCode.NoContent);
        await scene.ExpectAsync("POST", $"/api/servers/{id}/categories", alice.Token, new { title = "Cat" }, HttpStatusCode.Created);
        await scene.ExpectAsync("PATCH", $"/api/servers/{id}", alice.Token, new { title = "Renamed" }, HttpStatusCode.OK);
        await scene.ExpectAsync("DELETE", $"/api/servers/{id}/roles/{role}", alice.Token, null, HttpStatusCode.NoContent);

        var received = await socket.ReceiveUntilAsync(e => Type(e) == "role.deleted");
        var types = received.Select(Type).ToList();
        Assert.Equal(["role.created", "member.roles_updated", "category.created", "server.updated", "role.deleted"], types.Where(t => t != "pong"));
        var rolesUpdated = received.Single(e => Type(e) == "member.roles_updated").GetProperty("data");
        Assert.Equal(role, rolesUpdated.GetProperty("roles")[0].GetGuid());
        Assert.Equal("#123456", received.Single(e => Type(e) == "role.created").GetProperty("data").GetProperty("color").GetString());
    }

    [Fact]
    public async Task ChannelEvents_GoOnlyToThoseWhoCanSeeTheChannel()
    {
        using var scene = new ServerScene(factory);
        var alice = await scene.UserAsync();
        var bob = await scene.UserAsync();
        var id = await scene.ServerWithAsync(alice, bob);
        var secret = Id(await scene.ExpectAsync("POST", $"/api/servers/{id}/channels", alice.Token, new { title = "secret" }, HttpStatusCode.Created));
        var everyone = Id(await scene.RoleAsync(id, alice, "@everyone"));
        await scene.ExpectAsync("PUT", $"/api/servers/{id}/channels/{secret}/permissions/{everyone}", alice.Token, new { can_read = false }, HttpStatusCode.OK);
        await using var bobSocket = await OpenAsync(id, bob);
        await using var aliceSocket = await OpenAsync(id, alice);

        await scene.ExpectAsync("PATCH", $"/api/servers/{id}/channels/{secret}", alice.Token, new { title = "secret-renamed" }, HttpStatusCode.OK);
        await scene.ExpectAsync("POST", $"/api/servers/{id}/channels", alice.Token, new { title = "public" }, HttpStatusCode.Created);

        var bobSaw = await bobSocket.ReceiveUntilAsync(e => Type(e) == "channel.created");
        var aliceSaw = await aliceSocket.ReceiveUntilAsync(e => Type(e) == "channel.created");
        Assert.DoesNotContain(bobSaw, e => Type(e) == "channel.updated");
        Assert.Contains(aliceSaw, e => Type(e) == "channel.updated" && e.GetProperty("data").GetProperty("title").GetString() == "secret-renamed");
        Assert.Equal("public", bobSaw.Last().GetProperty("data").GetProperty("title").GetString());
    }

    [Fact]
    public async Task NonMember_IsRefused_403ForAnOpenServer_404ForInviteOnly_404ForMalformed_401WithoutToken()
    {
        using var scene = new ServerScene(factory);
        var alice = await scene.UserAsync();
        var bob = await scene.UserAsync();
        var open = Id(await scene.ServerAsync(alice));
        var closed = Id(await scene.ServerAsync(alice, "Closed", inviteOnly: true));

        Assert.Equal(403, await JsonRoomSocket.RefusedStatusAsync(factory, $"/api/ws/servers/{open}", "Bearer " + bob.Token));
        Assert.Equal(404, await JsonRoomSocket.RefusedStatusAsync(factory, $"/api/ws/servers/{closed}", "Bearer " + bob.Token));
        Assert.Equal(404, await JsonRoomSocket.RefusedStatusAsync(factory, "/api/ws/servers/not-a-guid", "Bearer " + bob.Token));
        Assert.Equal(401, await JsonRoomSocket.RefusedStatusAsync(factory, $"/api/ws/servers/{open}", null));
    }

    [Fact]
    public async Task Kick_TheKickedSocket_GetsAccessRevoked_AndCloses4003()
    {
        using var scene = new ServerScene(factory);
        var alice = await scene.UserAsync();
        var bob = await scene.UserAsync();
        var id = await scene.ServerWithAsync(alice, bob);
        await using var bobSocket = await OpenAsync(id, bob);
        await using var aliceSocket = await OpenAsync(id, alice);

        await scene.ExpectAsync("DELETE", $"/api/servers/{id}/members/{bob.Id}", alice.Token, null, HttpStatusCode.NoContent);

        var status = await bobSocket.ReceiveCloseAsync();
        Assert.Equal(AccessRevoked.ProgramCode, status);
        Assert.Contains(bobSocket.Received, e => Type(e) == "server.member_kicked" && e.GetProperty("data").GetProperty("user_id").GetGuid() == bob.Id);
        Assert.Contains(bobSocket.Received, e => Type(e) == "access.revoked");
        // The owner stays, and hears of it.
        await aliceSocket.ReceiveUntilAsync(e => Type(e) == "server.member_kicked");
        await aliceSocket.SendJsonAsync(new { type = "ping" });
        await aliceSocket.ReceiveUntilAsync(e => Type(e) == "pong");
    }

    [Fact]
    public async Task DeleteServer_EveryoneGetsServerDeleted_ThenAccessRevoked()
    {
        using var scene = new ServerScene(factory);
        var alice = await scene.UserAsync();
        var bob = await scene.UserAsync();
        var id = await scene.ServerWithAsync(alice, bob);
        await using var bobSocket = await OpenAsync(id, bob);

        await scene.ExpectAsync("DELETE", $"/api/servers/{id}", alice.Token, null, HttpStatusCode.NoContent);

        Assert.Equal(AccessRevoked.ProgramCode, await bobSocket.ReceiveCloseAsync());
        Assert.Equal(["server.deleted", "access.revoked"], bobSocket.Received.Select(Type).Where(t => t != "pong"));
    }

    [Fact]
    public async Task Kick_EndsServerChannelAndVoiceCallSubscriptions_AtOnce()
    {
        using var scene = new ServerScene(factory);
        var alice = await scene.UserAsync();
        var bob = await scene.UserAsync();
        var id = await scene.ServerWithAsync(alice, bob);
        var channels = await scene.ExpectAsync("GET", $"/api/servers/{id}/channels", bob.Token, null, HttpStatusCode.OK);
        var text = channels.EnumerateArray().Single(c => Str(c, "type") == "text").GetProperty("id").GetGuid();
        var voice = channels.EnumerateArray().Single(c => Str(c, "type") == "voice").GetProperty("id").GetGuid();
        var hub = factory.Services.GetRequiredService<RealtimeHub>();
        var subscribed = new[] { ChannelId.Server(id), ChannelId.Channel(text), ChannelId.Call(voice.ToString("N")) };
        var policies = factory.Services.GetRequiredService<ChannelPolicies>();
        var pairs = new List<SocketPair>();
        try
        {
            foreach (var channel in subscribed)
            {
                Assert.Null(await policies.AuthorizeSubscribeAsync(new ChannelUser(bob.Id, bob.Name), channel, CancellationToken.None));
                var pair = SocketPair.Create();
                pairs.Add(pair);
                var connection = new SocketConnection(pair.Server, bob.Id, bob.Name, 100, 64 * 1024, NullLogger.Instance) { Protocol = SocketProtocol.Json };
                _ = connection.RunAsync(_ => Task.CompletedTask, CancellationToken.None);
                await hub.SubscribeAsync(connection, channel, new ChannelUser(bob.Id, bob.Name), null, CancellationToken.None);
                Assert.Equal(1, hub.SubscriberCount(channel));
            }

            await scene.ExpectAsync("DELETE", $"/api/servers/{id}/members/{bob.Id}", alice.Token, null, HttpStatusCode.NoContent);

            foreach (var channel in subscribed)
            {
                Assert.Equal(0, hub.SubscriberCount(channel));
            }
            foreach (var pair in pairs)
            {
                var revoked = false;
                while (await SocketPair.ReceiveTextAsync(pair.Client) is { } message)
                {
                    revoked |= message.Contains("\"access.revoked\"", StringComparison.Ordinal);
                }
                Assert.True(revoked);
                Assert.Equal(AccessRevoked.ProgramCode, pair.Client.CloseStatus);
            }
        }
        finally
        {
            foreach (var pair in pairs)
            {
                await pair.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task OverrideDenyingConnect_EndsTheVoiceCall_ButNotTheServerSubscription()
    {
        using var scene = new ServerScene(factory);
        var alice = await scene.UserAsync();
        var bob = await scene.UserAsync();
        var id = await scene.ServerWithAsync(alice, bob);
        var channels = await scene.ExpectAsync("GET", $"/api/servers/{id}/channels", bob.Token, null, HttpStatusCode.OK);
        var voice = channels.EnumerateArray().Single(c => Str(c, "type") == "voice").GetProperty("id").GetGuid();
        var hub = factory.Services.GetRequiredService<RealtimeHub>();
        var call = ChannelId.Call(voice.ToString("N"));
        await using var bobSocket = await OpenAsync(id, bob);
        await using var pair = SocketPair.Create();
        var connection = new SocketConnection(pair.Server, bob.Id, bob.Name, 100, 64 * 1024, NullLogger.Instance) { Protocol = SocketProtocol.Json };
        _ = connection.RunAsync(_ => Task.CompletedTask, CancellationToken.None);
        await hub.SubscribeAsync(connection, call, new ChannelUser(bob.Id, bob.Name), null, CancellationToken.None);
        var everyone = Id(await scene.RoleAsync(id, alice, "@everyone"));

        await scene.ExpectAsync("PUT", $"/api/servers/{id}/channels/{voice}/permissions/{everyone}", alice.Token, new { deny = "1048576" }, HttpStatusCode.OK);

        Assert.Equal(0, hub.SubscriberCount(call));
        Assert.Equal(1, hub.SubscriberCount(ChannelId.Server(id)));
        await bobSocket.SendJsonAsync(new { type = "ping" });
        await bobSocket.ReceiveUntilAsync(e => Type(e) == "pong");
    }
}
