using System.Net.WebSockets;
using Meurs.Tests.Web.Support;
using Meurs.Web.Realtime;
using Microsoft.Extensions.DependencyInjection;

namespace Meurs.Tests.Web.Realtime;

public sealed class MeSocketTests(MeursFactory factory) : IClassFixture<MeursFactory>
{
    [Fact]
    public async Task Connect_SignedIn_IsSubscribedToTheirOwnChannelAndPresent()
    {
        using var browser = await factory.SignedUpAsync();

        await using var socket = await browser.ConnectAsync("/ws/me", "http://localhost");

        Assert.Equal(WebSocketState.Open, socket.Socket.State);
        var hub = factory.Services.GetRequiredService<RealtimeHub>();
        var userId = await factory.WithDbAsync(db => Task.FromResult(db.Users.Single(u => u.UserName == browser.UserName).Id));
        await WaitUntilAsync(() => hub.SubscriberCount(ChannelId.User(userId)) == 1);
        Assert.True(factory.Services.GetRequiredService<PresenceService>().IsPresent(ChannelId.User(userId), userId));
    }

    [Fact]
    public async Task Connect_Anonymous_Refused401()
    {
        Assert.Equal(401, await TestSocket.RefusedStatusAsync(factory, "/ws/me", cookie: null));
    }

    [Fact]
    public async Task Connect_ForeignOrigin_Refused403()
    {
        using var browser = await factory.SignedUpAsync();

        Assert.Equal(403, await TestSocket.RefusedStatusAsync(factory, "/ws/me", browser.CookieHeader, "http://evil.example"));
        Assert.Equal(403, await TestSocket.RefusedStatusAsync(factory, "/ws/me", browser.CookieHeader, "https://localhost.evil.example"));
    }

    [Fact]
    public async Task Connect_OriginOnTheAllowList_IsAccepted()
    {
        using var configured = MeursFactory.With(settings: new Dictionary<string, string?> { ["Realtime:AllowedOrigins:0"] = "https://chat.example.org" });
        using var browser = await configured.SignedUpAsync();

        await using var socket = await browser.ConnectAsync("/ws/me", "https://chat.example.org");

        Assert.Equal(WebSocketState.Open, socket.Socket.State);
        Assert.Equal(403, await TestSocket.RefusedStatusAsync(configured, "/ws/me", browser.CookieHeader, "http://chat.example.org"));
    }

    [Fact]
    public async Task ConnectApi_WithBearerToken_IsOnTheirOwnChannel_AndWithoutOneIsRefused()
    {
        using var api = ApiClient.For(factory);
        var (userName, token) = await api.NewAccountWithTokenAsync("meapi");

        await using var socket = await JsonRoomSocket.ConnectAsync(factory, "/api/ws/me", userName, token);

        var hub = factory.Services.GetRequiredService<RealtimeHub>();
        var userId = await factory.WithDbAsync(db => Task.FromResult(db.Users.Single(u => u.UserName == userName).Id));
        await WaitUntilAsync(() => hub.SubscriberCount(ChannelId.User(userId)) == 1);
        Assert.True(factory.Services.GetRequiredService<PresenceService>().IsPresent(ChannelId.User(userId), userId));
        Assert.Equal(401, await JsonRoomSocket.RefusedStatusAsync(factory, "/api/ws/me", authorization: null));
        Assert.Equal(401, await JsonRoomSocket.RefusedStatusAsync(factory, "/api/ws/me", "Bearer not-a-token"));
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TestSocket.Patience;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not reached");
            await Task.Delay(10);
        }
    }
}
