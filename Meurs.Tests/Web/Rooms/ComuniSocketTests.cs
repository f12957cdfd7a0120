using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Meurs.Tests.Web.Support;
using Meurs.Web.Features.Rooms;
using Microsoft.EntityFrameworkCore;

namespace Meurs.Tests.Web.Rooms;

/// <summary>The room as JSON: <c>/ws/comuni/{id}</c> with a bearer token.</summary>
public sealed class ComuniSocketTests(MeursFactory factory) : IClassFixture<MeursFactory>
{
    [Fact]
    public async Task Connect_RoomWithEvents_FirstFrameIsHistoryOldestFirstWithEventFields()
    {
        using var api = ApiClient.For(factory);
        var owner = await Comuni.UserAsync(api, "own");
        var guest = await Comuni.UserAsync(api, "gst");
        var roomId = await Comuni.CreateRoomAsync(api, owner);
        await using var ownerSocket = await Comuni.JoinAsync(factory, roomId, owner);
        await ownerSocket.SendChatAsync("first words");
        await ownerSocket.SendChatAsync("second words");
        await ownerSocket.ReceiveUntilChatAsync("second words");

        await using var guestSocket = await Comuni.ConnectAsync(factory, roomId, guest);
        var history = await guestSocket.ReceiveAsync();

        Assert.Equal("history", Comuni.Type(history));
        var items = Comuni.Items(history);
        Assert.Equal(3, items.Count);
        Assert.Equal(("system", $"{owner.Name} joined", owner.Name), (Comuni.Type(items[0]), Comuni.Str(items[0], "text"), Comuni.Str(items[0], "user")));
        Assert.Equal(["first words", "second words"], items.Skip(1).Select(i => Comuni.Str(i, "text")));
        Assert.Equal([1L, 2L, 3L], items.Select(Comuni.Seq));
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0;
        var stored = await Comuni.EventsAsync(factory, roomId);
        foreach (var (item, row) in items.Zip(stored))
        {
            Assert.Equal(row.Id, item.GetProperty("id").GetGuid());
            Assert.Equal(row.Seq, Comuni.Seq(item));
            Assert.Equal(JsonValueKind.Number, item.GetProperty("ts").ValueKind);
            Assert.InRange(item.GetProperty("ts").GetDouble(), now - 3600, now + 3600);
        }
        foreach (var chat in items.Skip(1))
        {
            Assert.Equal("chat", Comuni.Type(chat));
            Assert.Equal(owner.Name, Comuni.Str(chat, "from"));
            Assert.Equal(["from", "id", "seq", "text", "ts", "type"], chat.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        }
    }

    [Fact]
    public async Task Connect_SecondPerson_EveryoneGetsSystemJoinedWithUserThenMembers()
    {
        using var api = ApiClient.For(factory);
        var owner = await Comuni.UserAsync(api, "own");
        var guest = await Comuni.UserAsync(api, "gst");
        var roomId = await Comuni.CreateRoomAsync(api, owner);
        await using var ownerSocket = await Comuni.JoinAsync(factory, roomId, owner);

        await using var guestSocket = await Comuni.ConnectAsync(factory, roomId, guest);
        var guestFrames = await guestSocket.ReceiveUntilMembersAsync(guest.Name);
        var ownerFrames = await ownerSocket.ReceiveUntilMembersAsync(guest.Name);

        Assert.Equal("history", Comuni.Type(guestFrames[0]));
        foreach (var frames in new[] { guestFrames, ownerFrames })
        {
            var joined = Assert.Single(frames, e => Comuni.Type(e) == "system" && Comuni.Str(e, "text") == $"{guest.Name} joined");
            Assert.Equal(guest.Name, Comuni.Str(joined, "user"));
            Assert.Equal(await Comuni.RoomLastSeqAsync(factory, roomId), Comuni.Seq(joined));
            Assert.Equal(
                new[] { owner.Name, guest.Name }.Order(StringComparer.OrdinalIgnoreCase),
                frames[^1].GetProperty("users").EnumerateArray().Select(u => u.GetString()));
        }
    }

    [Fact]
    public async Task Chat_FromJsonClient_EveryoneGetsChatEnvelopeWithIncreasingSeq()
    {
        using var api = ApiClient.For(factory);
        var owner = await Comuni.UserAsync(api, "own");
        var guest = await Comuni.UserAsync(api, "gst");
        var roomId = await Comuni.CreateRoomAsync(api, owner);
        await using var ownerSocket = await Comuni.JoinAsync(factory, roomId, owner);
        await using var guestSocket = await Comuni.JoinAsync(factory, roomId, guest);
        await ownerSocket.ReceiveUntilMembersAsync(guest.Name);

        // One at a time: messages from two sockets are ordered as the server receives them.
        await guestSocket.SendChatAsync("one");
        await ownerSocket.ReceiveUntilChatAsync("one");
        await ownerSocket.SendChatAsync("two <b>raw</b>");
        await guestSocket.ReceiveUntilChatAsync("two <b>raw</b>");
        await guestSocket.SendChatAsync("three");

        foreach (var socket in new[] { ownerSocket, guestSocket })
        {
            await socket.ReceiveUntilChatAsync("three");
            var chats = socket.Received.Where(e => Comuni.Type(e) == "chat").ToList();
            Assert.Equal(["one", "two <b>raw</b>", "three"], chats.Select(c => Comuni.Str(c, "text")));
            Assert.Equal([guest.Name, owner.Name, guest.Name], chats.Select(c => Comuni.Str(c, "from")));
            var seqs = chats.Select(Comuni.Seq).ToList();
            Assert.True(seqs.Zip(seqs.Skip(1)).All(p => p.First < p.Second), string.Join(",", seqs));
            Assert.All(chats, c => Assert.NotEqual(Guid.Empty, c.GetProperty("id").GetGuid()));
            Assert.All(chats, c => Assert.Equal(JsonValueKind.Number, c.GetProperty("ts").ValueKind));
        }
        var stored = (await Comuni.EventsAsync(factory, roomId)).Where(m => m.Kind == RoomMessageKind.Chat).ToList();
        Assert.Equal(["one", "two <b>raw</b>", "three"], stored.Select(m => m.Text));
    }

    [Fact]
    public async Task Chat_JsonAndHtmxClientsInOneRoom_SeeEachOthersMessagesBothWays()
    {
        using var api = ApiClient.For(factory);
        var owner = await Comuni.UserAsync(api, "own");
        var roomId = await Comuni.CreateRoomAsync(api, owner);
        using var browser = await factory.SignedUpAsync("web");
        await using var jsonSocket = await Comuni.JoinAsync(factory, roomId, owner);
        await using var htmxSocket = await browser.JoinRoomAsync(roomId);
        var arrival = await jsonSocket.ReceiveUntilMembersAsync(browser.UserName);
        Assert.Contains(arrival, e => Comuni.Type(e) == "system" && Comuni.Str(e, "user") == browser.UserName);

        await htmxSocket.SendMessageAsync("from the page");
        var fromPage = (await jsonSocket.ReceiveUntilChatAsync("from the page"))[^1];
        await jsonSocket.SendChatAsync("from the program");
        var fromProgram = (await htmxSocket.ReceiveUntilTextAsync("from the program"))[^1];

        Assert.Equal(browser.UserName, Comuni.Str(fromPage, "from"));
        Assert.Equal(("#messages", "beforeend"), (fromProgram.Target, fromProgram.Swap));
        Assert.Contains(owner.Name, fromProgram.Content, StringComparison.Ordinal);
        Assert.Contains($"data-seq=\"{Comuni.Seq(fromPage) + 1}\"", fromProgram.Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pm_ToPresentUser_OnlySenderAndRecipientGetIt()
    {
        using var api = ApiClient.For(factory);
        await using var trio = await Trio.StartAsync(factory, api);
        var (roomId, a, b, c) = (trio.RoomId, trio.A, trio.B, trio.C);
        var (aSocket, bSocket, cSocket) = (trio.ASocket, trio.BSocket, trio.CSocket);

        await aSocket.SendPmAsync(b.Name, "just for you");
        var marker = Comuni.Marker();
        await aSocket.SendChatAsync(marker);

        foreach (var socket in new[] { aSocket, bSocket })
        {
            var frames = await socket.ReceiveUntilChatAsync(marker);
            Assert.Equal(2, frames.Count);
            var pm = frames[0];
            Assert.Equal(("pm", "just for you", a.Name, b.Name), (Comuni.Type(pm), Comuni.Str(pm, "text"), Comuni.Str(pm, "from"), Comuni.Str(pm, "to")));
            Assert.Equal(["from", "id", "seq", "text", "to", "ts", "type"], pm.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
            Assert.True(Comuni.Seq(frames[1]) > Comuni.Seq(pm));
        }
        // The third person's very next message is the marker: the pm never reached them.
        var next = await cSocket.ReceiveAsync();
        Assert.True(JsonRoomSocket.IsText(next, "chat", marker), next.GetRawText());
        var stored = Assert.Single(await Comuni.EventsAsync(factory, roomId), m => m.Kind == RoomMessageKind.Private);
        Assert.Equal((a.Name, b.Name, "just for you"), (stored.AuthorName, stored.RecipientName, stored.Text));
    }

    [Fact]
    public async Task Pm_OnReconnect_IsInHistoryOfSenderAndRecipientOnly()
    {
        using var api = ApiClient.For(factory);
        await using var trio = await Trio.StartAsync(factory, api);
        var (roomId, a, b, c) = (trio.RoomId, trio.A, trio.B, trio.C);
        var (aSocket, bSocket, cSocket) = (trio.ASocket, trio.BSocket, trio.CSocket);
        await aSocket.SendPmAsync(b.Name, "secret words");
        await bSocket.ReceiveUntilAsync(e => JsonRoomSocket.IsText(e, "pm", "secret words"));

        await using var cAgain = await Comuni.ConnectAsync(factory, roomId, c);
        await using var bAgain = await Comuni.ConnectAsync(factory, roomId, b);
        var cHistory = Comuni.Items(await cAgain.ReceiveAsync());
        var bHistory = Comuni.Items(await bAgain.ReceiveAsync());

        Assert.DoesNotContain(cHistory, e => Comuni.Type(e) == "pm" || Comuni.Str(e, "text") == "secret words");
        Assert.Single(bHistory, e => JsonRoomSocket.IsText(e, "pm", "secret words"));
        // Everything else is the same for both.
        Assert.Equal(
            bHistory.Where(e => Comuni.Type(e) != "pm").Select(Comuni.Seq),
            cHistory.Select(Comuni.Seq));
    }

    [Fact]
    public async Task Pm_ToSomeoneNotPresent_ErrorRecipientOfflineAndNothingStored()
    {
        using var api = ApiClient.For(factory);
        var owner = await Comuni.UserAsync(api, "own");
        var absent = await Comuni.UserAsync(api, "abs");
        var roomId = await Comuni.CreateRoomAsync(api, owner);
        await api.PostAsync($"/api/comuni/rooms/{roomId}/join", "", absent.Token);
        await using var ownerSocket = await Comuni.JoinAsync(factory, roomId, owner);

        await ownerSocket.SendPmAsync(absent.Name, "anyone there?");
        var reply = await ownerSocket.ReceiveAsync();

        Assert.Equal(("error", "recipient_offline"), (Comuni.Type(reply), Comuni.Str(reply, "code")));
        Assert.False(string.IsNullOrWhiteSpace(Comuni.Str(reply, "detail")));
        Assert.DoesNotContain(await Comuni.EventsAsync(factory, roomId), m => m.Kind == RoomMessageKind.Private);
        await ownerSocket.SendChatAsync("still here");
        await ownerSocket.ReceiveUntilChatAsync("still here");
    }

    public static TheoryData<string, string> InvalidMessages => new()
    {
        { "this is not json", "bad_json" },
        { "{\"type\":\"chat\",\"text\":\"x\"", "bad_json" },
        { "[{\"type\":\"chat\",\"text\":\"x\"}]", "bad_request" },
        { "\"chat\"", "bad_request" },
        { "42", "bad_request" },
        { "{\"text\":\"no type\"}", "bad_request" },
        { "{\"type\":7,\"text\":\"x\"}", "bad_request" },
        { "{\"type\":\"shout\",\"text\":\"x\"}", "unknown_type" },
        { "{\"type\":\"chat\",\"text\":5}", "bad_request" },
        { "{\"type\":\"chat\",\"text\":null}", "bad_request" },
        { "{\"type\":\"chat\"}", "bad_request" },
        { "{\"type\":\"pm\",\"text\":\"x\"}", "bad_request" },
        { "{\"type\":\"pm\",\"to\":5,\"text\":\"x\"}", "bad_request" },
        { "{\"type\":\"chat\",\"text\":\"\"}", "empty_message" },
        { "{\"type\":\"chat\",\"text\":\"  \\n\\t \"}", "empty_message" },
        { "{\"type\":\"chat\",\"text\":\"" + new string('x', 4001) + "\"}", "message_too_long" },
    };

    [Theory]
    [MemberData(nameof(InvalidMessages))]
    public async Task Send_InvalidMessage_ErrorWithCodeNothingBroadcastAndSocketStaysOpen(string frame, string code)
    {
        using var api = ApiClient.For(factory);
        var owner = await Comuni.UserAsync(api, "own");
        var guest = await Comuni.UserAsync(api, "gst");
        var roomId = await Comuni.CreateRoomAsync(api, owner);
        await using var ownerSocket = await Comuni.JoinAsync(factory, roomId, owner);
        await using var guestSocket = await Comuni.JoinAsync(factory, roomId, guest);
        await ownerSocket.ReceiveUntilMembersAsync(guest.Name);
        var seqBefore = await Comuni.RoomLastSeqAsync(factory, roomId);

        await guestSocket.SendTextAsync(frame);
        var reply = await guestSocket.ReceiveAsync();

        Assert.Equal(("error", code), (Comuni.Type(reply), Comuni.Str(reply, "code")));
        Assert.False(string.IsNullOrWhiteSpace(Comuni.Str(reply, "detail")));
        Assert.Equal(seqBefore, await Comuni.RoomLastSeqAsync(factory, roomId));
        Assert.Equal(WebSocketState.Open, guestSocket.Socket.State);
        var marker = Comuni.Marker();
        await guestSocket.SendChatAsync(marker);
        Assert.True(JsonRoomSocket.IsText(await ownerSocket.ReceiveAsync(), "chat", marker), "the owner's next message is the later chat");
        Assert.True(JsonRoomSocket.IsText(await guestSocket.ReceiveAsync(), "chat", marker), "the sender's next message is its later chat");
    }

    [Fact]
    public async Task Send_MaximumLength_IsAccepted()
    {
        using var api = ApiClient.For(factory);
        var owner = await Comuni.UserAsync(api);
        var roomId = await Comuni.CreateRoomAsync(api, owner);
        await using var socket = await Comuni.JoinAsync(factory, roomId, owner);
        var text = new string('m', RoomMessage.MaxTextLength);

        await socket.SendChatAsync(text);

        Assert.True(JsonRoomSocket.IsText(await socket.ReceiveAsync(), "chat", text));
    }

    [Fact]
    public async Task Send_FrameOver64KiB_ClosesWith1009AndStoresNothing()
    {
        using var api = ApiClient.For(factory);
        var owner = await Comuni.UserAsync(api);
        var roomId = await Comuni.CreateRoomAsync(api, owner);
        await using var socket = await Comuni.JoinAsync(factory, roomId, owner);
        var overhead = Encoding.UTF8.GetByteCount(JsonSerializer.Serialize(new { type = "chat", text = "" }));
        var frame = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { type = "chat", text = new string('a', (64 * 1024) + 1 - overhead) }));
        Assert.Equal((64 * 1024) + 1, frame.Length);

        await socket.SendAsync(frame, WebSocketMessageType.Text);

        Assert.Equal(WebSocketCloseStatus.MessageTooBig, await socket.ReceiveCloseAsync());
        Assert.DoesNotContain(socket.Received, e => Comuni.Type(e) is "chat" or "error");
        Assert.DoesNotContain(await Comuni.EventsAsync(factory, roomId), m => m.Kind == RoomMessageKind.Chat);
    }

    [Fact]
    public async Task Close_OwnerLeaves_OthersGetClearThenNoticeAndOnlyTheNoticeIsKept()
    {
        using var api = ApiClient.For(factory);
        var owner = await Comuni.UserAsync(api, "own");
        var guest = await Comuni.UserAsync(api, "gst");
        var roomId = await Comuni.CreateRoomAsync(api, owner);
        using var browser = await factory.SignedUpAsync("web");
        await using var ownerSocket = await Comuni.JoinAsync(factory, roomId, owner);
        await using var guestSocket = await Comuni.JoinAsync(factory, roomId, guest);
        await using var htmxSocket = await browser.JoinRoomAsync(roomId);
        await ownerSocket.SendChatAsync("said before leaving");
        await guestSocket.ReceiveUntilChatAsync("said before leaving");
        await htmxSocket.ReceiveUntilTextAsync("said before leaving");
        var seqBefore = await Comuni.RoomLastSeqAsync(factory, roomId);

        await ownerSocket.CloseAsync();
        var frames = await guestSocket.ReceiveUntilAsync(e => Comuni.Type(e) == "system" && Comuni.Str(e, "text") == "Owner left. Chat cleared");

        Assert.Equal("clear", Comuni.Type(frames[^2]));
        Assert.Equal("""{"type":"clear"}""", frames[^2].GetRawText());
        var notice = frames[^1];
        Assert.True(Comuni.Seq(notice) > seqBefore, "sequence numbers are never reused");
        Assert.DoesNotContain(frames, e => Comuni.Type(e) == "system" && Comuni.Str(e, "text") == $"{owner.Name} left");
        var members = (await guestSocket.ReceiveUntilAsync(e => Comuni.Type(e) == "members"))[^1];
        Assert.DoesNotContain(owner.Name, members.GetProperty("users").EnumerateArray().Select(u => u.GetString()));
        var cleared = (await htmxSocket.ReceiveUntilAsync(f => f.Target == "#messages" && f.Swap == "outerHTML"))[^1];
        Assert.Contains("Owner left. Chat cleared", cleared.Content, StringComparison.Ordinal);
        var only = Assert.Single(await Comuni.EventsAsync(factory, roomId));
        Assert.Equal((RoomMessageKind.System, "Owner left. Chat cleared", Comuni.Seq(notice)), (only.Kind, only.Text, only.Seq));

        await using var late = await Comuni.ConnectAsync(factory, roomId, await Comuni.UserAsync(api, "late"));
        var history = Comuni.Items(await late.ReceiveAsync());
        Assert.Equal(["Owner left. Chat cleared"], history.Select(e => Comuni.Str(e, "text")));
    }

    [Fact]
    public async Task Connect_ForeignOrigin_Refused403AndNoArrival()
    {
        using var api = ApiClient.For(factory);
        var owner = await Comuni.UserAsync(api);
        var roomId = await Comuni.CreateRoomAsync(api, owner);

        Assert.Equal(403, await JsonRoomSocket.RefusedStatusAsync(factory, $"/ws/comuni/{roomId}", "Bearer " + owner.Token, "http://evil.example"));
        Assert.Equal(403, await JsonRoomSocket.RefusedStatusAsync(factory, $"/ws/comuni/{roomId}", "Bearer " + owner.Token, "null"));
        Assert.Empty(await Comuni.EventsAsync(factory, roomId));
    }

    [Fact]
    public async Task Connect_OwnOrigin_IsAccepted()
    {
        using var api = ApiClient.For(factory);
        var owner = await Comuni.UserAsync(api);
        var roomId = await Comuni.CreateRoomAsync(api, owner);

        await using var socket = await JsonRoomSocket.ConnectAsync(factory, $"/ws/comuni/{roomId}", owner.Name, owner.Token, "http://localhost");

        Assert.Equal("history", Comuni.Type(await socket.ReceiveAsync()));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer not-a-token")]
    [InlineData("Bearer meurs_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task Connect_NoOrBadAuthorization_Refused401(string? authorization)
    {
        using var api = ApiClient.For(factory);
        var owner = await Comuni.UserAsync(api);
        var roomId = await Comuni.CreateRoomAsync(api, owner);

        Assert.Equal(401, await JsonRoomSocket.RefusedStatusAsync(factory, $"/ws/comuni/{roomId}", authorization));
    }

    [Theory]
    [InlineData("zzzzzzz")]
    [InlineData("ab")]
    [InlineData("ABCDEFG")]
    public async Task Connect_UnknownRoom_Refused404(string roomId)
    {
        using var api = ApiClient.For(factory);
        var user = await Comuni.UserAsync(api);

        Assert.Equal(404, await JsonRoomSocket.RefusedStatusAsync(factory, $"/ws/comuni/{roomId}", "Bearer " + user.Token));
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("-1")]
    [InlineData("1.5")]
    [InlineData("")]
    public async Task Connect_AfterNotASequenceNumber_Refused400(string after)
    {
        using var api = ApiClient.For(factory);
        var owner = await Comuni.UserAsync(api);
        var roomId = await Comuni.CreateRoomAsync(api, owner);

        Assert.Equal(400, await JsonRoomSocket.RefusedStatusAsync(factory, $"/ws/comuni/{roomId}?after={after}", "Bearer " + owner.Token));
        Assert.Empty(await Comuni.EventsAsync(factory, roomId));
    }

    // Three API users in one room, each connected by a JSON socket with every arrival already read.
    private sealed class Trio : IAsyncDisposable
    {
        public required string RoomId { get; init; }

        public required ApiUser A { get; init; }

        public required ApiUser B { get; init; }

        public required ApiUser C { get; init; }

        public required JsonRoomSocket ASocket { get; init; }

        public required JsonRoomSocket BSocket { get; init; }

        public required JsonRoomSocket CSocket { get; init; }

        public static async Task<Trio> StartAsync(MeursFactory factory, ApiClient api)
        {
            var a = await Comuni.UserAsync(api, "a");
            var b = await Comuni.UserAsync(api, "b");
            var c = await Comuni.UserAsync(api, "c");
            var roomId = await Comuni.CreateRoomAsync(api, a);
            var trio = new Trio
            {
                RoomId = roomId, A = a, B = b, C = c,
                ASocket = await Comuni.JoinAsync(factory, roomId, a),
                BSocket = await Comuni.JoinAsync(factory, roomId, b),
                CSocket = await Comuni.JoinAsync(factory, roomId, c),
            };
            await trio.ASocket.ReceiveUntilMembersAsync(a.Name, b.Name, c.Name);
            await trio.BSocket.ReceiveUntilMembersAsync(a.Name, b.Name, c.Name);
            return trio;
        }

        public async ValueTask DisposeAsync()
        {
            await CSocket.DisposeAsync();
            await BSocket.DisposeAsync();
            await ASocket.DisposeAsync();
        }
    }
}
