using System.Net;
using Meurs.Tests.Web.Support;
using Meurs.Web.Features.Rooms;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Meurs.Tests.Web.Rooms;

public sealed class RoomCreationTests
{
    [Fact]
    public async Task CreateRoom_FirstIdTaken_RetriesAndUsesTheFreshId()
    {
        var source = new ScriptedRoomIdSource("takenid", "takenid", "fresh12");
        using var factory = MeursFactory.With(services => services.AddSingleton<IRoomIdSource>(source));
        using var owner = await factory.SignedUpAsync();
        Assert.Equal("takenid", await owner.CreateRoomAsync());

        var second = await owner.CreateRoomAsync();

        Assert.Equal("fresh12", second);
        Assert.Equal(3, source.Calls);
        var rooms = await factory.WithDbAsync(db => db.Rooms.OrderBy(r => r.Id).Select(r => r.Id).ToListAsync());
        Assert.Equal(["fresh12", "takenid"], rooms);
    }

    [Fact]
    public async Task CreateRoom_SourceGivesMalformedId_SkipsIt()
    {
        var source = new ScriptedRoomIdSource("BAD", "../../x", "good~id");
        using var factory = MeursFactory.With(services => services.AddSingleton<IRoomIdSource>(source));
        using var owner = await factory.SignedUpAsync();

        Assert.Equal("good~id", await owner.CreateRoomAsync());
        Assert.Equal(1, await factory.WithDbAsync(db => db.Rooms.CountAsync()));
    }

    [Fact]
    public async Task CreateRoom_EveryIdTaken_Returns503WithMessageAndCreatesNothing()
    {
        var source = new ScriptedRoomIdSource("sameone");
        using var factory = MeursFactory.With(services => services.AddSingleton<IRoomIdSource>(source));
        using var owner = await factory.SignedUpAsync();
        await owner.CreateRoomAsync();

        var (response, html) = await owner.PostFormAsync("/rooms", [new("_handler", "create-room")], "/rooms");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("Could not find a free room id", TestBrowser.Errors(html), StringComparison.Ordinal);
        Assert.Equal(1, await factory.WithDbAsync(db => db.Rooms.CountAsync()));
    }

    [Fact]
    public async Task HandleAsync_EveryIdTaken_ThrowsRoomIdsExhaustedAfterTheConfiguredAttempts()
    {
        var source = new ScriptedRoomIdSource("sameone");
        using var factory = MeursFactory.With(services => services.AddSingleton<IRoomIdSource>(source));
        using var owner = await factory.SignedUpAsync();
        await owner.CreateRoomAsync();
        var ownerId = await factory.WithDbAsync(db => db.Users.Select(u => u.Id).SingleAsync());
        var before = source.Calls;

        using var scope = factory.Services.CreateScope();
        var create = scope.ServiceProvider.GetRequiredService<CreateRoom>();
        await Assert.ThrowsAsync<RoomIdsExhaustedException>(() => create.HandleAsync(ownerId, CancellationToken.None));

        Assert.Equal(new RoomsOptions().IdAttempts, source.Calls - before);
    }

    [Fact]
    public async Task CreateRoom_ThroughThePageForm_RedirectsToTheRoomItOwns()
    {
        using var factory = new MeursFactory();
        using var owner = await factory.SignedUpAsync();

        var id = await owner.CreateRoomAsync();

        Assert.True(RoomId.IsValid(id));
        var (response, html) = await owner.GetHtmlAsync($"/rooms/{id}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"hx-ws:connect=\"/ws/rooms/{id}\"", html, StringComparison.Ordinal);
        Assert.Contains($"action=\"/rooms/{id}/close\"", html, StringComparison.Ordinal);
        var (_, list) = await owner.GetHtmlAsync("/rooms");
        Assert.Contains($"href=\"/rooms/{id}\"", list, StringComparison.Ordinal);
    }
}

public sealed class RoomJoinTests(MeursFactory factory) : IClassFixture<MeursFactory>
{
    [Fact]
    public async Task JoinRoom_ById_RedirectsToTheRoom()
    {
        var id = await NewRoomAsync();
        using var guest = await factory.SignedUpAsync();

        var (response, _) = await JoinAsync(guest, id);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/rooms/{id}", new Uri(MeursFactory.BaseAddress, response.Headers.Location!).AbsolutePath);
    }

    [Fact]
    public async Task JoinRoom_ByLink_RedirectsToTheRoom()
    {
        var id = await NewRoomAsync();
        using var guest = await factory.SignedUpAsync();

        var (response, _) = await JoinAsync(guest, $"  http://localhost/rooms/{id}  ");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/rooms/{id}", new Uri(MeursFactory.BaseAddress, response.Headers.Location!).AbsolutePath);
    }

    [Fact]
    public async Task JoinRoom_UnknownId_Returns404RoomNotFound()
    {
        using var guest = await factory.SignedUpAsync();

        var (response, html) = await JoinAsync(guest, "zzzzzzz");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Room not found", TestBrowser.Errors(html), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("nope")]
    [InlineData("abc0def")]
    [InlineData("https://evil.example/")]
    public async Task JoinRoom_MalformedId_Returns400WithFormatMessage(string input)
    {
        using var guest = await factory.SignedUpAsync();

        var (response, html) = await JoinAsync(guest, input);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("A room id is 7 characters", TestBrowser.Errors(html), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("zzzzzzz")]
    [InlineData("ab")]
    [InlineData("ABCDEFG")]
    public async Task GetRoomPage_UnknownOrMalformedId_Returns404RoomNotFound(string id)
    {
        using var guest = await factory.SignedUpAsync();

        var (response, html) = await guest.GetHtmlAsync($"/rooms/{id}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Room not found", html, StringComparison.Ordinal);
        Assert.DoesNotContain("hx-ws:connect=\"/ws/rooms", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetRoomPage_AsGuest_ShowsTheRoomWithoutTheCloseForm()
    {
        var id = await NewRoomAsync();
        using var guest = await factory.SignedUpAsync();
        await guest.JoinRoomByButtonAsync(id);

        var (response, html) = await guest.GetHtmlAsync($"/rooms/{id}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"hx-ws:connect=\"/ws/rooms/{id}\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("/close\"", html, StringComparison.Ordinal);
    }

    private async Task<string> NewRoomAsync()
    {
        using var owner = await factory.SignedUpAsync();
        return await owner.CreateRoomAsync();
    }

    private static Task<(HttpResponseMessage Response, string Html)> JoinAsync(TestBrowser browser, string room) =>
        browser.PostFormAsync("/rooms", [new("_handler", "join-room"), new("Join.Room", room)], "/rooms");
}
