using System.Net;
using System.Text.Json;
using Meurs.Tests.Web.Support;

namespace Meurs.Tests.Web.Listening;

/// <summary>
/// The session sockets: <c>/api/ws/listen/{id}</c> (the original player's protocol, bearer token) and the page's
/// <c>/ws/listen/{id}</c> (cookie): what arrives on connect and in what order, every command, request_update on every
/// change to a request, and every way a message can be refused while the socket stays open.
/// </summary>
public sealed class ListenSocketTests(ListenFixture fixture) : IClassFixture<ListenFixture>
{
    private readonly ListenScene scene = fixture.Scene;

    [Fact]
    public async Task Connect_SendsPlaybackStateThenPlaylist_ThenMembers()
    {
        var host = await scene.UserAsync("h");
        var id = await scene.SessionAsync(host);
        var items = await scene.ItemsAsync(id, host);
        var alpha = await scene.ItemAsync(TestLibrary.AlphaPath);

        await using var socket = await ListenSocketClient.ConnectAsync(scene, id, host);
        var (state, playlist) = await socket.ConnectedAsync();

        Assert.Equal(items[0], state.GetProperty("item_id").GetGuid());
        Assert.Equal(alpha.Id, state.GetProperty("track_id").GetGuid());
        Assert.Equal("paused", state.GetProperty("state").GetString());
        Assert.Equal(0, state.GetProperty("position_ms").GetInt64());
        Assert.True(state.GetProperty("updated_at").GetInt64() > 1_700_000_000_000);
        Assert.Equal(alpha.DurationMs, state.GetProperty("duration_ms").GetInt64());
        var tracks = playlist.GetProperty("playlist").EnumerateArray().ToList();
        Assert.Equal(items, tracks.Select(t => t.GetProperty("item_id").GetGuid()));
        Assert.Equal(alpha.Url, tracks[0].GetProperty("audio_url").GetString());
        Assert.Equal(TestLibrary.BetaTitle, tracks[1].GetProperty("title").GetString());
        var members = await socket.PayloadAsync("listeners_update", p => p.GetProperty("listeners")[0].GetProperty("connected").GetBoolean());
        Assert.Equal(host.Name, members.GetProperty("listeners")[0].GetProperty("name").GetString());
        Assert.Equal("host", members.GetProperty("listeners")[0].GetProperty("role").GetString());
    }

    [Fact]
    public async Task Refused_BeforeTheUpgrade_NonMember404_Anonymous401()
    {
        var host = await scene.UserAsync("h");
        var stranger = await scene.UserAsync("s");
        var id = await scene.SessionAsync(host);

        Assert.Equal(404, await JsonRoomSocket.RefusedStatusAsync(scene.Factory, $"/api/ws/listen/{id}", stranger.Bearer));
        Assert.Equal(404, await JsonRoomSocket.RefusedStatusAsync(scene.Factory, $"/api/ws/listen/{Guid.NewGuid()}", host.Bearer));
        Assert.Equal(404, await JsonRoomSocket.RefusedStatusAsync(scene.Factory, "/api/ws/listen/not-an-id", host.Bearer));
        Assert.Equal(401, await JsonRoomSocket.RefusedStatusAsync(scene.Factory, $"/api/ws/listen/{id}", null));
        Assert.Equal(401, await TestSocket.RefusedStatusAsync(scene.Factory, $"/ws/listen/{id}", null));
    }

    [Fact]
    public async Task Clock_IsAnsweredAtOnce_ToTheSenderAlone_OnBothProtocols()
    {
        using var browser = await scene.Factory.SignedUpAsync("p");
        var pageToken = await scene.Api.TokenForAsync(browser.UserName);
        var host = await scene.UserAsync("h");
        var id = await scene.SessionAsync(host);
        var code = (await scene.ExpectAsync("GET", $"/api/listen/sessions/{id}", host.Token, null, HttpStatusCode.OK)).GetProperty("code").GetString();
        await scene.ExpectAsync("POST", $"/api/listen/sessions/{code}/join", pageToken, null, HttpStatusCode.OK);
        await using var api = await ListenSocketClient.ConnectAsync(scene, id, host);
        await api.ConnectedAsync();
        await using var page = await ListenSocketClient.ConnectPageAsync(scene, id, browser.CookieHeader);
        var now = scene.Clock.GetUtcNow().ToUnixTimeMilliseconds();

        await page.SendAsync("clock", new { t0 = 1234.5 });
        var answer = await page.PayloadAsync("clock");
        await api.SendAsync("clock", new { t0 = 99 });
        var own = await api.PayloadAsync("clock");

        Assert.Equal(1234.5, answer.GetProperty("t0").GetDouble());
        var t1 = answer.GetProperty("t1").GetInt64();
        Assert.True(t1 >= now && answer.GetProperty("t2").GetInt64() >= t1);
        // The host's first clock answer is its own: the page's never reached it.
        Assert.Equal(99, own.GetProperty("t0").GetDouble());
    }

    [Fact]
    public async Task Play_WaitsForEveryConnectedListener_ThenPlaysForEveryone()
    {
        var host = await scene.UserAsync("h");
        var guest = await scene.UserAsync("g");
        var id = await scene.SessionAsync(host, guest);
        await using var hostSocket = await ListenSocketClient.ConnectAsync(scene, id, host);
        await hostSocket.ConnectedAsync();
        await using var guestSocket = await ListenSocketClient.ConnectAsync(scene, id, guest);
        await guestSocket.ConnectedAsync();

        await hostSocket.SendAsync("playback_command", new { action = "play" });
        Assert.Equal("waiting", (await hostSocket.PayloadAsync("playback_state")).GetProperty("state").GetString());
        Assert.Equal("waiting", (await guestSocket.PayloadAsync("playback_state")).GetProperty("state").GetString());

        await hostSocket.SendAsync("client_state", new { state = "ready" });
        var members = await guestSocket.PayloadAsync("listeners_update", p => SyncOf(p, host.Name) == "ready");
        Assert.Null(SyncOf(members, guest.Name));
        Assert.Equal("waiting", (await scene.StateAsync(id, host)).GetProperty("state").GetString());

        await guestSocket.SendAsync("client_state", new { state = "ready", drift_ms = 0 });
        var playing = await hostSocket.PayloadAsync("playback_state");
        Assert.Equal("playing", playing.GetProperty("state").GetString());
        Assert.Equal("playing", (await guestSocket.PayloadAsync("playback_state")).GetProperty("state").GetString());
        Assert.Equal(scene.Clock.GetUtcNow().ToUnixTimeMilliseconds(), playing.GetProperty("updated_at").GetInt64());
    }

    [Fact]
    public async Task ClientState_ChangeIsPublished_DriftAloneIsNot()
    {
        var host = await scene.UserAsync("h");
        var id = await scene.SessionAsync(host);
        await using var socket = await ListenSocketClient.ConnectAsync(scene, id, host);
        await socket.ConnectedAsync();
        await socket.PayloadAsync("listeners_update", p => p.GetProperty("listeners")[0].GetProperty("connected").GetBoolean());

        await socket.SendAsync("client_state", new { state = "buffering" });
        Assert.Equal("buffering", SyncOf(await socket.PayloadAsync("listeners_update"), host.Name));
        await socket.SendAsync("client_state", new { state = "buffering", drift_ms = 12.5 });
        await socket.SendAsync("sync_ack", new { position_ms = 100, drift_ms = 3 });
        await socket.SendAsync("client_state", new { state = "correcting", drift_ms = 80 });

        // The next thing said is the change to correcting: neither the drift report nor the ack was published.
        var next = await socket.NextAsync();
        Assert.Equal("listeners_update", ListenSocketClient.TypeOf(next));
        var listener = next.GetProperty("payload").GetProperty("listeners")[0];
        Assert.Equal("correcting", listener.GetProperty("sync_state").GetString());
        Assert.Equal(80, listener.GetProperty("drift_ms").GetDouble());
    }

    [Fact]
    public async Task GuestRequest_OverTheSocket_HostApprovesAndDenies_RequestUpdateOnEveryChange()
    {
        var host = await scene.UserAsync("h");
        var guest = await scene.UserAsync("g");
        var id = await scene.SessionAsync(host, guest);
        var items = await scene.ItemsAsync(id, host);
        var tagged = await scene.TrackAsync(TestLibrary.TaggedPath);
        await using var hostSocket = await ListenSocketClient.ConnectAsync(scene, id, host);
        await hostSocket.ConnectedAsync();
        await using var guestSocket = await ListenSocketClient.ConnectAsync(scene, id, guest);
        await guestSocket.ConnectedAsync();

        await guestSocket.SendAsync("request_playlist_change", new { request_type = "add", payload = new { track_id = tagged } });
        var made = await hostSocket.PayloadAsync("request_update");
        Assert.Equal("pending", made.GetProperty("status").GetString());
        Assert.Equal("add", made.GetProperty("request_type").GetString());
        Assert.Equal(guest.Name, made.GetProperty("requester").GetString());
        Assert.Equal(TestLibrary.TaggedTitle, made.GetProperty("title").GetString());
        Assert.Equal(tagged, made.GetProperty("payload").GetProperty("track_id").GetGuid());
        Assert.Equal(JsonValueKind.Null, made.GetProperty("reason").ValueKind);
        var requestId = made.GetProperty("request_id").GetGuid();
        Assert.Equal(requestId, (await guestSocket.PayloadAsync("request_update")).GetProperty("request_id").GetGuid());

        await hostSocket.SendAsync("approve_request", new { request_id = requestId });
        var playlist = await guestSocket.PayloadAsync("playlist_update");
        Assert.Equal(3, playlist.GetProperty("playlist").GetArrayLength());
        var approved = await guestSocket.PayloadAsync("request_update");
        Assert.Equal("approved", approved.GetProperty("status").GetString());
        Assert.Equal(requestId, approved.GetProperty("request_id").GetGuid());

        await hostSocket.SendAsync("approve_request", new { request_id = requestId });
        Assert.Equal("conflict", await hostSocket.ErrorAsync());

        await guestSocket.SendAsync("request_playlist_change", new { request_type = "reorder", payload = new { item_id = items[1], new_position = 0 } });
        var reorder = await hostSocket.PayloadAsync("request_update", p => p.GetProperty("request_type").GetString() == "reorder");
        Assert.Equal(0, reorder.GetProperty("payload").GetProperty("new_position").GetInt32());
        await hostSocket.SendAsync("deny_request", new { request_id = reorder.GetProperty("request_id").GetGuid(), reason = "keep the order" });
        var denied = await guestSocket.PayloadAsync("request_update", p => p.GetProperty("status").GetString() == "denied");
        Assert.Equal("keep the order", denied.GetProperty("reason").GetString());
        Assert.Equal(items, (await scene.ItemsAsync(id, host)).Take(2));

        await guestSocket.SendAsync("request_playlist_change", new { request_type = "remove", payload = new { item_id = items[0] } });
        var removal = await hostSocket.PayloadAsync("request_update", p => p.GetProperty("request_type").GetString() == "remove");
        await hostSocket.SendAsync("approve_request", new { request_id = removal.GetProperty("request_id").GetGuid(), reason = "ok" });
        var after = await guestSocket.PayloadAsync("playlist_update");
        Assert.DoesNotContain(after.GetProperty("playlist").EnumerateArray(), t => t.GetProperty("item_id").GetGuid() == items[0]);
        var moved = await guestSocket.PayloadAsync("playback_state");
        Assert.Equal(items[1], moved.GetProperty("item_id").GetGuid());
    }

    [Fact]
    public async Task HostCommands_ChangeTheQueueDirectly_AndPlayback_AndChat()
    {
        var host = await scene.UserAsync("h");
        var guest = await scene.UserAsync("g");
        var id = await scene.SessionAsync(host, guest);
        var items = await scene.ItemsAsync(id, host);
        await using var hostSocket = await ListenSocketClient.ConnectAsync(scene, id, host);
        await hostSocket.ConnectedAsync();
        await using var guestSocket = await ListenSocketClient.ConnectAsync(scene, id, guest);
        await guestSocket.ConnectedAsync();

        await hostSocket.SendAsync("request_playlist_change", new { request_type = "reorder", payload = new { item_id = items[1], new_position = 0 } });
        var reordered = await guestSocket.PayloadAsync("playlist_update");
        Assert.Equal([items[1], items[0]], reordered.GetProperty("playlist").EnumerateArray().Select(t => t.GetProperty("item_id").GetGuid()));
        var log = await guestSocket.PayloadAsync("session_log");
        Assert.Equal("queue.moved", log.GetProperty("action").GetString());
        Assert.Equal(host.Name, log.GetProperty("actor").GetString());

        await hostSocket.SendAsync("playback_command", new { action = "seek", position_ms = 30 });
        Assert.Equal(30, (await guestSocket.PayloadAsync("playback_state")).GetProperty("position_ms").GetInt64());
        // The current item is now the last: skipping on is clamped, back goes to the one moved first.
        await hostSocket.SendAsync("playback_command", new { action = "skip_next" });
        Assert.Equal(items[0], (await guestSocket.PayloadAsync("playback_state")).GetProperty("item_id").GetGuid());
        await hostSocket.SendAsync("playback_command", new { action = "skip_prev" });
        Assert.Equal(items[1], (await guestSocket.PayloadAsync("playback_state")).GetProperty("item_id").GetGuid());

        await guestSocket.SendAsync("chat_message", new { content = "nice track" });
        var chat = await hostSocket.PayloadAsync("chat_message");
        Assert.Equal("nice track", chat.GetProperty("content").GetString());
        Assert.Equal(guest.Name, chat.GetProperty("author").GetString());

        await hostSocket.SendAsync("request_playlist_change", new { request_type = "add", payload = new { track_id = await scene.TrackAsync(TestLibrary.AlphaPath) } });
        Assert.Equal(3, (await guestSocket.PayloadAsync("playlist_update")).GetProperty("playlist").GetArrayLength());
        await hostSocket.SendAsync("request_playlist_change", new { request_type = "remove", payload = new { item_id = items[0] } });
        Assert.Equal(2, (await guestSocket.PayloadAsync("playlist_update")).GetProperty("playlist").GetArrayLength());
    }

    [Fact]
    public async Task Guest_WithoutThePower_IsForbidden()
    {
        var host = await scene.UserAsync("h");
        var guest = await scene.UserAsync("g");
        var id = await scene.SessionAsync(host, guest);
        await using var socket = await ListenSocketClient.ConnectAsync(scene, id, guest);
        await socket.ConnectedAsync();

        await socket.SendAsync("playback_command", new { action = "play" });
        Assert.Equal("forbidden", await socket.ErrorAsync());
        await socket.SendAsync("approve_request", new { request_id = Guid.NewGuid() });
        Assert.Equal("forbidden", await socket.ErrorAsync());
        Assert.Equal("paused", (await scene.StateAsync(id, host)).GetProperty("state").GetString());
    }

    [Theory]
    [InlineData("{not json", "bad_json")]
    [InlineData("[1,2]", "bad_request")]
    [InlineData("{\"payload\":{}}", "bad_request")]
    [InlineData("{\"type\":\"dance\",\"payload\":{}}", "unknown_type")]
    [InlineData("{\"type\":\"playback_command\"}", "bad_request")]
    [InlineData("{\"type\":\"playback_command\",\"payload\":\"play\"}", "bad_request")]
    [InlineData("{\"type\":\"playback_command\",\"payload\":{\"action\":5}}", "bad_request")]
    [InlineData("{\"type\":\"playback_command\",\"payload\":{\"action\":\"rewind\"}}", "bad_request")]
    [InlineData("{\"type\":\"playback_command\",\"payload\":{\"action\":\"seek\"}}", "bad_request")]
    [InlineData("{\"type\":\"playback_command\",\"payload\":{\"action\":\"seek\",\"position_ms\":\"10\"}}", "bad_request")]
    [InlineData("{\"type\":\"chat_message\",\"payload\":{\"content\":\"a\\ud800\"}}", "bad_json")]
    [InlineData("{\"type\":\"chat_message\",\"payload\":{\"content\":\"   \"}}", "bad_request")]
    [InlineData("{\"type\":\"approve_request\",\"payload\":{\"request_id\":\"nope\"}}", "bad_request")]
    [InlineData("{\"type\":\"approve_request\",\"payload\":{}}", "bad_request")]
    [InlineData("{\"type\":\"deny_request\",\"payload\":{\"request_id\":\"00000000-0000-0000-0000-000000000001\"}}", "not_found")]
    [InlineData("{\"type\":\"client_state\",\"payload\":{\"state\":\"dancing\"}}", "bad_request")]
    [InlineData("{\"type\":\"client_state\",\"payload\":{\"state\":\"ready\",\"drift_ms\":\"x\"}}", "bad_request")]
    [InlineData("{\"type\":\"clock\",\"payload\":{}}", "bad_request")]
    [InlineData("{\"type\":\"request_playlist_change\",\"payload\":{\"request_type\":\"swap\",\"payload\":{}}}", "bad_request")]
    [InlineData("{\"type\":\"request_playlist_change\",\"payload\":{\"request_type\":\"add\",\"payload\":{}}}", "bad_request")]
    [InlineData("{\"type\":\"request_playlist_change\",\"payload\":{\"request_type\":\"add\",\"payload\":{\"track_id\":\"00000000-0000-0000-0000-000000000001\"}}}", "bad_request")]
    [InlineData("{\"type\":\"request_playlist_change\",\"payload\":{\"request_type\":\"remove\",\"payload\":{\"item_id\":\"00000000-0000-0000-0000-000000000001\"}}}", "not_found")]
    [InlineData("{\"type\":\"request_playlist_change\",\"payload\":{\"request_type\":\"reorder\",\"payload\":{\"item_id\":\"00000000-0000-0000-0000-000000000001\",\"new_position\":-2}}}", "bad_request")]
    public async Task BadMessage_IsRefusedWithItsCode_AndTheSocketStaysOpen(string message, string code)
    {
        var host = await scene.UserAsync("h");
        var id = await scene.SessionAsync(host);
        await using var socket = await ListenSocketClient.ConnectAsync(scene, id, host);
        await socket.ConnectedAsync();

        await socket.SendRawAsync(message);
        Assert.Equal(code, await socket.ErrorAsync());

        await socket.SendAsync("clock", new { t0 = 7 });
        Assert.Equal(7, (await socket.PayloadAsync("clock")).GetProperty("t0").GetDouble());
        Assert.Equal(2, (await scene.ItemsAsync(id, host)).Count);
    }

    [Fact]
    public async Task BadMessage_TooLong_AndNestedFieldsAreNamed()
    {
        var host = await scene.UserAsync("h");
        var id = await scene.SessionAsync(host);
        await using var socket = await ListenSocketClient.ConnectAsync(scene, id, host);
        await socket.ConnectedAsync();

        await socket.SendAsync("chat_message", new { content = new string('a', 2001) });
        Assert.Equal("bad_request", await socket.ErrorAsync());
        await socket.SendAsync("deny_request", new { request_id = Guid.NewGuid(), reason = new string('r', 201) });
        Assert.Equal("bad_request", await socket.ErrorAsync());
        await socket.SendRawAsync("{\"type\":\"playback_command\",\"payload\":{\"action\":5}}");
        var error = await socket.NextAsync("error");
        Assert.Contains("payload.action", error.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Empty(await scene.ExpectAsync("GET", $"/api/listen/sessions/{id}/messages", host.Token, null, HttpStatusCode.OK) is var m ? m.GetProperty("messages").EnumerateArray() : default);
    }

    [Fact]
    public async Task AnotherSessionsRequest_ThroughThisSocket_IsNotFound()
    {
        var host = await scene.UserAsync("h");
        var guest = await scene.UserAsync("g");
        var mine = await scene.SessionAsync(host);
        var other = await scene.SessionAsync(host, guest);
        var request = await scene.ExpectAsync("POST", $"/api/listen/sessions/{other}/playlist", guest.Token, new { track_id = await scene.TrackAsync(TestLibrary.AlphaPath) }, HttpStatusCode.Accepted);
        await using var socket = await ListenSocketClient.ConnectAsync(scene, mine, host);
        await socket.ConnectedAsync();

        await socket.SendAsync("approve_request", new { request_id = request.GetProperty("request_id").GetGuid() });
        Assert.Equal("not_found", await socket.ErrorAsync());
        await socket.SendAsync("deny_request", new { request_id = request.GetProperty("request_id").GetGuid() });
        Assert.Equal("not_found", await socket.ErrorAsync());
        var otherItem = (await scene.ItemsAsync(other, host))[0];
        await socket.SendAsync("request_playlist_change", new { request_type = "remove", payload = new { item_id = otherItem } });
        Assert.Equal("not_found", await socket.ErrorAsync());

        var listed = await scene.ExpectAsync("GET", $"/api/listen/sessions/{other}/requests", host.Token, null, HttpStatusCode.OK);
        Assert.Equal("pending", listed.GetProperty("requests")[0].GetProperty("status").GetString());
        Assert.Equal(2, (await scene.ItemsAsync(other, host)).Count);
    }

    [Fact]
    public async Task PageSocket_TakesTheSameCommands_AndAnswersErrorsInJson()
    {
        using var browser = await scene.Factory.SignedUpAsync("p");
        var pageHost = new ListenUser(browser.UserName, Guid.Empty, await scene.Api.TokenForAsync(browser.UserName));
        var guest = await scene.UserAsync("g");
        var id = await scene.SessionAsync(pageHost, guest);
        await using var guestSocket = await ListenSocketClient.ConnectAsync(scene, id, guest);
        await guestSocket.ConnectedAsync();
        await using var page = await ListenSocketClient.ConnectPageAsync(scene, id, browser.CookieHeader);

        await page.SendAsync("playback_command", new { action = "seek", position_ms = 20 });
        Assert.Equal(20, (await guestSocket.PayloadAsync("playback_state")).GetProperty("position_ms").GetInt64());
        await page.SendRawAsync("{\"type\":\"playback_command\",\"payload\":{}}");
        Assert.Equal("bad_request", await page.ErrorAsync());
    }

    [Fact]
    public async Task LeaveAndEnd_CloseTheSockets_EndedIsAnnouncedFirst()
    {
        var host = await scene.UserAsync("h");
        var guest = await scene.UserAsync("g");
        var id = await scene.SessionAsync(host, guest);
        await using var hostSocket = await ListenSocketClient.ConnectAsync(scene, id, host);
        await hostSocket.ConnectedAsync();
        await using var guestSocket = await ListenSocketClient.ConnectAsync(scene, id, guest);
        await guestSocket.ConnectedAsync();

        await scene.ExpectAsync("POST", $"/api/listen/sessions/{id}/leave", guest.Token, null, HttpStatusCode.NoContent);
        Assert.NotNull(await guestSocket.Raw.ReadCloseAsync());
        var members = await hostSocket.PayloadAsync("listeners_update", p => p.GetProperty("listeners").GetArrayLength() == 1);
        Assert.Equal(host.Name, members.GetProperty("listeners")[0].GetProperty("name").GetString());

        await scene.ExpectAsync("DELETE", $"/api/listen/sessions/{id}", host.Token, null, HttpStatusCode.NoContent);
        var ended = await hostSocket.PayloadAsync("session_ended");
        Assert.Equal(id, ended.GetProperty("session_id").GetGuid());
        Assert.Equal(System.Net.WebSockets.WebSocketCloseStatus.NormalClosure, await hostSocket.Raw.ReadCloseAsync());
    }

    private static string? SyncOf(JsonElement listeners, string name) =>
        listeners.GetProperty("listeners").EnumerateArray().Single(l => l.GetProperty("name").GetString() == name)
            .GetProperty("sync_state") is { ValueKind: JsonValueKind.String } state ? state.GetString() : null;
}
