using System.Net;
using System.Net.WebSockets;
using System.Text.Json;
using Meurs.Tests.Web.Support;
using Meurs.Web.Features.Rooms;
using Microsoft.EntityFrameworkCore;

namespace Meurs.Tests.Web.Rooms;

/// <summary>The Comuni REST API: <c>/api/comuni/rooms</c> with bearer tokens.</summary>
public sealed class ComuniApiTests(MeursFactory factory) : IClassFixture<MeursFactory>
{
    [Fact]
    public async Task Create_WithBearer_Returns201WithRoomIdAndOwnerAndOwnerIsMember()
    {
        using var api = ApiClient.For(factory);
        var owner = await Comuni.UserAsync(api);

        var response = await api.PostAsync("/api/comuni/rooms", "", owner.Token);

        Assert.Equal(HttpStatusCode.Created, response.Status);
        Assert.Equal("application/json", response.Message.Content.Headers.ContentType?.MediaType);
        var roomId = response.Text("room_id");
        Assert.True(RoomId.IsValid(roomId), roomId);
        Assert.Equal(owner.Name, response.Text("owner"));
        var room = await factory.WithDbAsync(db => db.Rooms.AsNoTracking().SingleAsync(r => r.Id == roomId));
        var ownerId = await factory.WithDbAsync(db => db.Users.Where(u => u.UserName == owner.Name).Select(u => u.Id).SingleAsync());
        Assert.Equal(ownerId, room.OwnerId);
        Assert.Null(room.ClosedAt);
        Assert.True(await factory.WithDbAsync(db => db.RoomMemberships.AnyAsync(m => m.RoomId == roomId && m.UserId == ownerId)));
    }

    [Fact]
    public async Task Join_Owner_ReturnsOkAndIsOwnerTrue()
    {
        using var api = ApiClient.For(factory);
        var owner = await Comuni.UserAsync(api);
        var roomId = await Comuni.CreateRoomAsync(api, owner);

        var response = await api.PostAsync($"/api/comuni/rooms/{roomId}/join", "", owner.Token);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.True(response.Json!.Value.GetProperty("ok").GetBoolean());
        Assert.True(response.Json!.Value.GetProperty("is_owner").GetBoolean());
    }

    [Fact]
    public async Task Join_AnotherUser_ReturnsOkAndIsOwnerFalseAndRecordsMembershipOnce()
    {
        using var api = ApiClient.For(factory);
        var owner = await Comuni.UserAsync(api);
        var guest = await Comuni.UserAsync(api);
        var roomId = await Comuni.CreateRoomAsync(api, owner);

        var first = await api.PostAsync($"/api/comuni/rooms/{roomId}/join", "", guest.Token);
        var again = await api.PostAsync($"/api/comuni/rooms/{roomId}/join", "", guest.Token);

        foreach (var response in new[] { first, again })
        {
            Assert.Equal(HttpStatusCode.OK, response.Status);
            Assert.True(response.Json!.Value.GetProperty("ok").GetBoolean());
            Assert.False(response.Json!.Value.GetProperty("is_owner").GetBoolean());
        }
        var guestId = await factory.WithDbAsync(db => db.Users.Where(u => u.UserName == guest.Name).Select(u => u.Id).SingleAsync());
        Assert.Equal(1, await factory.WithDbAsync(db => db.RoomMemberships.CountAsync(m => m.RoomId == roomId && m.UserId == guestId)));
    }

    [Theory]
    [InlineData("zzzzzzz")]
    [InlineData("ab")]
    [InlineData("abcdefgh")]
    [InlineData("ABCDEFG")]
    [InlineData("abc%20de")]
    public async Task Join_UnknownOrMalformedId_Returns404RoomNotFound(string roomId)
    {
        using var api = ApiClient.For(factory);
        var user = await Comuni.UserAsync(api);

        var response = await api.PostAsync($"/api/comuni/rooms/{roomId}/join", "", user.Token);

        Assert.Equal(HttpStatusCode.NotFound, response.Status);
        Assert.Equal("Room not found", response.Detail);
    }

    [Theory]
    [InlineData("zzzzzzz")]
    [InlineData("ab")]
    [InlineData("ABCDEFG")]
    public async Task Get_UnknownOrMalformedId_Returns404RoomNotFound(string roomId)
    {
        using var api = ApiClient.For(factory);
        var user = await Comuni.UserAsync(api);

        var response = await api.GetAsync($"/api/comuni/rooms/{roomId}", user.Token);

        Assert.Equal(HttpStatusCode.NotFound, response.Status);
        Assert.Equal("Room not found", response.Detail);
    }

    [Fact]
    public async Task Get_RoomWithJsonAndHtmxClients_ListsOwnerAndUsernamesConnectedThroughBothSockets()
    {
        using var api = ApiClient.For(factory);
        var owner = await Comuni.UserAsync(api, "own");
        var member = await Comuni.UserAsync(api, "mem");
        var roomId = await Comuni.CreateRoomAsync(api, owner);
        await api.PostAsync($"/api/comuni/rooms/{roomId}/join", "", member.Token);
        using var browser = await factory.SignedUpAsync("web");
        await using var ownerSocket = await Comuni.JoinAsync(factory, roomId, owner);
        await using var htmxSocket = await browser.JoinRoomAsync(roomId);
        await ownerSocket.ReceiveUntilMembersAsync(owner.Name, browser.UserName);

        var response = await api.GetAsync($"/api/comuni/rooms/{roomId}", member.Token);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal(roomId, response.Text("room_id"));
        Assert.Equal(owner.Name, response.Text("owner"));
        // The member joined through the API but is not connected: not listed.
        Assert.Equal(
            new[] { owner.Name, browser.UserName }.Order(StringComparer.OrdinalIgnoreCase),
            Clients(response).Order(StringComparer.OrdinalIgnoreCase));

        await htmxSocket.CloseAsync();
        await ownerSocket.ReceiveUntilAsync(e => Comuni.Type(e) == "members" && e.GetProperty("users").GetArrayLength() == 1);
        Assert.Equal([owner.Name], Clients(await api.GetAsync($"/api/comuni/rooms/{roomId}", member.Token)));
    }

    [Fact]
    public async Task Get_RoomNobodyIsIn_ListsNoClients()
    {
        using var api = ApiClient.For(factory);
        var owner = await Comuni.UserAsync(api);
        var roomId = await Comuni.CreateRoomAsync(api, owner);

        var response = await api.GetAsync($"/api/comuni/rooms/{roomId}", owner.Token);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal(owner.Name, response.Text("owner"));
        Assert.Empty(Clients(response));
    }

    [Fact]
    public async Task Delete_ByOwner_ReturnsClosedAndJsonSocketsGetNoticeThenClose1000AndHtmxSocketsGetRoomSwap()
    {
        using var api = ApiClient.For(factory);
        var owner = await Comuni.UserAsync(api, "own");
        var guest = await Comuni.UserAsync(api, "gst");
        var roomId = await Comuni.CreateRoomAsync(api, owner);
        using var browser = await factory.SignedUpAsync("web");
        await using var ownerSocket = await Comuni.JoinAsync(factory, roomId, owner);
        await using var guestSocket = await Comuni.JoinAsync(factory, roomId, guest);
        await using var htmxSocket = await browser.JoinRoomAsync(roomId);
        await guestSocket.ReceiveUntilMembersAsync(browser.UserName);

        var response = await api.SendAsync(HttpMethod.Delete, $"/api/comuni/rooms/{roomId}", owner.Token, null);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.True(response.Json!.Value.GetProperty("closed").GetBoolean());
        foreach (var socket in new[] { guestSocket, ownerSocket })
        {
            var notice = (await socket.ReceiveUntilAsync(e => Comuni.Type(e) == "system" && Comuni.Str(e, "text") == "Room closed by owner"))[^1];
            Assert.Equal(["text", "type"], notice.EnumerateObject().Select(p => p.Name).Order());
            Assert.Equal(WebSocketCloseStatus.NormalClosure, await socket.ReceiveCloseAsync());
            // The notice is the last thing before the close.
            Assert.Equal(notice.GetRawText(), socket.Received[^1].GetRawText());
        }
        var swap = (await htmxSocket.ReceiveUntilAsync(f => f.Target == "#room"))[^1];
        Assert.Equal("outerHTML", swap.Swap);
        Assert.Contains("Room closed by owner", swap.Content, StringComparison.Ordinal);
        Assert.Equal(WebSocketCloseStatus.NormalClosure, await htmxSocket.ReceiveCloseAsync());

        Assert.NotNull(await factory.WithDbAsync(db => db.Rooms.Where(r => r.Id == roomId).Select(r => r.ClosedAt).SingleAsync()));
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/api/comuni/rooms/{roomId}", owner.Token)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await api.PostAsync($"/api/comuni/rooms/{roomId}/join", "", guest.Token)).Status);
        Assert.Equal(404, await JsonRoomSocket.RefusedStatusAsync(factory, $"/ws/comuni/{roomId}", "Bearer " + guest.Token));
        var again = await api.SendAsync(HttpMethod.Delete, $"/api/comuni/rooms/{roomId}", owner.Token, null);
        Assert.Equal((HttpStatusCode.NotFound, "Room not found"), (again.Status, again.Detail));
    }

    [Fact]
    public async Task Delete_ByNonOwner_Returns403AndRoomStaysOpen()
    {
        using var api = ApiClient.For(factory);
        var owner = await Comuni.UserAsync(api, "own");
        var guest = await Comuni.UserAsync(api, "gst");
        var roomId = await Comuni.CreateRoomAsync(api, owner);
        await using var ownerSocket = await Comuni.JoinAsync(factory, roomId, owner);
        await using var guestSocket = await Comuni.JoinAsync(factory, roomId, guest);

        var response = await api.SendAsync(HttpMethod.Delete, $"/api/comuni/rooms/{roomId}", guest.Token, null);

        Assert.Equal(HttpStatusCode.Forbidden, response.Status);
        Assert.Equal("Only the owner can close the room", response.Detail);
        Assert.Null(await factory.WithDbAsync(db => db.Rooms.Where(r => r.Id == roomId).Select(r => r.ClosedAt).SingleAsync()));
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync($"/api/comuni/rooms/{roomId}", guest.Token)).Status);
        var marker = Comuni.Marker("still-open");
        await guestSocket.SendChatAsync(marker);
        var frames = await ownerSocket.ReceiveUntilChatAsync(marker);
        Assert.DoesNotContain(frames, e => Comuni.Str(e, "text") == "Room closed by owner");
        Assert.Equal(WebSocketState.Open, guestSocket.Socket.State);
    }

    [Theory]
    [InlineData("zzzzzzz")]
    [InlineData("ABCDEFG")]
    public async Task Delete_UnknownRoom_Returns404RoomNotFound(string roomId)
    {
        using var api = ApiClient.For(factory);
        var user = await Comuni.UserAsync(api);

        var response = await api.SendAsync(HttpMethod.Delete, $"/api/comuni/rooms/{roomId}", user.Token, null);

        Assert.Equal(HttpStatusCode.NotFound, response.Status);
        Assert.Equal("Room not found", response.Detail);
    }

    public static TheoryData<string, string> Routes => new()
    {
        { "POST", "/api/comuni/rooms" },
        { "POST", "/api/comuni/rooms/{id}/join" },
        { "GET", "/api/comuni/rooms/{id}" },
        { "DELETE", "/api/comuni/rooms/{id}" },
    };

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task AnyRoute_Anonymous_Returns401AndChangesNothing(string method, string route)
    {
        using var api = ApiClient.For(factory);
        var owner = await Comuni.UserAsync(api);
        var roomId = await Comuni.CreateRoomAsync(api, owner);
        var roomsBefore = await factory.WithDbAsync(db => db.Rooms.CountAsync());

        var response = await api.SendAsync(new HttpMethod(method), route.Replace("{id}", roomId, StringComparison.Ordinal), bearer: null, content: null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
        Assert.Equal(roomsBefore, await factory.WithDbAsync(db => db.Rooms.CountAsync()));
        Assert.Null(await factory.WithDbAsync(db => db.Rooms.Where(r => r.Id == roomId).Select(r => r.ClosedAt).SingleAsync()));
    }

    public static TheoryData<string, string, string> RoutesWithBadAuthorizations()
    {
        var data = new TheoryData<string, string, string>();
        string[] bad =
        [
            "Bearer not-a-token",
            "Bearer meurs_" + new string('A', 43),
            "Bearer ",
            "Basic dXNlcjpwYXNz",
        ];
        foreach (var row in Routes)
        {
            foreach (var authorization in bad)
            {
                data.Add((string)row[0], (string)row[1], authorization);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(RoutesWithBadAuthorizations))]
    public async Task AnyRoute_BadBearer_Returns401(string method, string route, string authorization)
    {
        using var api = ApiClient.For(factory);
        var owner = await Comuni.UserAsync(api);
        var roomId = await Comuni.CreateRoomAsync(api, owner);

        var response = await api.SendAsync(new HttpMethod(method), route.Replace("{id}", roomId, StringComparison.Ordinal), bearer: null, content: null, authorization);

        Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
        Assert.Null(await factory.WithDbAsync(db => db.Rooms.Where(r => r.Id == roomId).Select(r => r.ClosedAt).SingleAsync()));
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task AnyRoute_BrowserCookieOnly_Returns401(string method, string route)
    {
        // A cookie is ambient and the API takes no antiforgery token: it must not authorize an API call.
        using var owner = await factory.SignedUpAsync();
        var roomId = await owner.CreateRoomAsync();
        using var request = new HttpRequestMessage(new HttpMethod(method), route.Replace("{id}", roomId, StringComparison.Ordinal));

        using var response = await owner.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Null(await factory.WithDbAsync(db => db.Rooms.Where(r => r.Id == roomId).Select(r => r.ClosedAt).SingleAsync()));
    }

    [Fact]
    public async Task Create_OverCreationsPerHour_Returns429AndCreatesNothingMore()
    {
        using var limited = MeursFactory.With(settings: new Dictionary<string, string?> { ["Rooms:CreationsPerHour"] = "2" });
        using var api = ApiClient.For(limited);
        var user = await Comuni.UserAsync(api);
        var other = await Comuni.UserAsync(api);
        await Comuni.CreateRoomAsync(api, user);
        await Comuni.CreateRoomAsync(api, user);

        var third = await api.PostAsync("/api/comuni/rooms", "", user.Token);

        Assert.Equal(HttpStatusCode.TooManyRequests, third.Status);
        Assert.False(string.IsNullOrWhiteSpace(third.Detail));
        Assert.Equal(2, await limited.WithDbAsync(db => db.Rooms.CountAsync()));
        // The limit is per person.
        Assert.Equal(HttpStatusCode.Created, (await api.PostAsync("/api/comuni/rooms", "", other.Token)).Status);
    }

    private static List<string> Clients(ApiResponse response) =>
        [.. response.Json!.Value.GetProperty("clients").EnumerateArray().Select(c => c.GetString()!)];
}
