using System.Net.WebSockets;
using Meurs.Tests.Web.Support;
using Meurs.Web.Features.Accounts;
using Microsoft.EntityFrameworkCore;

namespace Meurs.Tests.Web.Accounts;

/// <summary>Non-browser clients open the same sockets with <c>Authorization: Bearer</c> and no Origin.</summary>
public sealed class AccessTokenSocketTests(MeursFactory factory) : IClassFixture<MeursFactory>
{
    [Fact]
    public async Task ConnectMe_WithBearerTokenAndNoOrigin_IsAccepted()
    {
        using var api = ApiClient.For(factory);
        var (_, token) = await api.NewAccountWithTokenAsync();

        await using var socket = await TestSocket.ConnectAsync(factory, "/ws/me", cookie: null, origin: null, authorization: "Bearer " + token);

        Assert.Equal(WebSocketState.Open, socket.Socket.State);
    }

    [Fact]
    public async Task ConnectRoom_WithBearerToken_JoinsAsTheTokensUser()
    {
        using var owner = await factory.SignedUpAsync();
        var roomId = await owner.CreateRoomAsync();
        using var api = ApiClient.For(factory);
        var (username, token) = await api.NewAccountWithTokenAsync();

        await using var socket = await TestSocket.ConnectAsync(factory, $"/ws/rooms/{roomId}", cookie: null, origin: null, authorization: "Bearer " + token);
        var frames = await socket.ReceiveUntilAsync(f => f.Target == "#members" && f.Content.Contains(username, StringComparison.Ordinal));

        Assert.Contains(frames, f => f.Content.Contains($"{username} joined", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(ApiMeTests.BadAuthorizations), MemberType = typeof(ApiMeTests))]
    public async Task ConnectMe_WithBadBearerToken_Refused401(string authorization)
    {
        Assert.Equal(401, await TestSocket.RefusedStatusAsync(factory, "/ws/me", cookie: null, authorization: authorization));
    }

    [Fact]
    public async Task ConnectRoom_WithRevokedToken_Refused401()
    {
        using var owner = await factory.SignedUpAsync();
        var roomId = await owner.CreateRoomAsync();
        using var api = ApiClient.For(factory);
        var (_, token) = await api.NewAccountWithTokenAsync();
        await api.PostAsync("/api/auth/logout", "", token);

        Assert.Equal(401, await TestSocket.RefusedStatusAsync(factory, $"/ws/rooms/{roomId}", cookie: null, authorization: "Bearer " + token));
    }

    [Fact]
    public async Task ConnectMe_BadBearerTokenWithAValidCookie_Refused401()
    {
        // A presented bearer token decides: a bad one is not rescued by a cookie riding along.
        using var browser = await factory.SignedUpAsync();

        Assert.Equal(401, await TestSocket.RefusedStatusAsync(factory, "/ws/me", browser.CookieHeader, authorization: "Bearer meurs_" + new string('A', 43)));
    }

    [Fact]
    public async Task ConnectMe_WithBearerTokenFromAForeignOrigin_Refused403()
    {
        using var api = ApiClient.For(factory);
        var (_, token) = await api.NewAccountWithTokenAsync();

        Assert.Equal(403, await TestSocket.RefusedStatusAsync(factory, "/ws/me", cookie: null, origin: "http://evil.example", authorization: "Bearer " + token));
    }

    [Fact]
    public async Task ConnectMe_WithBearerToken_RecordsLastUsedAt()
    {
        using var api = ApiClient.For(factory);
        var (_, token) = await api.NewAccountWithTokenAsync();
        var hash = AccessTokenSecret.Hash(token);

        await using var socket = await TestSocket.ConnectAsync(factory, "/ws/me", cookie: null, origin: null, authorization: "Bearer " + token);

        Assert.NotNull(await factory.WithDbAsync(db => db.AccessTokens.Where(t => t.TokenHash == hash).Select(t => t.LastUsedAt).SingleAsync()));
    }
}
