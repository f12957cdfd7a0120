using System.Net;
using Meurs.Tests.Web.Support;
using Meurs.Web.Realtime;

namespace Meurs.Tests.Web.Accounts;

/// <summary>
/// Changing the password on the profile: the browser that did it stays signed in; every other browser of the account is
/// signed out at once and its open sockets closed (4401); the old password stops working.
/// </summary>
public sealed class PasswordChangeTests(MeursFactory factory) : IClassFixture<MeursFactory>
{
    private const string NewPassword = "a brand new passphrase";

    [Fact]
    public async Task Change_SignsOutOtherBrowsersAndClosesTheirSockets_KeepsThisOne()
    {
        using var here = await factory.SignedUpAsync("pw");
        using var elsewhere = factory.NewBrowser();
        var (login, _) = await elsewhere.LogInAsync(here.UserName, TestBrowser.DefaultPassword);
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        await using var elsewhereSocket = await elsewhere.ConnectAsync("/ws/me");

        var (response, html) = await ChangeAsync(here, TestBrowser.DefaultPassword, NewPassword, NewPassword);

        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {TestBrowser.Errors(html)}");
        Assert.Contains("Password changed", html, StringComparison.Ordinal);
        Assert.DoesNotContain(NewPassword, html, StringComparison.Ordinal);
        Assert.Equal(SocketSessions.SessionEnded, await elsewhereSocket.ReceiveCloseAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await elsewhere.GetAsync("/profile")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await here.GetAsync("/profile")).StatusCode);
        await using var hereSocket = await here.ConnectAsync("/ws/me");
        using var api = ApiClient.For(factory);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.LogInAsync(here.UserName, TestBrowser.DefaultPassword)).Status);
        Assert.Equal(HttpStatusCode.OK, (await api.LogInAsync(here.UserName, NewPassword)).Status);
    }

    [Theory]
    [InlineData("not my password", NewPassword, NewPassword, "The current password is wrong.")]
    [InlineData(TestBrowser.DefaultPassword, NewPassword, "something else", "The two new passwords differ.")]
    [InlineData(TestBrowser.DefaultPassword, "short", "short", "Password must be")]
    public async Task Change_Refused_Returns400WithTheReasonAndChangesNothing(string current, string next, string confirm, string reason)
    {
        using var browser = await factory.SignedUpAsync("pw");
        await using var socket = await browser.ConnectAsync("/ws/me");

        var (response, html) = await ChangeAsync(browser, current, next, confirm);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(reason, TestBrowser.Errors(html), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/profile")).StatusCode);
        using var api = ApiClient.For(factory);
        Assert.Equal(HttpStatusCode.OK, (await api.LogInAsync(browser.UserName, TestBrowser.DefaultPassword)).Status);
        Assert.Equal(System.Net.WebSockets.WebSocketState.Open, socket.Socket.State);
    }

    private static Task<(HttpResponseMessage Response, string Html)> ChangeAsync(TestBrowser browser, string current, string next, string confirm) =>
        browser.PostFormAsync("/profile",
            [new("_handler", "change-password"), new("Input.Current", current), new("Input.New", next), new("Input.Confirm", confirm)],
            "/profile");
}
