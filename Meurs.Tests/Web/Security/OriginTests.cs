using System.Net;
using Meurs.Tests.Web.Support;

namespace Meurs.Tests.Web.Security;

/// <summary>
/// The site is scheme, host and port: a page on the same host but another port shares the cookies (they ignore ports),
/// so its Origin must be refused like any foreign one, on form posts and on socket upgrades alike.
/// </summary>
public sealed class OriginTests(MeursFactory factory) : IClassFixture<MeursFactory>
{
    [Theory]
    [InlineData("http://localhost:8080")]
    [InlineData("http://evil.example")]
    [InlineData("null")]
    public async Task PostForm_FromAnotherOrigin_Returns403AndChangesNothing(string origin)
    {
        using var browser = await factory.SignedUpAsync("orig");
        var roomId = await browser.CreateRoomAsync();
        var token = await browser.TokenFromAsync("/about");

        var response = await PostAsync(browser, $"/rooms/{roomId}/name", origin, [new("name", "renamed by " + origin), new("__RequestVerificationToken", token)]);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Null(await factory.WithDbAsync(db => Task.FromResult(db.Rooms.Single(r => r.Id == roomId).Name)));
    }

    [Fact]
    public async Task PostForm_FromTheSameOrigin_IsAccepted()
    {
        using var browser = await factory.SignedUpAsync("orig");
        var roomId = await browser.CreateRoomAsync();
        var token = await browser.TokenFromAsync("/about");

        var response = await PostAsync(browser, $"/rooms/{roomId}/name", "http://localhost", [new("name", "same origin"), new("__RequestVerificationToken", token)]);

        Assert.True(response.IsSuccessStatusCode || response.StatusCode == HttpStatusCode.Redirect, $"status {(int)response.StatusCode}");
        Assert.Equal("same origin", await factory.WithDbAsync(db => Task.FromResult(db.Rooms.Single(r => r.Id == roomId).Name)));
    }

    [Fact]
    public async Task PostLogin_FromAnotherPortOfTheSameHost_Returns403AndSignsNobodyIn()
    {
        using var owner = await factory.SignedUpAsync("orig");
        using var browser = factory.NewBrowser();
        var token = await browser.TokenFromAsync("/login");

        var response = await PostAsync(browser, "/login", "http://localhost:5001",
            [new("_handler", "login"), new("Input.Username", owner.UserName), new("Input.Password", TestBrowser.DefaultPassword), new("__RequestVerificationToken", token)]);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.False(browser.HasAuthCookie);
    }

    [Theory]
    [InlineData("http://localhost:5001")]
    [InlineData("http://localhost:8080")]
    public async Task SocketUpgrade_FromAnotherPortOfTheSameHost_Returns403(string origin)
    {
        using var browser = await factory.SignedUpAsync("orig");
        var roomId = await browser.CreateRoomAsync();

        Assert.Equal(403, await TestSocket.RefusedStatusAsync(factory, "/ws/me", browser.CookieHeader, origin));
        Assert.Equal(403, await TestSocket.RefusedStatusAsync(factory, $"/ws/rooms/{roomId}", browser.CookieHeader, origin));
        Assert.Equal(403, await TestSocket.RefusedStatusAsync(factory, $"/ws/voice/{roomId}", browser.CookieHeader, origin));
        await using var sameOrigin = await browser.ConnectAsync("/ws/me", "http://localhost");
    }

    private static async Task<HttpResponseMessage> PostAsync(TestBrowser browser, string path, string origin, IEnumerable<KeyValuePair<string, string>> fields)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative)) { Content = new FormUrlEncodedContent(fields) };
        request.Headers.Add("Origin", origin);
        return await browser.Client.SendAsync(request);
    }
}
