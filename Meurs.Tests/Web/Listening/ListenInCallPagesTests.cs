using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Meurs.Tests.Web.Support;
using Meurs.Web.Data;
using Meurs.Web.Realtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Meurs.Tests.Web.Listening;

/// <summary>
/// <em>Listen together</em> in a room's call through the page path (<c>GET/POST /listen/calls/{call}</c>): the panel
/// offers to start, then to join; only someone in the call now may press it; one session per call, even when two press
/// it at once; the call socket hears the session start and end; bad call ids are 400, a non-member of the room 404.
/// </summary>
public sealed partial class ListenInCallPagesTests(MeursFactory factory) : IClassFixture<MeursFactory>
{
    [Fact]
    public async Task ListenTogether_StartsForTheFirst_JoinsForTheSecond_AndTheCallHearsItStartAndEnd()
    {
        using var ann = await factory.SignedUpAsync();
        using var bob = await factory.SignedUpAsync();
        var room = await ann.CreateRoomAsync();
        Assert.Equal(HttpStatusCode.Redirect, (await bob.JoinRoomByButtonAsync(room)).StatusCode);

        var (shown, offer) = await ann.GetHtmlAsync($"/listen/calls/{room}");
        Assert.Equal(HttpStatusCode.OK, shown.StatusCode);
        Assert.Contains($"hx-post=\"/listen/calls/{room}\"", offer, StringComparison.Ordinal);
        Assert.Contains(">Listen together<", offer, StringComparison.Ordinal);
        Assert.DoesNotContain("data-listen-socket", offer, StringComparison.Ordinal);

        // Not in the call yet: refused, nothing started.
        var (early, earlyBody) = await HtmxPostAsync(ann, $"/listen/calls/{room}");
        Assert.True(early.StatusCode == HttpStatusCode.Conflict, $"{(int)early.StatusCode} {earlyBody}");
        Assert.Contains("Join the call first", earlyBody, StringComparison.Ordinal);
        Assert.Equal(0, await OpenSessionsAsync(room));

        await using var annCall = await JoinCallAsync(ann, room);
        var (started, panel) = await HtmxPostAsync(ann, $"/listen/calls/{room}");
        Assert.Equal(HttpStatusCode.OK, started.StatusCode);
        Assert.Equal("#call-listen", started.Headers.GetValues("HX-Retarget").Single());
        var id = SocketOf().Match(panel).Groups[1].Value;
        Assert.Matches("^[0-9a-f]{32}$", id);
        Assert.Contains("data-role=\"host\" data-call-id=", panel, StringComparison.Ordinal);
        Assert.Contains($"data-call-id=\"{room}\"", panel, StringComparison.Ordinal);
        Assert.Contains("id=\"listen-duck\"", panel, StringComparison.Ordinal);
        Assert.Contains("id=\"listen-now\"", panel, StringComparison.Ordinal);
        Assert.Contains("id=\"listen-search-q\"", panel, StringComparison.Ordinal);
        Assert.Contains("RequestVerificationToken", panel, StringComparison.Ordinal);
        Assert.Equal(id, await CallSessionAsync(annCall));

        // Bob, in the room but not the call, is offered to join; in the call, he joins the same session as a guest.
        var (_, bobOffer) = await bob.GetHtmlAsync($"/listen/calls/{room}");
        Assert.Contains("Join the listening session", bobOffer, StringComparison.Ordinal);
        Assert.Contains($"data-session-id=\"{id}\"", bobOffer, StringComparison.Ordinal);
        await using var bobCall = await JoinCallAsync(bob, room);
        var (joined, bobPanel) = await HtmxPostAsync(bob, $"/listen/calls/{room}");
        Assert.Equal(HttpStatusCode.OK, joined.StatusCode);
        Assert.Equal(id, SocketOf().Match(bobPanel).Groups[1].Value);
        Assert.Contains("data-role=\"guest\" data-call-id=", bobPanel, StringComparison.Ordinal);
        // Pressing it again changes nothing; the panel now opens on the session.
        Assert.Equal(HttpStatusCode.OK, (await HtmxPostAsync(bob, $"/listen/calls/{room}")).Response.StatusCode);
        var (_, bobAgain) = await bob.GetHtmlAsync($"/listen/calls/{room}");
        Assert.Contains($"data-listen-socket=\"/ws/listen/{id}\"", bobAgain, StringComparison.Ordinal);
        Assert.Equal(1, await OpenSessionsAsync(room));
        Assert.Equal(2, await MembersAsync(Guid.Parse(id)));

        // A plain form (no htmx) goes to the session page.
        var (plain, _) = await bob.PostFormAsync($"/listen/calls/{room}", [], "/listen");
        Assert.Equal(HttpStatusCode.Redirect, plain.StatusCode);
        Assert.Equal($"/listen/{id}", plain.Headers.Location!.ToString());

        // The host ends it: the call hears there is none any more, and the panel offers to start again.
        var (ended, _) = await ann.PostFormAsync($"/listen/{id}/end", [new("confirm", "yes")], "/listen");
        Assert.Equal(HttpStatusCode.Redirect, ended.StatusCode);
        Assert.Null(await CallSessionAsync(bobCall, skip: id));
        var (_, after) = await bob.GetHtmlAsync($"/listen/calls/{room}");
        Assert.Contains(">Listen together<", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TwoPressingAtOnce_MakeOneSession_WithOneHost()
    {
        using var ann = await factory.SignedUpAsync();
        using var bob = await factory.SignedUpAsync();
        var room = await ann.CreateRoomAsync();
        await bob.JoinRoomByButtonAsync(room);
        await using var annCall = await JoinCallAsync(ann, room);
        await using var bobCall = await JoinCallAsync(bob, room);

        var results = await Task.WhenAll(HtmxPostAsync(ann, $"/listen/calls/{room}"), HtmxPostAsync(bob, $"/listen/calls/{room}"));
        Assert.All(results, r => Assert.Equal(HttpStatusCode.OK, r.Response.StatusCode));
        var ids = results.Select(r => SocketOf().Match(r.Body).Groups[1].Value).Distinct().ToList();
        Assert.Single(ids);
        Assert.Equal(1, await OpenSessionsAsync(room));
        Assert.Single(results, r => r.Body.Contains("data-role=\"host\" data-call-id=", StringComparison.Ordinal));
        Assert.Single(results, r => r.Body.Contains("data-role=\"guest\" data-call-id=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task NonMember_Is404_BadCallIds_Are400_AndNothingIsStarted()
    {
        using var ann = await factory.SignedUpAsync();
        using var eve = await factory.SignedUpAsync();
        var room = await ann.CreateRoomAsync();
        await using var annCall = await JoinCallAsync(ann, room);

        Assert.Equal(HttpStatusCode.NotFound, (await eve.GetAsync($"/listen/calls/{room}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await HtmxPostAsync(eve, $"/listen/calls/{room}")).Response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await ann.GetAsync("/listen/calls/zzzzzzz")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await HtmxPostAsync(ann, $"/listen/calls/{Guid.NewGuid():N}")).Response.StatusCode);
        foreach (var bad in new[] { "a%20b", new string('a', 33), "%C3%A9t%C3%A9", "a%2Fb" })
        {
            var (get, getBody) = await HtmxGetAsync(ann, $"/listen/calls/{bad}");
            Assert.True(get.StatusCode == HttpStatusCode.BadRequest, $"GET {bad}: {(int)get.StatusCode} {getBody}");
            Assert.Contains("room id or a voice channel id", getBody, StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.BadRequest, (await HtmxPostAsync(ann, $"/listen/calls/{bad}")).Response.StatusCode);
        }
        // Without the antiforgery token.
        Assert.Equal(HttpStatusCode.BadRequest, (await ann.PostFormAsync($"/listen/calls/{room}", [], tokenPage: null)).Response.StatusCode);
        Assert.Equal(0, await OpenSessionsAsync(room));
    }

    private async Task<RawSocket> JoinCallAsync(TestBrowser browser, string room)
    {
        var socket = await RawSocket.ConnectAsync(factory, $"/ws/voice/{room}", browser.CookieHeader, authorization: null);
        var presence = factory.Services.GetRequiredService<PresenceService>();
        await Poll.UntilAsync(() => Task.FromResult(presence.Present(ChannelId.Call(room)).Any(m => m.UserName == browser.UserName)), "in the call");
        return socket;
    }

    /// <summary>The session id of the next <c>listen.call_session</c> on the call socket (other than <paramref name="skip"/>).</summary>
    private static async Task<string?> CallSessionAsync(RawSocket call, string? skip = null)
    {
        while (await call.ReceiveAsync() is { } text)
        {
            using var json = JsonDocument.Parse(text);
            if (json.RootElement.TryGetProperty("type", out var type) && type.GetString() == "listen.call_session")
            {
                var data = json.RootElement.GetProperty("data");
                Assert.Equal(JsonValueKind.String, data.GetProperty("call_id").ValueKind);
                var session = data.GetProperty("session_id").GetString();
                if (skip is null || session != skip) return session;
            }
        }
        throw new InvalidOperationException("the call socket closed before listen.call_session");
    }

    private async Task<int> OpenSessionsAsync(string room)
    {
        using var scope = factory.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<MeursDbContext>().ListenSessions.CountAsync(s => s.CallId == room && s.EndedAt == null);
    }

    private async Task<int> MembersAsync(Guid session)
    {
        using var scope = factory.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<MeursDbContext>().ListenMembers.CountAsync(m => m.SessionId == session);
    }

    private static async Task<(HttpResponseMessage Response, string Body)> HtmxGetAsync(TestBrowser browser, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        request.Headers.Add("HX-Request", "true");
        var response = await browser.Client.SendAsync(request);
        return (response, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Posts as the call panel's buttons do: HX-Request, the token in the inherited header, no fields.</summary>
    private static async Task<(HttpResponseMessage Response, string Body)> HtmxPostAsync(TestBrowser browser, string action)
    {
        var token = await browser.TokenFromAsync("/listen");
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(action, UriKind.Relative)) { Content = new FormUrlEncodedContent([]) };
        request.Headers.Add("HX-Request", "true");
        request.Headers.Add("RequestVerificationToken", token);
        var response = await browser.Client.SendAsync(request);
        return (response, await response.Content.ReadAsStringAsync());
    }

    [GeneratedRegex("data-listen-socket=\"/ws/listen/([0-9a-f]{32})\"")]
    private static partial Regex SocketOf();
}
