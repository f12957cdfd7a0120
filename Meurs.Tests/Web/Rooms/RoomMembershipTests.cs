using System.Net;
using Meurs.Tests.Web.Support;
using Meurs.Web.Features.Rooms;

namespace Meurs.Tests.Web.Rooms;

/// <summary>Reading a room needs membership, and joining is seen (issue 10, finding 6).</summary>
public sealed class RoomMembershipTests(MeursFactory factory) : IClassFixture<MeursFactory>
{
    [Fact]
    public async Task GetRoomPage_SignedInNonMember_ShowsAJoinButtonAndNothingOfTheRoom()
    {
        using var owner = await factory.SignedUpAsync();
        var roomId = await owner.CreateRoomAsync();
        await using (var socket = await owner.JoinRoomAsync(roomId))
        {
            await socket.SendMessageAsync("secret plans for friday");
            await socket.ReceiveUntilTextAsync("secret plans for friday");
        }
        using var api = ApiClient.For(factory);
        var ownerToken = await api.TokenForAsync(owner.UserName);
        using var file = new MultipartFormDataContent();
        using var part = new ByteArrayContent("just some notes"u8.ToArray());
        file.Add(part, "file", "notes.txt");
        Assert.Equal(HttpStatusCode.Created, (await api.SendAsync(HttpMethod.Post, $"/rooms/{roomId}/files", ownerToken, file)).Status);
        using var stranger = await factory.SignedUpAsync("str");
        var eventsBefore = (await Comuni.EventsAsync(factory, roomId)).Count;

        var (response, html) = await stranger.GetHtmlAsync($"/rooms/{roomId}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"action=\"/rooms/{roomId}/join\"", html, StringComparison.Ordinal);
        Assert.Contains("Join room", html, StringComparison.Ordinal);
        Assert.DoesNotContain("secret plans", html, StringComparison.Ordinal);
        Assert.DoesNotContain("notes.txt", html, StringComparison.Ordinal);
        Assert.DoesNotContain($"/rooms/{roomId}/files/", html, StringComparison.Ordinal);
        Assert.DoesNotContain("hx-ws:connect=\"/ws/rooms", html, StringComparison.Ordinal);
        // Looking is not joining: nothing was recorded.
        Assert.Equal(eventsBefore, (await Comuni.EventsAsync(factory, roomId)).Count);
        Assert.False(await IsMemberAsync(roomId, stranger.UserName));
    }

    [Fact]
    public async Task JoinButton_JoinsAnnouncesOnceAndOpensTheRoom()
    {
        using var owner = await factory.SignedUpAsync();
        var roomId = await owner.CreateRoomAsync();
        await using var ownerSocket = await owner.JoinRoomAsync(roomId);
        await ownerSocket.SendMessageAsync("hello whoever comes");
        await ownerSocket.ReceiveUntilTextAsync("hello whoever comes");
        using var friend = await factory.SignedUpAsync("fr");

        var joined = await friend.JoinRoomByButtonAsync(roomId);

        Assert.Equal(HttpStatusCode.Redirect, joined.StatusCode);
        Assert.Equal($"/rooms/{roomId}", joined.Headers.Location?.OriginalString);
        // Everyone in the room sees the join as it happens, before the friend's page even connects.
        await ownerSocket.ReceiveUntilTextAsync($"{friend.UserName} joined");
        var (_, html) = await friend.GetHtmlAsync($"/rooms/{roomId}");
        Assert.Contains("hello whoever comes", html, StringComparison.Ordinal);
        // Their page connecting is not a second join.
        await using var friendSocket = await friend.JoinRoomAsync(roomId);
        await ownerSocket.ReceiveUntilAsync(f => f.Target == "#members" && f.Content.Contains(friend.UserName, StringComparison.Ordinal));
        var joins = (await Comuni.EventsAsync(factory, roomId)).Count(e => e.Kind == RoomMessageKind.Joined && e.AuthorName == friend.UserName);
        Assert.Equal(1, joins);
    }

    [Fact]
    public async Task JoinButton_WithoutAntiforgeryToken_IsRefusedAndJoinsNobody()
    {
        using var owner = await factory.SignedUpAsync();
        var roomId = await owner.CreateRoomAsync();
        using var stranger = await factory.SignedUpAsync("str");
        await stranger.GetHtmlAsync($"/rooms/{roomId}");

        using var response = await stranger.Client.PostAsync(new Uri($"/rooms/{roomId}/join", UriKind.Relative), new FormUrlEncodedContent([]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(await IsMemberAsync(roomId, stranger.UserName));
    }

    [Fact]
    public async Task JoinButton_UnknownRoom_Returns404()
    {
        using var friend = await factory.SignedUpAsync();
        await friend.CreateRoomAsync();

        var (response, _) = await friend.PostFormAsync("/rooms/zzzzzzz/join", [], tokenPage: "/rooms");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task ApiJoin_IsAnnouncedToTheRoom()
    {
        using var api = ApiClient.For(factory);
        var owner = await Comuni.UserAsync(api, "own");
        var guest = await Comuni.UserAsync(api, "gst");
        var roomId = await Comuni.CreateRoomAsync(api, owner);
        await using var ownerSocket = await Comuni.JoinAsync(factory, roomId, owner);

        Assert.Equal(HttpStatusCode.OK, (await api.PostAsync($"/api/comuni/rooms/{roomId}/join", "", guest.Token)).Status);

        await ownerSocket.ReceiveUntilAsync(e => JsonRoomSocket.IsText(e, "system", $"{guest.Name} joined"));
    }

    private Task<bool> IsMemberAsync(string roomId, string userName) =>
        factory.WithDbAsync(async db =>
        {
            var user = db.Users.Single(u => u.UserName == userName);
            return db.RoomMemberships.Any(m => m.RoomId == roomId && m.UserId == user.Id);
        });
}
