using System.Net;
using System.Text.Json;
using Meurs.Tests.Web.Support;

namespace Meurs.Tests.Web.Listening;

/// <summary>The REST protocol for programs: sessions, the queue, requests and approvals, playback, roles, log and chat.</summary>
public sealed class ListenApiTests(ListenFixture fixture) : IClassFixture<ListenFixture>
{
    private readonly ListenScene scene = fixture.Scene;

    [Fact]
    public async Task Start_WithATrack_AnswersCodePlaylistAndPausedState()
    {
        var host = await scene.UserAsync("h");
        var alpha = await scene.TrackAsync(TestLibrary.AlphaPath);

        var session = await scene.StartAsync(host, new { track_id = alpha });

        var code = session.GetProperty("code").GetString()!;
        Assert.Equal(6, code.Length);
        Assert.All(code, c => Assert.Contains(c, Meurs.Web.Features.Listening.SessionCode.Alphabet));
        var playlist = session.GetProperty("playlist").EnumerateArray().ToList();
        var track = Assert.Single(playlist);
        Assert.Equal(alpha, track.GetProperty("track_id").GetGuid());
        Assert.Equal(TestLibrary.AlphaTitle, track.GetProperty("title").GetString());
        Assert.Equal(host.Name, track.GetProperty("added_by").GetString());
        var state = session.GetProperty("playback_state");
        Assert.Equal("paused", state.GetProperty("state").GetString());
        Assert.Equal(track.GetProperty("item_id").GetGuid(), state.GetProperty("item_id").GetGuid());
        Assert.Equal(alpha, state.GetProperty("track_id").GetGuid());
        Assert.Equal(0, state.GetProperty("position_ms").GetInt64());
        Assert.Equal("host", session.GetProperty("role").GetString());

        var id = session.GetProperty("session_id").GetGuid();
        var viewed = await scene.ExpectAsync("GET", $"/api/listen/sessions/{id}", host.Token, null, HttpStatusCode.OK);
        Assert.Equal(code, viewed.GetProperty("code").GetString());
        var mine = await scene.ExpectAsync("GET", "/api/listen/sessions", host.Token, null, HttpStatusCode.OK);
        Assert.Contains(mine.GetProperty("sessions").EnumerateArray(), s => s.GetProperty("session_id").GetGuid() == id);
    }

    [Fact]
    public async Task Start_WithNothing_IsEmpty_AndWithAnAlbum_QueuesItsTracks()
    {
        var host = await scene.UserAsync("h");

        var empty = await scene.StartAsync(host);
        Assert.Empty(empty.GetProperty("playlist").EnumerateArray());
        Assert.Equal(JsonValueKind.Null, empty.GetProperty("playback_state").GetProperty("item_id").ValueKind);

        var album = await scene.StartAsync(host, new { album = TestLibrary.TaggedAlbum.ToUpperInvariant(), artist = TestLibrary.TaggedArtist });
        var track = Assert.Single(album.GetProperty("playlist").EnumerateArray());
        Assert.Equal(TestLibrary.TaggedTitle, track.GetProperty("title").GetString());
        Assert.Equal(TestLibrary.TaggedAlbum, track.GetProperty("album").GetString());

        ListenScene.Problem(await scene.SendAsync("POST", "/api/listen/sessions", host.Token, new { album = "No Such Album" }), HttpStatusCode.BadRequest);
        ListenScene.Problem(await scene.SendAsync("POST", "/api/listen/sessions", host.Token, new { album = TestLibrary.TaggedAlbum, artist = "Somebody Else" }), HttpStatusCode.BadRequest);
        ListenScene.Problem(await scene.SendAsync("POST", "/api/listen/sessions", host.Token, new { track_id = Guid.NewGuid() }), HttpStatusCode.BadRequest);
        ListenScene.Problem(await scene.SendAsync("POST", "/api/listen/sessions", host.Token, new { track_id = await scene.TrackAsync(TestLibrary.AlphaPath), album = "x" }), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Join_ByCodeInAnyCase_MakesAGuest_UnknownCodeIs404()
    {
        var host = await scene.UserAsync("h");
        var guest = await scene.UserAsync("g");
        var session = await scene.StartAsync(host);
        var code = session.GetProperty("code").GetString()!;

        var joined = await scene.ExpectAsync("POST", $"/api/listen/sessions/{code.ToLowerInvariant()}/join", guest.Token, null, HttpStatusCode.OK);

        Assert.Equal("guest", joined.GetProperty("role").GetString());
        Assert.Contains(joined.GetProperty("listeners").EnumerateArray(), l => l.GetProperty("name").GetString() == guest.Name && l.GetProperty("role").GetString() == "guest");
        // Joining again is a join, not a second membership.
        await scene.ExpectAsync("POST", $"/api/listen/sessions/{code}/join", guest.Token, null, HttpStatusCode.OK);
        ListenScene.Problem(await scene.SendAsync("POST", "/api/listen/sessions/ZZZZZ2/join", guest.Token), HttpStatusCode.NotFound);
        ListenScene.Problem(await scene.SendAsync("POST", "/api/listen/sessions/0OIL1!/join", guest.Token), HttpStatusCode.NotFound);
        // A session not in a call is never joined by its id.
        var outsider = await scene.UserAsync("o");
        ListenScene.Problem(await scene.SendAsync("POST", $"/api/listen/sessions/{session.GetProperty("session_id").GetGuid()}/join", outsider.Token), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task NonMember_GetsNotFound_Everywhere()
    {
        var host = await scene.UserAsync("h");
        var stranger = await scene.UserAsync("s");
        var id = await scene.SessionAsync(host);
        var item = (await scene.ItemsAsync(id, host))[0];

        foreach (var (method, path, body) in new (string, string, object?)[]
        {
            ("GET", $"/api/listen/sessions/{id}", null),
            ("GET", $"/api/listen/sessions/{id}/playlist", null),
            ("POST", $"/api/listen/sessions/{id}/playlist", new { track_id = await scene.TrackAsync(TestLibrary.AlphaPath) }),
            ("PATCH", $"/api/listen/sessions/{id}/playlist/{item}", new { new_position = 1 }),
            ("DELETE", $"/api/listen/sessions/{id}/playlist/{item}", null),
            ("GET", $"/api/listen/sessions/{id}/requests", null),
            ("POST", $"/api/listen/sessions/{id}/playback", new { action = "play" }),
            ("PATCH", $"/api/listen/sessions/{id}/settings", new { guests_control_queue = true }),
            ("PUT", $"/api/listen/sessions/{id}/members/{stranger.Id}/role", new { role = "cohost" }),
            ("GET", $"/api/listen/sessions/{id}/log", null),
            ("GET", $"/api/listen/sessions/{id}/messages", null),
            ("POST", $"/api/listen/sessions/{id}/messages", new { content = "hi" }),
            ("POST", $"/api/listen/sessions/{id}/leave", null),
            ("DELETE", $"/api/listen/sessions/{id}", null),
            ("GET", "/api/listen/sessions/not-an-id", null),
        })
        {
            var response = await scene.SendAsync(method, path, stranger.Token, body);
            Assert.True(response.Status == HttpStatusCode.NotFound, $"{method} {path} answered {(int)response.Status}");
        }
        Assert.Equal(2, (await scene.ItemsAsync(id, host)).Count);
        Assert.Equal(HttpStatusCode.Unauthorized, (await scene.Api.GetAsync($"/api/listen/sessions/{id}")).Status);
    }

    [Fact]
    public async Task GuestAdd_BecomesARequest_HostApproves_AppliedOnce_ApprovingTwiceIsRefused()
    {
        var host = await scene.UserAsync("h");
        var guest = await scene.UserAsync("g");
        var id = await scene.SessionAsync(host, guest);
        var tagged = await scene.TrackAsync(TestLibrary.TaggedPath);

        var request = await scene.ExpectAsync("POST", $"/api/listen/sessions/{id}/playlist", guest.Token, new { track_id = tagged }, HttpStatusCode.Accepted);

        Assert.Equal("add", request.GetProperty("request_type").GetString());
        Assert.Equal("pending", request.GetProperty("status").GetString());
        Assert.Equal(guest.Name, request.GetProperty("requester").GetString());
        Assert.Equal(TestLibrary.TaggedTitle, request.GetProperty("title").GetString());
        Assert.Equal(tagged, request.GetProperty("payload").GetProperty("track_id").GetGuid());
        Assert.Equal(2, (await scene.ItemsAsync(id, host)).Count);
        var requestId = request.GetProperty("request_id").GetGuid();
        var listed = await scene.ExpectAsync("GET", $"/api/listen/sessions/{id}/requests", guest.Token, null, HttpStatusCode.OK);
        Assert.Equal(requestId, listed.GetProperty("requests")[0].GetProperty("request_id").GetGuid());

        // The guest cannot decide, the host can, once.
        ListenScene.Problem(await scene.SendAsync("POST", $"/api/listen/requests/{requestId}/approve", guest.Token), HttpStatusCode.Forbidden);
        var approved = await scene.ExpectAsync("POST", $"/api/listen/requests/{requestId}/approve", host.Token, new { reason = "good one" }, HttpStatusCode.OK);
        Assert.Equal("approved", approved.GetProperty("status").GetString());
        Assert.Equal("good one", approved.GetProperty("reason").GetString());
        ListenScene.Problem(await scene.SendAsync("POST", $"/api/listen/requests/{requestId}/approve", host.Token), HttpStatusCode.Conflict);
        ListenScene.Problem(await scene.SendAsync("POST", $"/api/listen/requests/{requestId}/deny", host.Token), HttpStatusCode.Conflict);

        var playlist = await scene.ExpectAsync("GET", $"/api/listen/sessions/{id}/playlist", guest.Token, null, HttpStatusCode.OK);
        var tracks = playlist.GetProperty("playlist").EnumerateArray().ToList();
        Assert.Equal(3, tracks.Count);
        Assert.Equal(tagged, tracks[2].GetProperty("track_id").GetGuid());
        Assert.Equal(guest.Name, tracks[2].GetProperty("added_by").GetString());
        var log = await scene.ExpectAsync("GET", $"/api/listen/sessions/{id}/log", guest.Token, null, HttpStatusCode.OK);
        var actions = log.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("action").GetString()).ToList();
        Assert.Contains("request.made", actions);
        Assert.Contains("request.approved", actions);
        Assert.Contains("queue.added", actions);
        Assert.Equal(1, actions.Count(a => a == "request.approved"));
    }

    [Fact]
    public async Task ApproveRace_TwoAtOnce_AppliesOnce()
    {
        var host = await scene.UserAsync("h");
        var guest = await scene.UserAsync("g");
        var id = await scene.SessionAsync(host, guest);
        await scene.ExpectAsync("PUT", $"/api/listen/sessions/{id}/members/{guest.Id}/role", host.Token, new { role = "guest" }, HttpStatusCode.OK);
        var request = await scene.ExpectAsync("POST", $"/api/listen/sessions/{id}/playlist", guest.Token, new { track_id = await scene.TrackAsync(TestLibrary.TaggedPath) }, HttpStatusCode.Accepted);
        var requestId = request.GetProperty("request_id").GetGuid();

        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => scene.SendAsync("POST", $"/api/listen/requests/{requestId}/approve", host.Token)));

        Assert.Equal(1, answers.Count(a => a.Status == HttpStatusCode.OK));
        Assert.Equal(3, answers.Count(a => a.Status == HttpStatusCode.Conflict));
        Assert.Equal(3, (await scene.ItemsAsync(id, host)).Count);
    }

    [Fact]
    public async Task Requests_OfAnotherSession_OrUnknown_AreNotFound()
    {
        var host = await scene.UserAsync("h");
        var otherHost = await scene.UserAsync("o");
        var guest = await scene.UserAsync("g");
        var id = await scene.SessionAsync(host, guest);
        await scene.SessionAsync(otherHost);
        var request = await scene.ExpectAsync("POST", $"/api/listen/sessions/{id}/playlist", guest.Token, new { track_id = await scene.TrackAsync(TestLibrary.TaggedPath) }, HttpStatusCode.Accepted);
        var requestId = request.GetProperty("request_id").GetGuid();

        ListenScene.Problem(await scene.SendAsync("POST", $"/api/listen/requests/{requestId}/approve", otherHost.Token), HttpStatusCode.NotFound);
        ListenScene.Problem(await scene.SendAsync("POST", $"/api/listen/requests/{requestId}/deny", otherHost.Token), HttpStatusCode.NotFound);
        ListenScene.Problem(await scene.SendAsync("POST", $"/api/listen/requests/{Guid.NewGuid()}/approve", host.Token), HttpStatusCode.NotFound);
        ListenScene.Problem(await scene.SendAsync("POST", "/api/listen/requests/nope/approve", host.Token), HttpStatusCode.NotFound);
        var listed = await scene.ExpectAsync("GET", $"/api/listen/sessions/{id}/requests", host.Token, null, HttpStatusCode.OK);
        Assert.Equal("pending", listed.GetProperty("requests")[0].GetProperty("status").GetString());
    }

    [Fact]
    public async Task Deny_WithAReason_ChangesNothing_ReasonTooLongIsRefused()
    {
        var host = await scene.UserAsync("h");
        var guest = await scene.UserAsync("g");
        var id = await scene.SessionAsync(host, guest);
        var item = (await scene.ItemsAsync(id, host))[0];
        var request = await scene.ExpectAsync("DELETE", $"/api/listen/sessions/{id}/playlist/{item}", guest.Token, null, HttpStatusCode.Accepted);
        var requestId = request.GetProperty("request_id").GetGuid();
        Assert.Equal("remove", request.GetProperty("request_type").GetString());
        Assert.Equal(item, request.GetProperty("payload").GetProperty("item_id").GetGuid());

        ListenScene.Problem(await scene.SendAsync("POST", $"/api/listen/requests/{requestId}/deny", host.Token, new { reason = new string('x', 201) }), HttpStatusCode.BadRequest);
        ListenScene.Problem(await scene.SendRawAsync("POST", $"/api/listen/requests/{requestId}/deny", host.Token, "{\"reason\":\"\\ud800\"}"), HttpStatusCode.BadRequest);
        ListenScene.Problem(await scene.SendAsync("POST", $"/api/listen/requests/{requestId}/deny", host.Token, new { reason = 5 }), HttpStatusCode.BadRequest);
        var denied = await scene.ExpectAsync("POST", $"/api/listen/requests/{requestId}/deny", host.Token, new { reason = "we like it" }, HttpStatusCode.OK);

        Assert.Equal("denied", denied.GetProperty("status").GetString());
        Assert.Equal("we like it", denied.GetProperty("reason").GetString());
        Assert.Equal(2, (await scene.ItemsAsync(id, host)).Count);
    }

    [Fact]
    public async Task GuestPowers_FollowTheSwitches()
    {
        var host = await scene.UserAsync("h");
        var guest = await scene.UserAsync("g");
        var id = await scene.SessionAsync(host, guest);
        var alpha = await scene.TrackAsync(TestLibrary.AlphaPath);

        ListenScene.Problem(await scene.SendAsync("POST", $"/api/listen/sessions/{id}/playback", guest.Token, new { action = "pause" }), HttpStatusCode.Forbidden);
        ListenScene.Problem(await scene.SendAsync("PATCH", $"/api/listen/sessions/{id}/settings", guest.Token, new { guests_control_playback = true }), HttpStatusCode.Forbidden);

        var settings = await scene.ExpectAsync("PATCH", $"/api/listen/sessions/{id}/settings", host.Token, new { guests_control_queue = true, guests_control_playback = true }, HttpStatusCode.OK);
        Assert.True(settings.GetProperty("guests_control_queue").GetBoolean());
        Assert.True(settings.GetProperty("guests_control_playback").GetBoolean());

        var added = await scene.ExpectAsync("POST", $"/api/listen/sessions/{id}/playlist", guest.Token, new { track_id = alpha }, HttpStatusCode.Created);
        Assert.Equal(2, added.GetProperty("position").GetInt32());
        var state = await scene.ExpectAsync("POST", $"/api/listen/sessions/{id}/playback", guest.Token, new { action = "seek", position_ms = 50 }, HttpStatusCode.OK);
        Assert.Equal(50, state.GetProperty("position_ms").GetInt64());

        await scene.ExpectAsync("PATCH", $"/api/listen/sessions/{id}/settings", host.Token, new { guests_control_playback = false }, HttpStatusCode.OK);
        ListenScene.Problem(await scene.SendAsync("POST", $"/api/listen/sessions/{id}/playback", guest.Token, new { action = "pause" }), HttpStatusCode.Forbidden);
        // The other switch kept its value.
        await scene.ExpectAsync("POST", $"/api/listen/sessions/{id}/playlist", guest.Token, new { track_id = alpha }, HttpStatusCode.Created);
    }

    [Fact]
    public async Task Playback_SkipsAreClamped_PauseKeepsPosition_RemovingTheCurrentItemMovesOn()
    {
        var host = await scene.UserAsync("h");
        var id = await scene.SessionAsync(host);
        var items = await scene.ItemsAsync(id, host);
        string Playback(string action) => $"/api/listen/sessions/{id}/playback";

        var previous = await scene.ExpectAsync("POST", Playback("skip_prev"), host.Token, new { action = "skip_prev" }, HttpStatusCode.OK);
        Assert.Equal(items[0], previous.GetProperty("item_id").GetGuid());
        var next = await scene.ExpectAsync("POST", Playback("skip_next"), host.Token, new { action = "skip_next" }, HttpStatusCode.OK);
        Assert.Equal(items[1], next.GetProperty("item_id").GetGuid());
        var clamped = await scene.ExpectAsync("POST", Playback("skip_next"), host.Token, new { action = "skip_next" }, HttpStatusCode.OK);
        Assert.Equal(items[1], clamped.GetProperty("item_id").GetGuid());

        var sought = await scene.ExpectAsync("POST", Playback("seek"), host.Token, new { action = "seek", position_ms = 40 }, HttpStatusCode.OK);
        Assert.Equal(40, sought.GetProperty("position_ms").GetInt64());
        var paused = await scene.ExpectAsync("POST", Playback("pause"), host.Token, new { action = "pause" }, HttpStatusCode.OK);
        Assert.Equal("paused", paused.GetProperty("state").GetString());
        Assert.Equal(40, paused.GetProperty("position_ms").GetInt64());

        await scene.ExpectAsync("DELETE", $"/api/listen/sessions/{id}/playlist/{items[1]}", host.Token, null, HttpStatusCode.NoContent);
        var state = await scene.StateAsync(id, host);
        Assert.Equal(items[0], state.GetProperty("item_id").GetGuid());
        Assert.Equal(0, state.GetProperty("position_ms").GetInt64());
        Assert.Equal([items[0]], await scene.ItemsAsync(id, host));

        ListenScene.Problem(await scene.SendAsync("POST", Playback("x"), host.Token, new { action = "rewind" }), HttpStatusCode.BadRequest);
        ListenScene.Problem(await scene.SendAsync("POST", Playback("x"), host.Token, new { action = "seek" }), HttpStatusCode.BadRequest);
        ListenScene.Problem(await scene.SendAsync("POST", Playback("x"), host.Token, new { action = "seek", position_ms = "12" }), HttpStatusCode.BadRequest);
        ListenScene.Problem(await scene.SendAsync("POST", Playback("x"), host.Token, new { }), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Queue_MoveAndRemove_KeepPositionsContiguous_AndRefuseBadInput()
    {
        var host = await scene.UserAsync("h");
        var otherHost = await scene.UserAsync("o");
        var id = await scene.SessionAsync(host);
        var other = await scene.SessionAsync(otherHost);
        var tagged = await scene.TrackAsync(TestLibrary.TaggedPath);
        var added = await scene.ExpectAsync("POST", $"/api/listen/sessions/{id}/playlist", host.Token, new { track_id = tagged }, HttpStatusCode.Created);
        var items = await scene.ItemsAsync(id, host);

        var moved = await scene.ExpectAsync("PATCH", $"/api/listen/sessions/{id}/playlist/{items[2]}", host.Token, new { new_position = 0 }, HttpStatusCode.OK);
        Assert.Equal(0, moved.GetProperty("position").GetInt32());
        Assert.Equal([items[2], items[0], items[1]], await scene.ItemsAsync(id, host));
        await scene.ExpectAsync("PATCH", $"/api/listen/sessions/{id}/playlist/{items[2]}", host.Token, new { new_position = 99 }, HttpStatusCode.OK);
        Assert.Equal([items[0], items[1], items[2]], await scene.ItemsAsync(id, host));

        ListenScene.Problem(await scene.SendAsync("PATCH", $"/api/listen/sessions/{id}/playlist/{items[2]}", host.Token, new { new_position = -1 }), HttpStatusCode.BadRequest);
        ListenScene.Problem(await scene.SendAsync("PATCH", $"/api/listen/sessions/{id}/playlist/{items[2]}", host.Token, new { new_position = "1" }), HttpStatusCode.BadRequest);
        ListenScene.Problem(await scene.SendAsync("PATCH", $"/api/listen/sessions/{id}/playlist/{items[2]}", host.Token, new { }), HttpStatusCode.BadRequest);
        ListenScene.Problem(await scene.SendAsync("POST", $"/api/listen/sessions/{id}/playlist", host.Token, new { track_id = 12 }), HttpStatusCode.BadRequest);
        ListenScene.Problem(await scene.SendAsync("POST", $"/api/listen/sessions/{id}/playlist", host.Token, new { track_id = "not-an-id" }), HttpStatusCode.BadRequest);
        ListenScene.Problem(await scene.SendAsync("POST", $"/api/listen/sessions/{id}/playlist", host.Token, new { }), HttpStatusCode.BadRequest);
        ListenScene.Problem(await scene.SendAsync("POST", $"/api/listen/sessions/{id}/playlist", host.Token, new { track_id = Guid.NewGuid() }), HttpStatusCode.BadRequest);
        ListenScene.Problem(await scene.SendRawAsync("POST", $"/api/listen/sessions/{id}/playlist", host.Token, "{not json"), HttpStatusCode.BadRequest);
        ListenScene.Problem(await scene.SendRawAsync("POST", $"/api/listen/sessions/{id}/playlist", host.Token, "[]"), HttpStatusCode.BadRequest);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await scene.SendRawAsync("POST", $"/api/listen/sessions/{id}/playlist", host.Token, "x", "text/plain")).Status);
        // Another session's item, and an unknown one, are not in this queue.
        var otherItem = (await scene.ItemsAsync(other, otherHost))[0];
        ListenScene.Problem(await scene.SendAsync("DELETE", $"/api/listen/sessions/{id}/playlist/{otherItem}", host.Token), HttpStatusCode.NotFound);
        ListenScene.Problem(await scene.SendAsync("PATCH", $"/api/listen/sessions/{id}/playlist/{otherItem}", host.Token, new { new_position = 0 }), HttpStatusCode.NotFound);
        ListenScene.Problem(await scene.SendAsync("DELETE", $"/api/listen/sessions/{id}/playlist/{Guid.NewGuid()}", host.Token), HttpStatusCode.NotFound);
        Assert.Equal(2, (await scene.ItemsAsync(other, otherHost)).Count);

        await scene.ExpectAsync("DELETE", $"/api/listen/sessions/{id}/playlist/{items[1]}", host.Token, null, HttpStatusCode.NoContent);
        var playlist = await scene.ExpectAsync("GET", $"/api/listen/sessions/{id}/playlist", host.Token, null, HttpStatusCode.OK);
        Assert.Equal([0, 1], playlist.GetProperty("playlist").EnumerateArray().Select(t => t.GetProperty("position").GetInt32()));
        Assert.Equal(added.GetProperty("item_id").GetGuid(), playlist.GetProperty("playlist")[1].GetProperty("item_id").GetGuid());
    }

    [Fact]
    public async Task Limits_QueueFull_TooManyPendingRequests()
    {
        var host = await scene.UserAsync("h");
        var guest = await scene.UserAsync("g");
        var id = await scene.SessionAsync(host, guest);
        var alpha = await scene.TrackAsync(TestLibrary.AlphaPath);
        for (var i = 0; i < 3; i++)
        {
            await scene.ExpectAsync("POST", $"/api/listen/sessions/{id}/playlist", guest.Token, new { track_id = alpha }, HttpStatusCode.Accepted);
        }
        ListenScene.Problem(await scene.SendAsync("POST", $"/api/listen/sessions/{id}/playlist", guest.Token, new { track_id = alpha }), HttpStatusCode.BadRequest);

        for (var i = 0; i < 4; i++)
        {
            await scene.ExpectAsync("POST", $"/api/listen/sessions/{id}/playlist", host.Token, new { track_id = alpha }, HttpStatusCode.Created);
        }
        ListenScene.Problem(await scene.SendAsync("POST", $"/api/listen/sessions/{id}/playlist", host.Token, new { track_id = alpha }), HttpStatusCode.BadRequest);
        Assert.Equal(6, (await scene.ItemsAsync(id, host)).Count);
    }

    [Fact]
    public async Task Roles_HostPromotesACoHost_WhoDecides_NobodyTouchesTheHost()
    {
        var host = await scene.UserAsync("h");
        var cohost = await scene.UserAsync("c");
        var guest = await scene.UserAsync("g");
        var id = await scene.SessionAsync(host, cohost, guest);
        var path = (ListenUser u) => $"/api/listen/sessions/{id}/members/{u.Id}/role";

        ListenScene.Problem(await scene.SendAsync("PUT", path(cohost), guest.Token, new { role = "cohost" }), HttpStatusCode.Forbidden);
        var promoted = await scene.ExpectAsync("PUT", path(cohost), host.Token, new { role = "cohost" }, HttpStatusCode.OK);
        Assert.Equal("cohost", promoted.GetProperty("role").GetString());

        var request = await scene.ExpectAsync("POST", $"/api/listen/sessions/{id}/playlist", guest.Token, new { track_id = await scene.TrackAsync(TestLibrary.AlphaPath) }, HttpStatusCode.Accepted);
        await scene.ExpectAsync("POST", $"/api/listen/requests/{request.GetProperty("request_id").GetGuid()}/approve", cohost.Token, null, HttpStatusCode.OK);
        await scene.ExpectAsync("POST", $"/api/listen/sessions/{id}/playback", cohost.Token, new { action = "pause" }, HttpStatusCode.OK);

        ListenScene.Problem(await scene.SendAsync("PUT", path(host), cohost.Token, new { role = "guest" }), HttpStatusCode.BadRequest);
        ListenScene.Problem(await scene.SendAsync("PUT", path(guest), host.Token, new { role = "host" }), HttpStatusCode.BadRequest);
        ListenScene.Problem(await scene.SendAsync("PUT", path(guest), host.Token, new { role = "boss" }), HttpStatusCode.BadRequest);
        var stranger = await scene.UserAsync("s");
        ListenScene.Problem(await scene.SendAsync("PUT", path(stranger), host.Token, new { role = "cohost" }), HttpStatusCode.NotFound);

        await scene.ExpectAsync("PUT", path(cohost), host.Token, new { role = "guest" }, HttpStatusCode.OK);
        ListenScene.Problem(await scene.SendAsync("POST", $"/api/listen/sessions/{id}/playback", cohost.Token, new { action = "play" }), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task LeaveAndEnd_HostCannotLeave_GuestLeaves_EndedIsGone()
    {
        var host = await scene.UserAsync("h");
        var guest = await scene.UserAsync("g");
        var id = await scene.SessionAsync(host, guest);

        ListenScene.Problem(await scene.SendAsync("POST", $"/api/listen/sessions/{id}/leave", host.Token), HttpStatusCode.BadRequest);
        ListenScene.Problem(await scene.SendAsync("DELETE", $"/api/listen/sessions/{id}", guest.Token), HttpStatusCode.Forbidden);
        await scene.ExpectAsync("POST", $"/api/listen/sessions/{id}/leave", guest.Token, null, HttpStatusCode.NoContent);
        ListenScene.Problem(await scene.SendAsync("GET", $"/api/listen/sessions/{id}", guest.Token), HttpStatusCode.NotFound);

        await scene.ExpectAsync("DELETE", $"/api/listen/sessions/{id}", host.Token, null, HttpStatusCode.NoContent);
        ListenScene.Problem(await scene.SendAsync("GET", $"/api/listen/sessions/{id}", host.Token), HttpStatusCode.NotFound);
        var mine = await scene.ExpectAsync("GET", "/api/listen/sessions", host.Token, null, HttpStatusCode.OK);
        Assert.DoesNotContain(mine.GetProperty("sessions").EnumerateArray(), s => s.GetProperty("session_id").GetGuid() == id);
    }

    [Fact]
    public async Task Chat_PostsAndPages_RefusesBadText()
    {
        var host = await scene.UserAsync("h");
        var guest = await scene.UserAsync("g");
        var id = await scene.SessionAsync(host, guest);
        var path = $"/api/listen/sessions/{id}/messages";

        var first = await scene.ExpectAsync("POST", path, guest.Token, new { content = "hello 🎵" }, HttpStatusCode.Created);
        Assert.Equal(guest.Name, first.GetProperty("author").GetString());
        scene.Clock.Advance(TimeSpan.FromSeconds(1));
        await scene.ExpectAsync("POST", path, host.Token, new { content = "welcome" }, HttpStatusCode.Created);

        var all = await scene.ExpectAsync("GET", path, guest.Token, null, HttpStatusCode.OK);
        Assert.Equal(["hello 🎵", "welcome"], all.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("content").GetString()));
        var second = all.GetProperty("messages")[1].GetProperty("id").GetGuid();
        var before = await scene.ExpectAsync("GET", $"{path}?before={second}", guest.Token, null, HttpStatusCode.OK);
        Assert.Equal(["hello 🎵"], before.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("content").GetString()));

        ListenScene.Problem(await scene.SendAsync("POST", path, guest.Token, new { content = new string('a', 2001) }), HttpStatusCode.BadRequest);
        ListenScene.Problem(await scene.SendAsync("POST", path, guest.Token, new { content = "   " }), HttpStatusCode.BadRequest);
        ListenScene.Problem(await scene.SendAsync("POST", path, guest.Token, new { content = 3 }), HttpStatusCode.BadRequest);
        ListenScene.Problem(await scene.SendAsync("POST", path, guest.Token, new { }), HttpStatusCode.BadRequest);
        ListenScene.Problem(await scene.SendRawAsync("POST", path, guest.Token, "{\"content\":\"a\\udc00b\"}"), HttpStatusCode.BadRequest);
        ListenScene.Problem(await scene.SendAsync("GET", $"{path}?before=nope", guest.Token), HttpStatusCode.BadRequest);
        ListenScene.Problem(await scene.SendAsync("GET", $"{path}?limit=1000", guest.Token), HttpStatusCode.BadRequest);
        Assert.Equal(2, (await scene.ExpectAsync("GET", path, guest.Token, null, HttpStatusCode.OK)).GetProperty("messages").GetArrayLength());
    }
}
