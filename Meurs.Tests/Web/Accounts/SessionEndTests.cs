using System.Net;
using System.Net.WebSockets;
using Meurs.Tests.Web.Support;
using Meurs.Web.Realtime;

namespace Meurs.Tests.Web.Accounts;

/// <summary>
/// Logging out ends the session on the server: a saved copy of the cookie no longer opens pages or sockets, and the
/// person's open sockets are closed (4401) at once; other people's are not touched.
/// </summary>
public sealed class SessionEndTests(MeursFactory factory) : IClassFixture<MeursFactory>
{
    [Fact]
    public async Task Logout_ReplayedCookie_ProfileRedirectsToLoginAndMeSocketIsRefused()
    {
        using var browser = await factory.SignedUpAsync("out");
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/profile")).StatusCode);
        var saved = browser.CookieHeader;

        var (logout, _) = await browser.PostFormAsync("/logout", [], "/profile");

        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);
        using var replay = factory.CreateDefaultClient(MeursFactory.BaseAddress);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/profile");
        request.Headers.Add("Cookie", saved);
        using var profile = await replay.SendAsync(request);
        Assert.Equal(HttpStatusCode.Redirect, profile.StatusCode);
        Assert.StartsWith("/login", profile.Headers.Location?.OriginalString, StringComparison.Ordinal);
        Assert.Equal(401, await TestSocket.RefusedStatusAsync(factory, "/ws/me", saved));
    }

    [Fact]
    public async Task Logout_ClosesThatPersonsOpenSocketsOnly()
    {
        using var browser = await factory.SignedUpAsync("out");
        using var other = await factory.SignedUpAsync("stay");
        var roomId = await browser.CreateRoomAsync();
        await using var me = await browser.ConnectAsync("/ws/me");
        await using var room = await browser.JoinRoomAsync(roomId);
        await using var otherMe = await other.ConnectAsync("/ws/me");

        var (logout, _) = await browser.PostFormAsync("/logout", [], "/profile");

        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);
        Assert.Equal(SocketSessions.SessionEnded, await me.ReceiveCloseAsync());
        Assert.Equal(SocketSessions.SessionEnded, await room.ReceiveCloseAsync());
        Assert.Equal(WebSocketState.Open, otherMe.Socket.State);
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("/profile")).StatusCode);
    }

    [Fact]
    public async Task ApiLogout_ClosesTheSocketsOfThatTokenOnly()
    {
        using var api = ApiClient.For(factory);
        var (name, token) = await api.NewAccountWithTokenAsync("tok");
        var kept = await api.TokenForAsync(name);
        var created = await api.PostAsync("/api/comuni/rooms", "", token);
        var roomId = created.Text("room_id");
        await using var ending = await JsonRoomSocket.JoinAsync(factory, roomId, name, token);
        await using var staying = await JsonRoomSocket.ConnectAsync(factory, "/ws/me", name, kept);

        Assert.Equal(HttpStatusCode.NoContent, (await api.PostAsync("/api/auth/logout", "", token)).Status);

        Assert.Equal(SocketSessions.SessionEnded, await ending.ReceiveCloseAsync());
        Assert.Equal(WebSocketState.Open, staying.Socket.State);
    }
}
