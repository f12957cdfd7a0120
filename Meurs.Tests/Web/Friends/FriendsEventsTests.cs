using System.Text.Json;
using Meurs.Tests.Web.Support;

namespace Meurs.Tests.Web.Friends;

/// <summary>
/// The friends events on <c>/api/ws/me</c> reach the people concerned and no one else. "No one else" is checked without
/// waiting for silence: a later event meant for that person arrives first, with nothing of the earlier action before it.
/// </summary>
public sealed class FriendsEventsTests(MeursFactory factory) : IClassFixture<MeursFactory>, IDisposable
{
    private readonly FriendsScene scene = new(factory);

    public void Dispose() => scene.Dispose();

    private static string Type(JsonElement e) => e.GetProperty("type").GetString()!;

    private static string Sender(JsonElement e) => e.GetProperty("data").GetProperty("sender").GetProperty("username").GetString()!;

    /// <summary>Someone new sends <paramref name="to"/> a request; everything <paramref name="socket"/> got up to it.</summary>
    private async Task<List<JsonElement>> UntilMarkerAsync(JsonRoomSocket socket, FriendsPerson to)
    {
        var marker = await scene.PersonAsync("mark");
        await scene.RequestAsync(marker, to);
        var got = await socket.ReceiveUntilAsync(e => Type(e) == "friend_request.received" && Sender(e) == marker.Name);
        // Statuses (user.status_changed) come and go with people's connections; only the friends events count here.
        return [.. got[..^1].Where(e => Type(e) != "user.status_changed")];
    }

    [Fact]
    public async Task Send_ReachesTheAddressee_NotTheSender_NorAThirdPerson()
    {
        var alice = await scene.PersonAsync();
        var bob = await scene.PersonAsync();
        var carol = await scene.PersonAsync();
        await using var aliceSocket = await scene.MeSocketAsync(alice);
        await using var bobSocket = await scene.MeSocketAsync(bob);
        await using var carolSocket = await scene.MeSocketAsync(carol);

        var id = await scene.RequestAsync(alice, bob);

        var received = await bobSocket.ReceiveUntilAsync(e => Type(e) == "friend_request.received");
        var data = received[^1].GetProperty("data");
        Assert.Equal(id, data.GetProperty("id").GetString());
        Assert.Equal(alice.Name, Sender(received[^1]));
        Assert.Equal("pending", data.GetProperty("status").GetString());
        Assert.Empty(await UntilMarkerAsync(aliceSocket, alice));
        Assert.Empty(await UntilMarkerAsync(carolSocket, carol));
    }

    [Theory]
    [InlineData("accept", "friend_request.accepted", "accepted")]
    [InlineData("decline", "friend_request.declined", "declined")]
    public async Task Answer_ReachesTheSender_NotTheAddressee_NorAThirdPerson(string action, string type, string status)
    {
        var alice = await scene.PersonAsync();
        var bob = await scene.PersonAsync();
        var carol = await scene.PersonAsync();
        var id = await scene.RequestAsync(alice, bob);
        await using var aliceSocket = await scene.MeSocketAsync(alice);
        await using var bobSocket = await scene.MeSocketAsync(bob);
        await using var carolSocket = await scene.MeSocketAsync(carol);

        Assert.Equal(System.Net.HttpStatusCode.OK, (await scene.PostAsync(bob, $"/api/friends/requests/{id}/{action}")).Status);

        var got = await aliceSocket.ReceiveUntilAsync(e => Type(e) == type);
        Assert.Equal(id, got[^1].GetProperty("data").GetProperty("id").GetString());
        Assert.Equal(status, got[^1].GetProperty("data").GetProperty("status").GetString());
        Assert.Empty(await UntilMarkerAsync(bobSocket, bob));
        Assert.Empty(await UntilMarkerAsync(carolSocket, carol));
    }

    [Fact]
    public async Task CancelAndRemove_ReachTheOtherPerson()
    {
        var alice = await scene.PersonAsync();
        var bob = await scene.PersonAsync();
        await using var bobSocket = await scene.MeSocketAsync(bob);

        var id = await scene.RequestAsync(alice, bob);
        await scene.DeleteAsync(alice, $"/api/friends/requests/{id}");
        var cancelled = await bobSocket.ReceiveUntilAsync(e => Type(e) == "friend_request.cancelled");
        Assert.Equal(id, cancelled[^1].GetProperty("data").GetProperty("id").GetString());

        await scene.BefriendAsync(alice, bob);
        await scene.DeleteAsync(alice, $"/api/friends/{bob.Id}");
        var removed = await bobSocket.ReceiveUntilAsync(e => Type(e) == "friend.removed");
        Assert.Equal(alice.Name, removed[^1].GetProperty("data").GetProperty("username").GetString());
    }

    [Fact]
    public async Task Page_FriendsSocket_GetsTheRequestAndBadge_AsFragments()
    {
        using var bobBrowser = await factory.SignedUpAsync();
        var bobId = await factory.WithDbAsync(db => Task.FromResult(db.Users.Single(u => u.UserName == bobBrowser.UserName).Id));
        var alice = await scene.PersonAsync();
        await using var socket = await bobBrowser.ConnectAsync("/ws/me", "http://localhost");
        var hub = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Meurs.Web.Realtime.RealtimeHub>(factory.Services);
        await Poll.UntilAsync(() => Task.FromResult(hub.SubscriberCount(Meurs.Web.Realtime.ChannelId.User(bobId)) > 0), "subscribed");

        Assert.Equal(System.Net.HttpStatusCode.Created, (await scene.SendAsync(alice, bobBrowser.UserName)).Status);

        var html = (await socket.ReceiveUntilTextAsync("friend-requests-badge"))[^1].Content;
        Assert.Contains("hx-swap-oob", html, StringComparison.Ordinal);
        Assert.Contains(">1<", html, StringComparison.Ordinal);
        Assert.Contains("/accept", html, StringComparison.Ordinal);
    }
}
