using System.Net;
using System.Text.RegularExpressions;
using Meurs.Tests.Web.Support;

namespace Meurs.Tests.Web.Listening;

/// <summary>
/// The listening pages through real forms: /listen (start, join by code, one's sessions), the invite page, the session
/// page for the host and for a guest, and their form endpoints (antiforgery, refusals in place).
/// </summary>
public sealed partial class ListenPagesTests(MeursFactory factory) : IClassFixture<MeursFactory>
{
    [Fact]
    public async Task ListenPage_OffersStartAndJoin_AndListsNoSessionAtFirst()
    {
        using var ann = await factory.SignedUpAsync();
        var (response, html) = await ann.GetHtmlAsync("/listen");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("action=\"/listen/sessions\"", html, StringComparison.Ordinal);
        Assert.Contains("action=\"/listen/join\"", html, StringComparison.Ordinal);
        Assert.Contains("You are in no open session.", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Coming soon", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task StartSession_OpensTheSessionPage_WithSocketInviteAndQr_AndListsItOnListen()
    {
        using var ann = await factory.SignedUpAsync();
        var id = await StartAsync(ann);

        var (response, html) = await ann.GetHtmlAsync($"/listen/{id}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"data-listen-socket=\"/ws/listen/{id}\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"listen-now\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"listen-queue\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"listen-members\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"listen-messages\"", html, StringComparison.Ordinal);
        Assert.Contains("<svg class=\"invite-qr\"", html, StringComparison.Ordinal);
        Assert.Matches("/listen/join/[A-Z2-9]{6}", html);
        Assert.Contains("End session", html, StringComparison.Ordinal);
        Assert.DoesNotContain("action=\"/listen/" + id + "/leave\"", html, StringComparison.Ordinal); // the host ends, never leaves

        var (_, list) = await ann.GetHtmlAsync("/listen");
        Assert.Contains($"href=\"/listen/{id}\"", list, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SessionPage_Is404ForANonMemberAndForAnUnknownSession()
    {
        using var ann = await factory.SignedUpAsync();
        using var eve = await factory.SignedUpAsync();
        var id = await StartAsync(ann);

        Assert.Equal(HttpStatusCode.NotFound, (await eve.GetAsync($"/listen/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await ann.GetAsync($"/listen/{Guid.NewGuid():N}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await eve.GetAsync($"/listen/{id}/library?q=a")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await eve.GetAsync("/listen/join/ZZZZZZ")).StatusCode);
        var (refused, _) = await eve.PostFormAsync($"/listen/{id}/messages", [new("text", "hello")], "/listen");
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
    }

    [Fact]
    public async Task Forms_RefuseWithoutAntiforgery()
    {
        using var ann = await factory.SignedUpAsync();
        var id = await StartAsync(ann);

        Assert.Equal(HttpStatusCode.BadRequest, (await ann.PostFormAsync("/listen/sessions", [], tokenPage: null)).Response.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await ann.PostFormAsync("/listen/join", [new("code", "ABCDEF")], tokenPage: null)).Response.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await ann.PostFormAsync($"/listen/{id}/end", [new("confirm", "yes")], tokenPage: null)).Response.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await ann.PostFormAsync($"/listen/{id}/messages", [new("text", "hi")], tokenPage: null)).Response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ann.GetAsync($"/listen/{id}")).StatusCode); // still open
    }

    [Fact]
    public async Task Guest_JoinsByInvitePage_SeesNoManageControls_AndTheirAddWaitsForApproval()
    {
        using var ann = await factory.SignedUpAsync();
        using var bob = await factory.SignedUpAsync();
        var id = await StartAsync(ann);
        var (_, hostPage) = await ann.GetHtmlAsync($"/listen/{id}");
        var code = Code().Match(hostPage).Groups[1].Value;
        Assert.Matches("data-needs=\"manage\">End session<", hostPage);

        var (invite, inviteHtml) = await bob.GetHtmlAsync($"/listen/join/{code}");
        Assert.Equal(HttpStatusCode.OK, invite.StatusCode);
        Assert.Contains($"Listen with {ann.UserName}", inviteHtml, StringComparison.Ordinal);
        Assert.Contains($"action=\"/listen/join/{code}\"", inviteHtml, StringComparison.Ordinal);
        var (joined, _) = await bob.PostFormAsync($"/listen/join/{code}", [], $"/listen/join/{code}");
        Assert.Equal(HttpStatusCode.Redirect, joined.StatusCode);
        Assert.Equal($"/listen/{id}", joined.Headers.Location!.ToString());

        var (page, html) = await bob.GetHtmlAsync($"/listen/{id}");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        // The host's controls are drawn hidden (a promotion shows them at once, without a reload), never shown to a guest.
        Assert.Matches("data-needs=\"manage\" hidden>End session<", html);
        Assert.Contains("Make co-host", html, StringComparison.Ordinal);
        Assert.DoesNotMatch(VisibleManageControl(), html);
        Assert.Contains("<fieldset disabled", html, StringComparison.Ordinal); // the switches are read-only
        Assert.Contains($"action=\"/listen/{id}/leave\"", html, StringComparison.Ordinal);
        Assert.Contains("The host controls playback.", html, StringComparison.Ordinal);

        // The guest's manage actions are refused by the use cases, whatever the page shows.
        var (settings, settingsBody) = await HtmxPostAsync(bob, $"/listen/{id}/settings", [new("guests_queue", "true")]);
        Assert.Equal(HttpStatusCode.Forbidden, settings.StatusCode);
        Assert.Contains("role=\"alert\"", settingsBody, StringComparison.Ordinal);
        var (end, _) = await bob.PostFormAsync($"/listen/{id}/end", [new("confirm", "yes")], $"/listen/{id}");
        Assert.Equal(HttpStatusCode.Forbidden, end.StatusCode);

        // Adding a track of the library: a request for the guest, shown to the host with Approve.
        var track = TrackId().Match((await bob.GetHtmlAsync($"/listen/{id}/library?q=alpha")).Html).Groups[1].Value;
        Assert.NotEmpty(track);
        var (asked, askedBody) = await HtmxPostAsync(bob, $"/listen/{id}/queue", [new("track_id", track)]);
        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        Assert.Contains("to the host for approval", askedBody, StringComparison.Ordinal);
        var (_, hostAfter) = await ann.GetHtmlAsync($"/listen/{id}");
        Assert.Contains("waiting for approval", hostAfter, StringComparison.Ordinal);
        Assert.Contains(">Approve</button>", hostAfter, StringComparison.Ordinal);
        Assert.Contains("Make co-host", hostAfter, StringComparison.Ordinal);
    }

    [Fact]
    public async Task JoinByCode_UnknownOrMalformed_GoesBackToListenWithTheReason()
    {
        using var bob = await factory.SignedUpAsync();
        var (response, _) = await bob.PostFormAsync("/listen/join", [new("code", "0O1IL!")], "/listen");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/listen?error=", response.Headers.Location!.ToString(), StringComparison.Ordinal);
        var (_, html) = await bob.GetHtmlAsync(response.Headers.Location!.ToString());
        Assert.Contains("id=\"listen-error\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Library_OffersListenTogetherOnTracksAndAlbums_WhichStartsASessionWithThem()
    {
        using var ann = await factory.SignedUpAsync();
        var (_, home) = await ann.GetHtmlAsync("/");
        Assert.Contains("form=\"listen-together\"", home, StringComparison.Ordinal);
        var track = ListenTogetherTrack().Match(home).Groups[1].Value;
        Assert.NotEmpty(track);

        var (started, _) = await ann.PostFormAsync("/listen/sessions", [new("track_id", track)], "/");
        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        var (_, page) = await ann.GetHtmlAsync(started.Headers.Location!.ToString());
        // The queue names its track as playback_state's track_id does (a Guid with dashes): listen.js finds the audio by it.
        Assert.Contains($"data-track-id=\"{Guid.Parse(track)}\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PageSocket_OnConnect_SendsThePlayerItsStateAndThePageItsFragments_ThenPushesChanges()
    {
        using var ann = await factory.SignedUpAsync();
        var id = await StartAsync(ann);
        await using var socket = await ann.ConnectAsync($"/ws/listen/{id}");

        var first = await TextsUntilAsync(socket, t => t.Contains("#listen-queue", StringComparison.Ordinal));
        Assert.Contains(first, t => t.StartsWith("{\"type\":\"playback_state\"", StringComparison.Ordinal));
        Assert.Contains(first, t => t.Contains("\"target\":\"#listen-now\"", StringComparison.Ordinal));
        Assert.Contains(first, t => t.StartsWith("{\"type\":\"playlist_update\"", StringComparison.Ordinal));

        var track = TrackId().Match((await ann.GetHtmlAsync($"/listen/{id}/library?q=alpha")).Html).Groups[1].Value;
        var (added, _) = await HtmxPostAsync(ann, $"/listen/{id}/queue", [new("track_id", track)]);
        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        var pushed = await TextsUntilAsync(socket, t => t.Contains("#listen-queue", StringComparison.Ordinal) && t.Contains("queue-item", StringComparison.Ordinal));
        Assert.Contains(pushed, t => t.Contains(TestLibrary.AlphaTitle, StringComparison.Ordinal));

        var (sent, _) = await HtmxPostAsync(ann, $"/listen/{id}/messages", [new("text", "**hello** there")]);
        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        var chat = await TextsUntilAsync(socket, t => t.Contains("#listen-messages", StringComparison.Ordinal));
        using var swap = System.Text.Json.JsonDocument.Parse(chat[^1]);
        Assert.Equal("beforeend", swap.RootElement.GetProperty("swap").GetString());
        Assert.Contains("<strong>hello</strong>", swap.RootElement.GetProperty("content").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PageSocket_WhenTheSessionEnds_GetsTheNotice_ThenSessionEnded_SoAPlayerAwayFromThePageStops()
    {
        using var ann = await factory.SignedUpAsync();
        var id = await StartAsync(ann);
        await using var socket = await ann.ConnectAsync($"/ws/listen/{id}");
        await TextsUntilAsync(socket, t => t.Contains("#listen-queue", StringComparison.Ordinal));

        var (end, _) = await ann.PostFormAsync($"/listen/{id}/end", [new("confirm", "yes")], $"/listen/{id}");
        Assert.Equal(HttpStatusCode.Redirect, end.StatusCode);

        // listen.js keeps the socket in the player bar, away from the page: the notice alone would reach no one there.
        var texts = await TextsUntilAsync(socket, t => t.StartsWith("{\"type\":\"session_ended\"", StringComparison.Ordinal));
        Assert.Contains(texts, t => t.Contains("\"target\":\"#listen\"", StringComparison.Ordinal) && t.Contains("data-ended", StringComparison.Ordinal));
        using var ended = System.Text.Json.JsonDocument.Parse(texts[^1]);
        Assert.Equal(Guid.Parse(id), ended.RootElement.GetProperty("payload").GetProperty("session_id").GetGuid());
    }

    /// <summary>Raw texts from <paramref name="socket"/> up to and including the first that matches (swaps and JSON envelopes alike).</summary>
    [Fact]
    public async Task Forms_BadInput_AnswerTheReasonInPlace_AndChangeNothing()
    {
        using var ann = await factory.SignedUpAsync();
        var id = await StartAsync(ann);
        var session = Guid.Parse(id);
        var track = TrackId().Match((await ann.GetHtmlAsync($"/listen/{id}/library?q=alpha")).Html).Groups[1].Value;
        Assert.Equal(HttpStatusCode.OK, (await HtmxPostAsync(ann, $"/listen/{id}/queue", [new("track_id", track)])).Response.StatusCode);
        var item = await factory.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.QueueItems.Where(i => i.SessionId == session)));

        (string Action, KeyValuePair<string, string>[] Fields, HttpStatusCode Status, string Says)[] cases =
        [
            ($"/listen/{id}/queue", [new("track_id", "not-an-id")], HttpStatusCode.BadRequest, "Choose a track"),
            ($"/listen/{id}/queue", [new("track_id", Guid.NewGuid().ToString())], HttpStatusCode.BadRequest, "no track with that id"),
            ($"/listen/{id}/queue", [new("album", "No Such Album")], HttpStatusCode.NotFound, "no such album"),
            ($"/listen/{id}/queue/{item.Id}/move", [new("direction", "sideways")], HttpStatusCode.BadRequest, "direction must be up or down"),
            ($"/listen/{id}/queue/{Guid.NewGuid()}/remove", [new("from", "page")], HttpStatusCode.NotFound, ""),
            ($"/listen/{id}/settings", [new("guests_queue", "maybe")], HttpStatusCode.BadRequest, "must be true or false"),
            ($"/listen/{id}/messages", [new("text", new string('x', 2001))], HttpStatusCode.BadRequest, ""),
            ($"/listen/{id}/messages", [new("text", "   ")], HttpStatusCode.BadRequest, ""),
        ];
        // (A lone surrogate cannot travel in a UTF-8 form: the browser sends U+FFFD, which is text; the API's escaped
        // "\ud800" is refused by ListenApiTests and ListenSocketTests.)
        foreach (var (action, fields, status, says) in cases)
        {
            var (response, body) = await HtmxPostAsync(ann, action, fields);
            Assert.True(status == response.StatusCode, $"{action} {string.Join('&', fields.Select(f => f.Key + "=" + f.Value[..Math.Min(12, f.Value.Length)]))}: expected {status}, got {response.StatusCode}: {body}");
            Assert.Contains(says, body, StringComparison.OrdinalIgnoreCase);
        }

        // Nothing changed: the one queued track where it was, the switches off, no chat message.
        var (items, settings, messages) = await factory.WithDbAsync(async db => (
            db.QueueItems.Where(i => i.SessionId == session).Select(i => new { i.Id, i.Position }).ToList(),
            db.ListenSessions.Where(s => s.Id == session).Select(s => new { s.GuestsControlQueue, s.GuestsControlPlayback }).Single(),
            db.ListenMessages.Count(m => m.SessionId == session)));
        Assert.Equal(item.Id, Assert.Single(items).Id);
        Assert.Equal(0, items[0].Position);
        Assert.False(settings.GuestsControlQueue || settings.GuestsControlPlayback);
        Assert.Equal(0, messages);
    }

    private static async Task<List<string>> TextsUntilAsync(TestSocket socket, Func<string, bool> done)
    {
        var texts = new List<string>();
        using var timeout = new CancellationTokenSource(TestSocket.Patience);
        var buffer = new byte[64 * 1024];
        while (true)
        {
            using var message = new MemoryStream();
            System.Net.WebSockets.ValueWebSocketReceiveResult result;
            do
            {
                result = await socket.Socket.ReceiveAsync(buffer.AsMemory(), timeout.Token);
                Assert.True(result.MessageType != System.Net.WebSockets.WebSocketMessageType.Close,
                    $"socket closed ({socket.Socket.CloseStatus} {socket.Socket.CloseStatusDescription}) after: {string.Join("\n", texts)}");
                message.Write(buffer, 0, result.Count);
            }
            while (!result.EndOfMessage);
            var text = System.Text.Encoding.UTF8.GetString(message.ToArray());
            texts.Add(text);
            if (done(text)) return texts;
        }
    }

    private static async Task<string> StartAsync(TestBrowser browser)
    {
        var (response, html) = await browser.PostFormAsync("/listen/sessions", [], "/listen");
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"start answered {(int)response.StatusCode}: {html}");
        var match = SessionLocation().Match(response.Headers.Location!.ToString());
        Assert.True(match.Success, "unexpected redirect " + response.Headers.Location);
        return match.Groups[1].Value;
    }

    /// <summary>Posts as the session page's htmx controls do: HX-Request, the token in the inherited header.</summary>
    private static async Task<(HttpResponseMessage Response, string Body)> HtmxPostAsync(TestBrowser browser, string action, IEnumerable<KeyValuePair<string, string>> fields)
    {
        var token = await browser.TokenFromAsync("/listen");
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(action, UriKind.Relative)) { Content = new FormUrlEncodedContent(fields) };
        request.Headers.Add("HX-Request", "true");
        request.Headers.Add("RequestVerificationToken", token);
        var response = await browser.Client.SendAsync(request);
        return (response, await response.Content.ReadAsStringAsync());
    }

    /// <summary>An element for the host and co-hosts (data-needs="manage") that is not hidden.</summary>
    [GeneratedRegex("<[^>]*data-needs=\"manage\"(?![^>]*\\shidden)[^>]*>")]
    private static partial Regex VisibleManageControl();

    [GeneratedRegex("^/listen/([0-9a-f]{32})$")]
    private static partial Regex SessionLocation();

    [GeneratedRegex("data-testid=\"invite-code\">([A-Z2-9]{6})<")]
    private static partial Regex Code();

    [GeneratedRegex("&quot;track_id&quot;:&quot;([0-9a-f]{32})&quot;")]
    private static partial Regex TrackId();

    [GeneratedRegex("name=\"track_id\" value=\"([0-9a-f]{32})\"")]
    private static partial Regex ListenTogetherTrack();
}
