using System.Net;
using System.Net.WebSockets;
using System.Text.Json;
using System.Text.RegularExpressions;
using Meurs.Tests.Web.Support;
using Meurs.Web.Data;
using Meurs.Web.Realtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Meurs.Tests.Web.Listening;

/// <summary>
/// <em>Leave</em> and <em>End</em> in a call's listening panel (<c>POST /listen/calls/{call}/leave</c> and <c>…/end</c>,
/// as the panel's htmx buttons send them): a guest leaves and gets the offer to join back while the session goes on; the
/// host cannot leave; a guest may not end; the host (or a co-host) ends it for everyone, the call hears that it has no
/// session any more and the panel offers to start again. Refused, with nothing changed: a non-member of the room or of
/// the session (404), another call's id or another session's id (404), malformed ids and a missing confirmation (400),
/// no antiforgery token (400).
/// </summary>
public sealed partial class ListenCallPanelActionsTests(MeursFactory factory) : IClassFixture<MeursFactory>
{
    [Fact]
    public async Task Guest_Leaves_GetsTheOfferBack_TheSessionGoesOn_AndTheHostCannotLeave()
    {
        var (ann, bob, room, id) = await CallWithSessionAsync();
        using var _ = ann.Browser;
        using var __ = bob.Browser;
        await using var annCall = ann.Call;
        await using var bobCall = bob.Call;

        // The panel's socket (the page's, by cookie): open while he listens.
        await using var bobListen = await RawSocket.ConnectAsync(factory, $"/ws/listen/{id}", bob.Browser.CookieHeader, authorization: null);
        Assert.NotNull(await bobListen.ReceiveAsync());

        var (left, panel) = await HtmxPostAsync(bob.Browser, $"/listen/calls/{room}/leave", ("session_id", id));
        Assert.True(left.StatusCode == HttpStatusCode.OK, $"{(int)left.StatusCode} {panel}");
        Assert.Equal("#call-listen", left.Headers.GetValues("HX-Retarget").Single());
        Assert.Equal("outerHTML", left.Headers.GetValues("HX-Reswap").Single());
        Assert.Contains("id=\"call-listen\"", panel, StringComparison.Ordinal);
        Assert.Contains("Join the listening session", panel, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"listen\"", panel, StringComparison.Ordinal);
        Assert.Equal(1, await MembersAsync(Guid.Parse(id)));
        Assert.Equal(1, await OpenSessionsAsync(room));
        // He asked to leave: his socket closes normally (hx-ws does not reconnect), without the notice of lost access.
        var after = new List<string>();
        while (await bobListen.ReceiveAsync() is { } text)
        {
            after.Add(text);
        }
        Assert.Equal(WebSocketCloseStatus.NormalClosure, bobListen.CloseStatus);
        Assert.DoesNotContain(after, t => t.Contains("access-revoked", StringComparison.Ordinal));

        // Leaving again: no longer a member (404); the host cannot leave (400): the session stays, with its host.
        Assert.Equal(HttpStatusCode.NotFound, (await HtmxPostAsync(bob.Browser, $"/listen/calls/{room}/leave", ("session_id", id))).Response.StatusCode);
        var (hostLeft, hostBody) = await HtmxPostAsync(ann.Browser, $"/listen/calls/{room}/leave", ("session_id", id));
        Assert.Equal(HttpStatusCode.BadRequest, hostLeft.StatusCode);
        Assert.Contains("end the session instead", hostBody, StringComparison.Ordinal);
        Assert.Equal(1, await MembersAsync(Guid.Parse(id)));
        Assert.Equal(1, await OpenSessionsAsync(room));

        // He can join back from the offer.
        var (joined, again) = await HtmxPostAsync(bob.Browser, $"/listen/calls/{room}");
        Assert.Equal(HttpStatusCode.OK, joined.StatusCode);
        Assert.Equal(id, SessionOf().Match(again).Groups[1].Value);
        Assert.Equal(2, await MembersAsync(Guid.Parse(id)));
    }

    [Fact]
    public async Task GuestMayNotEnd_TheHostEnds_ForEveryone_AndTheCallHearsIt()
    {
        var (ann, bob, room, id) = await CallWithSessionAsync();
        using var _ = ann.Browser;
        using var __ = bob.Browser;
        await using var annCall = ann.Call;
        await using var bobCall = bob.Call;

        var (refused, refusal) = await HtmxPostAsync(bob.Browser, $"/listen/calls/{room}/end", ("session_id", id), ("confirm", "yes"));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("role=\"alert\"", refusal, StringComparison.Ordinal);
        Assert.False(refused.Headers.Contains("HX-Retarget"));
        var (unconfirmed, _) = await HtmxPostAsync(ann.Browser, $"/listen/calls/{room}/end", ("session_id", id));
        Assert.Equal(HttpStatusCode.BadRequest, unconfirmed.StatusCode);
        Assert.Equal(1, await OpenSessionsAsync(room));

        var (ended, panel) = await HtmxPostAsync(ann.Browser, $"/listen/calls/{room}/end", ("session_id", id), ("confirm", "yes"));
        Assert.True(ended.StatusCode == HttpStatusCode.OK, $"{(int)ended.StatusCode} {panel}");
        Assert.Equal("#call-listen", ended.Headers.GetValues("HX-Retarget").Single());
        Assert.Contains(">Listen together<", panel, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"listen\"", panel, StringComparison.Ordinal);
        Assert.Equal(0, await OpenSessionsAsync(room));
        Assert.Null(await CallSessionAsync(bobCall, skip: id));
        var (_, bobPanel) = await bob.Browser.GetHtmlAsync($"/listen/calls/{room}");
        Assert.Contains(">Listen together<", bobPanel, StringComparison.Ordinal);

        // Ending it again: it is not the call's session any more.
        Assert.Equal(HttpStatusCode.NotFound, (await HtmxPostAsync(ann.Browser, $"/listen/calls/{room}/end", ("session_id", id), ("confirm", "yes"))).Response.StatusCode);
    }

    [Fact]
    public async Task ACoHost_Ends_AndAPlainFormGoesToTheListenPage()
    {
        var (ann, bob, room, id) = await CallWithSessionAsync();
        using var _ = ann.Browser;
        using var __ = bob.Browser;
        await using var annCall = ann.Call;
        await using var bobCall = bob.Call;
        var (promoted, _) = await ann.Browser.PostFormAsync($"/listen/{id}/members/{await UserIdAsync(bob.Browser.UserName)}/role", [new("role", "cohost")], "/listen");
        Assert.Equal(HttpStatusCode.Redirect, promoted.StatusCode);

        var (ended, _) = await bob.Browser.PostFormAsync($"/listen/calls/{room}/end", [new("session_id", id), new("confirm", "yes")], "/listen");
        Assert.Equal(HttpStatusCode.Redirect, ended.StatusCode);
        Assert.Equal("/listen", ended.Headers.Location!.ToString());
        Assert.Equal(0, await OpenSessionsAsync(room));
    }

    [Fact]
    public async Task Outsiders_OtherCallsAndSessions_AndBadInput_AreRefused_AndChangeNothing()
    {
        var (ann, bob, room, id) = await CallWithSessionAsync();
        using var _ = ann.Browser;
        using var __ = bob.Browser;
        await using var annCall = ann.Call;
        await using var bobCall = bob.Call;
        using var eve = await factory.SignedUpAsync();     // not in the room
        using var carl = await factory.SignedUpAsync();    // in the room, not in the session
        await carl.JoinRoomByButtonAsync(room);
        var otherRoom = await ann.Browser.CreateRoomAsync();
        await bob.Browser.JoinRoomByButtonAsync(otherRoom);
        var (_, ownSession) = await StartAloneAsync(ann.Browser);

        foreach (var action in new[] { "leave", "end" })
        {
            var path = $"/listen/calls/{room}/{action}";
            (string, string)[] ok = [("session_id", id), ("confirm", "yes")];
            Assert.Equal(HttpStatusCode.NotFound, (await HtmxPostAsync(eve, path, ok)).Response.StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await HtmxPostAsync(carl, path, ok)).Response.StatusCode);
            // Another call's id (one bob may be in, with no session), a call that does not exist, a session of no call.
            Assert.Equal(HttpStatusCode.NotFound, (await HtmxPostAsync(bob.Browser, $"/listen/calls/{otherRoom}/{action}", ok)).Response.StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await HtmxPostAsync(ann.Browser, $"/listen/calls/{Guid.NewGuid():N}/{action}", ok)).Response.StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await HtmxPostAsync(ann.Browser, path, ("session_id", ownSession), ("confirm", "yes"))).Response.StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await HtmxPostAsync(ann.Browser, path, ("session_id", Guid.NewGuid().ToString("N")), ("confirm", "yes"))).Response.StatusCode);
            foreach (var bad in new[] { "", "nope", "été", new string('1', 40) })
            {
                var (response, body) = await HtmxPostAsync(bob.Browser, path, ("session_id", bad), ("confirm", "yes"));
                Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{action} session_id '{bad}': {(int)response.StatusCode} {body}");
            }
            Assert.Equal(HttpStatusCode.BadRequest, (await HtmxPostAsync(bob.Browser, path, ("confirm", "yes"))).Response.StatusCode);
            foreach (var badCall in new[] { "a%20b", new string('a', 33), "%C3%A9t%C3%A9" })
            {
                var (response, body) = await HtmxPostAsync(bob.Browser, $"/listen/calls/{badCall}/{action}", ok);
                Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{action} call '{badCall}': {(int)response.StatusCode} {body}");
                Assert.Contains("room id or a voice channel id", body, StringComparison.Ordinal);
            }
            // Without the antiforgery token.
            Assert.Equal(HttpStatusCode.BadRequest, (await bob.Browser.PostFormAsync(path, [new("session_id", id), new("confirm", "yes")], tokenPage: null)).Response.StatusCode);
        }
        Assert.Equal(1, await OpenSessionsAsync(room));
        Assert.Equal(2, await MembersAsync(Guid.Parse(id)));
    }

    /// <summary>A person of a call test: their browser and their call socket.</summary>
    private sealed record InCall(TestBrowser Browser, RawSocket Call);

    /// <summary>Ann and Bob in Ann's room's call; Ann started its session from the panel and Bob joined it as a guest.</summary>
    private async Task<(InCall Ann, InCall Bob, string Room, string SessionId)> CallWithSessionAsync()
    {
        var ann = await factory.SignedUpAsync();
        var bob = await factory.SignedUpAsync();
        var room = await ann.CreateRoomAsync();
        Assert.Equal(HttpStatusCode.Redirect, (await bob.JoinRoomByButtonAsync(room)).StatusCode);
        var annCall = await JoinCallAsync(ann, room);
        var bobCall = await JoinCallAsync(bob, room);
        var (started, panel) = await HtmxPostAsync(ann, $"/listen/calls/{room}");
        Assert.Equal(HttpStatusCode.OK, started.StatusCode);
        var id = SessionOf().Match(panel).Groups[1].Value;
        Assert.Matches("^[0-9a-f]{32}$", id);
        var (joined, bobPanel) = await HtmxPostAsync(bob, $"/listen/calls/{room}");
        Assert.Equal(HttpStatusCode.OK, joined.StatusCode);
        Assert.Contains("data-role=\"guest\"", bobPanel, StringComparison.Ordinal);
        // The panel's own buttons: Leave for the guest only, End drawn for both and hidden from the guest.
        Assert.Contains($"hx-post=\"/listen/calls/{room}/leave\"", bobPanel, StringComparison.Ordinal);
        Assert.DoesNotContain($"hx-post=\"/listen/calls/{room}/leave\"", panel, StringComparison.Ordinal);
        Assert.Contains($"hx-post=\"/listen/calls/{room}/end\"", panel, StringComparison.Ordinal);
        Assert.Matches("data-needs=\"manage\" hidden[^>]*>End<", bobPanel);
        Assert.DoesNotMatch("data-needs=\"manage\" hidden[^>]*>End<", panel);
        Assert.Equal(id, await CallSessionAsync(bobCall));
        return (new InCall(ann, annCall), new InCall(bob, bobCall), room, id);
    }

    /// <summary>A session of no call, started by <paramref name="browser"/> on the Listen page.</summary>
    private static async Task<(HttpResponseMessage, string)> StartAloneAsync(TestBrowser browser)
    {
        var (response, _) = await browser.PostFormAsync("/listen/sessions", [], "/listen");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return (response, response.Headers.Location!.ToString().Split('/')[^1]);
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
                var session = json.RootElement.GetProperty("data").GetProperty("session_id").GetString();
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

    private async Task<Guid> UserIdAsync(string userName)
    {
        using var scope = factory.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<MeursDbContext>().Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync();
    }

    /// <summary>Posts as the panel's buttons do: HX-Request, the token in the inherited header, the button's hx-vals as a form.</summary>
    private static async Task<(HttpResponseMessage Response, string Body)> HtmxPostAsync(TestBrowser browser, string action, params (string Name, string Value)[] fields)
    {
        var token = await browser.TokenFromAsync("/listen");
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(action, UriKind.Relative))
        {
            Content = new FormUrlEncodedContent(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))),
        };
        request.Headers.Add("HX-Request", "true");
        request.Headers.Add("RequestVerificationToken", token);
        var response = await browser.Client.SendAsync(request);
        return (response, await response.Content.ReadAsStringAsync());
    }

    /// <summary>The session a panel shows its person in (the #listen root's data-session-id, whichever element holds its socket).</summary>
    [GeneratedRegex("id=\"listen\"[^>]*data-session-id=\"([0-9a-f]{32})\"")]
    private static partial Regex SessionOf();
}
