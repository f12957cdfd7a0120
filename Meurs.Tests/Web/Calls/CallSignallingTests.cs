using System.Net.WebSockets;
using System.Text.Json;
using Meurs.Media.Sdp;
using Meurs.Tests.Media.Sdp;
using Meurs.Tests.Web.Rooms;
using Meurs.Tests.Web.Support;

namespace Meurs.Tests.Web.Calls;

/// <summary>
/// The call socket's WebRTC signalling with real browser offers (Chromium's and Firefox's, from the SDP tests):
/// publish answers, subscribe offers naming whose track each mid is, and every malformed or out-of-turn message
/// refused with the socket left open. The media itself is proven in a browser (Meurs.E2E CallMediaTests).
/// </summary>
public sealed class CallSignallingTests(MeursFactory factory) : IClassFixture<MeursFactory>
{
    [Fact]
    public async Task Publish_ChromiumOffer_IsAnsweredAsAnIceLitePassiveDtlsServer_OnlyOnce()
    {
        var (call, _, _) = await JoinAsync("pub");

        await call.SendJsonAsync(new { type = "publish", sdp = SdpTestData.Crlf(SdpTestData.ChromiumOffer), sources = new Dictionary<string, string> { ["0"] = "mic", ["1"] = "camera" } });

        var answerText = JsonRoomSocket.Str((await call.ReceiveUntilAsync(e => JsonRoomSocket.TypeOf(e) == "publish-answer"))[^1], "sdp")!;
        Assert.True(SessionDescription.TryParse(answerText, out var answer, out var error), error);
        Assert.True(answer!.IceLite);
        Assert.Equal(["0", "1", "2", "3", "4"], answer.BundleGroup!.Mids.Take(5));
        var audio = answer.FindByMid("0")!;
        Assert.Equal(SdpSetupRole.Passive, audio.Setup ?? answer.Setup);
        Assert.Equal(SdpDirection.RecvOnly, audio.Direction);
        Assert.Equal("opus", audio.GetRtpMap(int.Parse(audio.Formats[0]))!.EncodingName);
        Assert.Equal("VP8", answer.FindByMid("1")!.GetRtpMap(int.Parse(answer.FindByMid("1")!.Formats[0]))!.EncodingName);
        var candidate = Assert.Single(audio.Candidates);
        Assert.Equal("127.0.0.1", candidate.Address);
        Assert.NotNull(audio.Fingerprint ?? answer.Fingerprint);

        await call.SendJsonAsync(new { type = "publish", sdp = SdpTestData.Crlf(SdpTestData.ChromiumOffer) });
        await ExpectErrorAsync(call, "already_published");
    }

    [Fact]
    public async Task Publish_TheOthersGetASubscribeOfferNamingWhoseTrackEachMidIs()
    {
        var (first, roomId, api) = await JoinAsync("one");
        var second = await Comuni.UserAsync(api, "two");
        await api.PostAsync($"/api/comuni/rooms/{roomId}/join", "", second.Token);
        await using var secondCall = await JsonRoomSocket.ConnectAsync(factory, $"/ws/voice/{roomId}", second.Name, second.Token);
        await secondCall.ReceiveUntilAsync(e => JsonRoomSocket.TypeOf(e) == "participants");

        await secondCall.SendJsonAsync(new { type = "publish", sdp = SdpTestData.Crlf(SdpTestData.FirefoxOffer), sources = new Dictionary<string, string> { ["0"] = "mic", ["1"] = "screen" } });
        await secondCall.ReceiveUntilAsync(e => JsonRoomSocket.TypeOf(e) == "publish-answer");

        var offer = (await first.ReceiveUntilAsync(e => JsonRoomSocket.TypeOf(e) == "subscribe-offer"))[^1];
        var tracks = offer.GetProperty("tracks").EnumerateArray().ToList();
        Assert.Equal([("0", "mic", "audio"), ("1", "screen", "video")], tracks.Select(t => (t.GetProperty("mid").GetString(), t.GetProperty("source").GetString(), t.GetProperty("kind").GetString())));
        Assert.All(tracks, t => Assert.Equal(second.Name, t.GetProperty("user").GetString()));
        Assert.True(SessionDescription.TryParse(JsonRoomSocket.Str(offer, "sdp")!, out var sdp, out var error), error);
        Assert.True(sdp!.IceLite);
        Assert.All(sdp.MediaDescriptions, m => Assert.Equal(SdpDirection.SendOnly, m.Direction));
        Assert.All(sdp.MediaDescriptions, m => Assert.Single(m.Ssrcs.Select(s => s.Ssrc).Distinct()));
        // Each consumer has an SSRC of its own, not the publisher's.
        Assert.DoesNotContain(sdp.MediaDescriptions.SelectMany(m => m.Ssrcs), s => SdpTestData.FirefoxOffer.Contains($"a=ssrc:{s.Ssrc} ", StringComparison.Ordinal));

        // An answer that cannot be read is refused, and the offer stays open for a good one.
        await first.SendJsonAsync(new { type = "subscribe-answer", sdp = "v=0\r\nnot an answer" });
        await ExpectErrorAsync(first, "bad_sdp");
    }

    [Fact]
    public async Task Publish_ManySections_OnlyTheFirstFourBecomeTracks()
    {
        var (first, roomId, api) = await JoinAsync("one");
        var second = await Comuni.UserAsync(api, "many");
        await api.PostAsync($"/api/comuni/rooms/{roomId}/join", "", second.Token);
        await using var secondCall = await JsonRoomSocket.ConnectAsync(factory, $"/ws/voice/{roomId}", second.Name, second.Token);
        await secondCall.ReceiveUntilAsync(e => JsonRoomSocket.TypeOf(e) == "participants");

        await secondCall.SendJsonAsync(new { type = "publish", sdp = ManySections(12) });
        await secondCall.ReceiveUntilAsync(e => JsonRoomSocket.TypeOf(e) == "publish-answer");

        var offer = (await first.ReceiveUntilAsync(e => JsonRoomSocket.TypeOf(e) == "subscribe-offer"))[^1];
        Assert.Equal(Meurs.Web.Features.Calls.CallRouter.MaxTracksPerParticipant, offer.GetProperty("tracks").GetArrayLength());
    }

    [Fact]
    public async Task Leave_TheOthersGetAnOfferWithTheirTracksStopped_AndAloneItIsStillAValidBundledOffer()
    {
        var (ann, roomId, api) = await JoinAsync("lv");
        using var annPeer = new Meurs.Tests.Media.Transport.LoopbackPeer();
        var ben = await JoinAsync(api, roomId, "lvb");
        var cat = await JoinAsync(api, roomId, "lvc");
        await PublishAsync(ben.Call, SdpTestData.FirefoxOffer);
        await AnswerAsync(ann, annPeer);
        await PublishAsync(cat.Call, SdpTestData.ChromiumOffer);
        var both = await AnswerAsync(ann, annPeer);
        Assert.Equal([ben.Name, cat.Name], TrackUsers(both.Json).Distinct().Order());

        await cat.Call.DisposeAsync();

        var (json, sdp) = await AnswerAsync(ann, annPeer);
        Assert.Equal([ben.Name], TrackUsers(json).Distinct());
        var catMids = TrackMids(both.Json, cat.Name);
        var benMids = TrackMids(both.Json, ben.Name);
        Assert.All(catMids, mid => Assert.NotEqual(SdpDirection.SendOnly, sdp.GetDirection(sdp.FindByMid(mid)!)));
        Assert.All(catMids.Where(mid => mid != sdp.MediaDescriptions[0].Mid), mid => Assert.Equal(0, sdp.FindByMid(mid)!.Port));
        Assert.All(benMids, mid => Assert.Equal(SdpDirection.SendOnly, sdp.GetDirection(sdp.FindByMid(mid)!)));
        Assert.Superset(benMids.ToHashSet(), sdp.BundleGroup!.Mids.ToHashSet());

        // Ann alone: nothing left to receive, and still an offer a max-bundle browser accepts.
        await ben.Call.DisposeAsync();
        var (alone, aloneSdp) = await AnswerAsync(ann, annPeer);
        Assert.Empty(alone.GetProperty("tracks").EnumerateArray());
        Assert.DoesNotContain(aloneSdp.MediaDescriptions, m => aloneSdp.GetDirection(m) == SdpDirection.SendOnly);
        var tag = aloneSdp.MediaDescriptions[0];
        Assert.Equal([tag.Mid!], aloneSdp.BundleGroup!.Mids);
        Assert.NotEqual(0, tag.Port);
        Assert.NotNull(tag.IceUfrag);
        Assert.All(aloneSdp.MediaDescriptions.Skip(1), m => Assert.Equal(0, m.Port));

        // Cat comes back: her new tracks take rejected places (the offer does not grow) and play.
        await using var again = await JsonRoomSocket.ConnectAsync(factory, $"/ws/voice/{roomId}", cat.Name, cat.Token);
        await PublishAsync(again, SdpTestData.ChromiumOffer);
        var (back, backSdp) = await AnswerAsync(ann, annPeer);
        var backMids = TrackMids(back, cat.Name);
        Assert.Equal(catMids.Count, backMids.Count);
        Assert.Empty(backMids.Intersect(catMids));
        Assert.Equal(aloneSdp.MediaDescriptions.Count, backSdp.MediaDescriptions.Count);
        Assert.All(backMids, mid => Assert.Equal(SdpDirection.SendOnly, backSdp.GetDirection(backSdp.FindByMid(mid)!)));
        Assert.Superset(backMids.ToHashSet(), backSdp.BundleGroup!.Mids.ToHashSet());
    }

    [Fact]
    public async Task TwoPublishWhileAnAnswerIsPending_TheThirdEndsUpWithAllTheTracks()
    {
        var (ann, roomId, api) = await JoinAsync("pd");
        using var annPeer = new Meurs.Tests.Media.Transport.LoopbackPeer();
        var ben = await JoinAsync(api, roomId, "pdb");
        var cat = await JoinAsync(api, roomId, "pdc");

        // Ben publishes: Ann is offered his tracks and does not answer yet.
        await PublishAsync(ben.Call, SdpTestData.FirefoxOffer);
        var first = (await ann.ReceiveUntilAsync(e => JsonRoomSocket.TypeOf(e) == "subscribe-offer"))[^1];
        Assert.Equal([ben.Name], TrackUsers(first).Distinct());
        // Cat publishes while Ann's answer is pending: no second offer may cross it (one offer is out at a time).
        await PublishAsync(cat.Call, SdpTestData.ChromiumOffer);
        await cat.Call.SendJsonAsync(new { type = "state", muted = true, deafened = false, camera = false, screen = false });
        await ann.ReceiveUntilAsync(e => JsonRoomSocket.TypeOf(e) == "participants" && e.GetProperty("participants").EnumerateArray().Any(p => p.GetProperty("muted").GetBoolean()));
        Assert.Single(ann.Received, e => JsonRoomSocket.TypeOf(e) == "subscribe-offer");

        var firstSdp = Parse(first);
        await ann.SendJsonAsync(new { type = "subscribe-answer", sdp = CallMediaHarness.Answer(firstSdp, annPeer) });

        // The queued change follows the answer: Ann ends up with everyone's tracks.
        var (json, sdp) = await AnswerAsync(ann, annPeer);
        Assert.Equal([ben.Name, cat.Name], TrackUsers(json).Distinct().Order());
        Assert.All(json.GetProperty("tracks").EnumerateArray(), t => Assert.Equal(SdpDirection.SendOnly, sdp.GetDirection(sdp.FindByMid(t.GetProperty("mid").GetString()!)!)));
        Assert.True(sdp.Origin.SessionVersion > firstSdp.Origin.SessionVersion);
    }

    private async Task<(JsonRoomSocket Call, string Name, string Token)> JoinAsync(ApiClient api, string roomId, string prefix)
    {
        var user = await Comuni.UserAsync(api, prefix);
        await api.PostAsync($"/api/comuni/rooms/{roomId}/join", "", user.Token);
        var call = await JsonRoomSocket.ConnectAsync(factory, $"/ws/voice/{roomId}", user.Name, user.Token);
        await call.ReceiveUntilAsync(e => JsonRoomSocket.TypeOf(e) == "participants");
        return (call, user.Name, user.Token);
    }

    private static async Task PublishAsync(JsonRoomSocket call, string offer)
    {
        await call.SendJsonAsync(new { type = "publish", sdp = SdpTestData.Crlf(offer) });
        await call.ReceiveUntilAsync(e => JsonRoomSocket.TypeOf(e) == "publish-answer");
    }

    // Waits for the next subscribe offer after those already read, answers it as a browser would, and returns it.
    private static async Task<(JsonElement Json, SessionDescription Sdp)> AnswerAsync(JsonRoomSocket call, Meurs.Tests.Media.Transport.LoopbackPeer peer)
    {
        var seen = call.Received.Count(e => JsonRoomSocket.TypeOf(e) == "subscribe-offer");
        var offer = (await call.ReceiveUntilAsync(_ => call.Received.Count(e => JsonRoomSocket.TypeOf(e) == "subscribe-offer") > seen))
            .Last(e => JsonRoomSocket.TypeOf(e) == "subscribe-offer");
        var sdp = Parse(offer);
        await call.SendJsonAsync(new { type = "subscribe-answer", sdp = CallMediaHarness.Answer(sdp, peer) });
        return (offer, sdp);
    }

    private static SessionDescription Parse(JsonElement offer)
    {
        Assert.True(SessionDescription.TryParse(JsonRoomSocket.Str(offer, "sdp")!, out var sdp, out var error), error);
        return sdp!;
    }

    private static IEnumerable<string> TrackUsers(JsonElement offer) =>
        offer.GetProperty("tracks").EnumerateArray().Select(t => t.GetProperty("user").GetString()!);

    private static List<string> TrackMids(JsonElement offer, string user) =>
        [.. offer.GetProperty("tracks").EnumerateArray().Where(t => t.GetProperty("user").GetString() == user).Select(t => t.GetProperty("mid").GetString()!)];

    // Firefox's offer with its audio section repeated under new mids and SSRCs: a client asking for many tracks.
    private static string ManySections(int count)
    {
        Assert.True(SessionDescription.TryParse(SdpTestData.Crlf(SdpTestData.FirefoxOffer), out var offer, out _));
        var audio = offer!.MediaDescriptions[0].ToString();
        var mid = offer.MediaDescriptions[0].Mid!;
        var ssrc = offer.MediaDescriptions[0].Ssrcs[0].Ssrc;
        var text = offer.ToString();
        var extra = string.Concat(Enumerable.Range(100, count).Select(i =>
            audio.Replace($"a=mid:{mid}\r\n", $"a=mid:{i}\r\n", StringComparison.Ordinal).Replace($"{ssrc}", $"{ssrc + (uint)i}", StringComparison.Ordinal)));
        var bundle = offer.BundleGroup!.Mids;
        return text.Replace("a=group:BUNDLE " + string.Join(' ', bundle), "a=group:BUNDLE " + string.Join(' ', bundle.Concat(Enumerable.Range(100, count).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)))), StringComparison.Ordinal) + extra;
    }

    [Theory]
    [InlineData("{\"type\":\"publish\"}", "bad_request")]
    [InlineData("{\"type\":\"publish\",\"sdp\":42}", "bad_request")]
    [InlineData("{\"type\":\"publish\",\"sdp\":\"v=0\"}", "bad_sdp")]
    [InlineData("{\"type\":\"publish\",\"sdp\":\"hello\\r\\nworld\"}", "bad_sdp")]
    [InlineData("{\"type\":\"publish\",\"sdp\":\"v=0\",\"sources\":[\"mic\"]}", "bad_request")]
    [InlineData("{\"type\":\"publish\",\"sdp\":\"v=0\",\"sources\":{\"0\":7}}", "bad_request")]
    [InlineData("{\"type\":\"subscribe-answer\"}", "bad_request")]
    [InlineData("{\"type\":\"subscribe-answer\",\"sdp\":\"v=0\"}", "unexpected_answer")]
    public async Task BadSignalling_GetsAnErrorAndTheSocketStaysOpen(string frame, string code)
    {
        var (call, _, _) = await JoinAsync("bad");

        await call.SendTextAsync(frame);

        await ExpectErrorAsync(call, code);
        await call.SendJsonAsync(new { type = "state", muted = true, deafened = false, camera = false, screen = false });
        await call.ReceiveUntilAsync(e => JsonRoomSocket.TypeOf(e) == "participants" && e.GetProperty("participants")[0].GetProperty("muted").GetBoolean());
        Assert.Equal(WebSocketState.Open, call.Socket.State);
    }

    [Fact]
    public async Task Publish_UnknownSource_IsRefusedAndNothingIsPublished()
    {
        var (call, _, _) = await JoinAsync("src");

        await call.SendJsonAsync(new { type = "publish", sdp = SdpTestData.Crlf(SdpTestData.ChromiumOffer), sources = new Dictionary<string, string> { ["0"] = "keyboard" } });
        await ExpectErrorAsync(call, "bad_request");

        // Nothing was published, so a good offer is still accepted.
        await call.SendJsonAsync(new { type = "publish", sdp = SdpTestData.Crlf(SdpTestData.ChromiumOffer) });
        await call.ReceiveUntilAsync(e => JsonRoomSocket.TypeOf(e) == "publish-answer");
    }

    private async Task<(JsonRoomSocket Call, string RoomId, ApiClient Api)> JoinAsync(string prefix)
    {
        var api = ApiClient.For(factory);
        var owner = await Comuni.UserAsync(api, prefix);
        var roomId = await Comuni.CreateRoomAsync(api, owner);
        var call = await JsonRoomSocket.ConnectAsync(factory, $"/ws/voice/{roomId}", owner.Name, owner.Token);
        await call.ReceiveUntilAsync(e => JsonRoomSocket.TypeOf(e) == "participants");
        return (call, roomId, api);
    }

    private static async Task ExpectErrorAsync(JsonRoomSocket call, string code)
    {
        var error = (await call.ReceiveUntilAsync(e => JsonRoomSocket.TypeOf(e) == "error"))[^1];
        Assert.Equal(code, JsonRoomSocket.Str(error, "code"));
        Assert.False(string.IsNullOrWhiteSpace(JsonRoomSocket.Str(error, "detail")));
    }
}
