using System.Net;
using System.Net.WebSockets;
using System.Text.RegularExpressions;
using Meurs.Tests.Web.Cli;
using Meurs.Tests.Web.Support;
using Microsoft.Extensions.Options;

namespace Meurs.Tests.Web.Hosting;

/// <summary>
/// Meurs behind a proxy, over real TCP (Kestrel on 127.0.0.1, so the peer address is loopback): X-Forwarded-* count
/// only from a known proxy, and absolute links come from Proxy:PublicUrl, never from the Host header.
/// </summary>
public sealed partial class ProxyTests
{
    private const string PublicUrl = "https://meurs.example.org";

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task RoomPage_SpoofedHostAndForwardedHost_InviteLinkStillUsesPublicUrl(bool fromTheProxy)
    {
        var settings = new Dictionary<string, string?> { ["Proxy:PublicUrl"] = PublicUrl };
        if (!fromTheProxy)
        {
            settings["Proxy:KnownProxies:0"] = "192.0.2.10";
        }
        using var server = LiveServer.With(settings);
        using var owner = server.NewBrowser();
        await owner.SignUpOkAsync("owner");
        var room = await owner.CreateRoomAsync();

        // From the proxy (loopback by default) X-Forwarded-Host is applied; from anyone else only the Host header
        // changes. Neither shows in the link.
        var html = await SpoofedGetAsync(owner, $"/rooms/{room}");

        Assert.Equal($"{PublicUrl}/rooms/{room}", InviteLink(html));
        Assert.DoesNotContain("evil.example", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RoomPage_NoPublicUrl_InviteLinkUsesTheListeningAddressNotTheHostHeader()
    {
        using var server = new LiveServer();
        using var owner = server.NewBrowser();
        await owner.SignUpOkAsync("owner");
        var room = await owner.CreateRoomAsync();

        var html = await SpoofedGetAsync(owner, $"/rooms/{room}");

        Assert.Equal(new Uri(server.BaseAddress, $"rooms/{room}").AbsoluteUri, InviteLink(html));
        Assert.DoesNotContain("evil.example", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LogIn_ForwardedProtoHttpsFromTheProxy_MakesTheLoginCookieSecure()
    {
        using var server = new LiveServer();

        var cookie = await LogInAsync(server, forwardedProto: "https");

        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task LogIn_ForwardedProtoHttpsFromANonProxy_IsIgnored()
    {
        // Loopback is no longer a known proxy: the test's own requests now come from a stranger.
        using var server = LiveServer.With(new Dictionary<string, string?> { ["Proxy:KnownProxies:0"] = "192.0.2.10" });

        var cookie = await LogInAsync(server, forwardedProto: "https");

        Assert.DoesNotContain("secure", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Redirect_ToLogin_IsRelative_WhateverTheHostHeader()
    {
        using var server = new LiveServer();
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = server.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/rooms");
        request.Headers.Host = "evil.example";

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/login?returnUrl=%2Frooms", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Socket_WithPublicUrl_AcceptsItsOriginAndNoLongerTheHostHeaders()
    {
        using var factory = MeursFactory.With(settings: new Dictionary<string, string?> { ["Proxy:PublicUrl"] = PublicUrl + "/" });
        using var browser = await factory.SignedUpAsync();

        await using var socket = await browser.ConnectAsync("/ws/me", PublicUrl);

        Assert.Equal(WebSocketState.Open, socket.Socket.State);
        // The test server's Host is localhost: once a public URL is set, matching the Host proves nothing.
        Assert.Equal(403, await TestSocket.RefusedStatusAsync(factory, "/ws/me", browser.CookieHeader, "http://localhost"));
        Assert.Equal(403, await TestSocket.RefusedStatusAsync(factory, "/ws/me", browser.CookieHeader, "http://meurs.example.org"));
    }

    [Theory]
    [InlineData("Proxy:PublicUrl", "meurs.example.org", "Proxy:PublicUrl must be")]
    [InlineData("Proxy:PublicUrl", "https://meurs.example.org/meurs", "Proxy:PublicUrl must be")]
    [InlineData("Proxy:PublicUrl", "ftp://meurs.example.org", "Proxy:PublicUrl must be")]
    [InlineData("Proxy:KnownProxies:0", "caddy", "Proxy:KnownProxies must be IP addresses (got 'caddy')")]
    [InlineData("Proxy:KnownNetworks:0", "10.0.0.0/33", "Proxy:KnownNetworks must be networks")]
    public void Start_BadProxySetting_FailsNamingIt(string key, string value, string message)
    {
        using var factory = MeursFactory.With(settings: new Dictionary<string, string?> { [key] = value });

        var error = Assert.Throws<OptionsValidationException>(() => factory.CreateClient());

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    // GET with the Host and X-Forwarded-Host an attacker would send.
    private static async Task<string> SpoofedGetAsync(TestBrowser browser, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Host = "evil.example";
        request.Headers.Add("X-Forwarded-Host", "evil.example");
        using var response = await browser.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private static string InviteLink(string html)
    {
        var match = InviteLinkRegex().Match(html);
        Assert.True(match.Success, "no invite link in the room page");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    // Logs in through the form by hand, each request carrying X-Forwarded-Proto, and returns the login cookie's Set-Cookie.
    // Cookies are carried by hand: a cookie jar would keep a Secure cookie from going back over http.
    private static async Task<string> LogInAsync(LiveServer server, string forwardedProto)
    {
        var registered = await server.Api.PostJsonAsync("api/auth/register", new { username = "proxied", password = TestBrowser.DefaultPassword });
        Assert.Equal(HttpStatusCode.Created, registered.Status);
        using var client = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = server.BaseAddress };

        using var page = new HttpRequestMessage(HttpMethod.Get, "/login");
        page.Headers.Add("X-Forwarded-Proto", forwardedProto);
        using var pageResponse = await client.SendAsync(page);
        var token = TestBrowser.Token(await pageResponse.Content.ReadAsStringAsync());
        var cookies = string.Join("; ", pageResponse.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));

        using var form = new HttpRequestMessage(HttpMethod.Post, "/login")
        {
            Content = new FormUrlEncodedContent(
            [
                new("_handler", "login"),
                new("Input.Username", "proxied"),
                new("Input.Password", TestBrowser.DefaultPassword),
                new("__RequestVerificationToken", token),
            ]),
        };
        form.Headers.Add("X-Forwarded-Proto", forwardedProto);
        form.Headers.Add("Cookie", cookies);
        using var response = await client.SendAsync(form);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("meurs.auth=", StringComparison.Ordinal));
    }

    [GeneratedRegex("data-testid=\"room-link\">([^<]*)</a>")]
    private static partial Regex InviteLinkRegex();
}
