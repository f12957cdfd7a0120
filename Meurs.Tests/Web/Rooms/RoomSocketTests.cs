using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.DependencyInjection;
using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Meurs.Tests.Web.Support;
using Meurs.Web.Features.Rooms;
using Microsoft.EntityFrameworkCore;

namespace Meurs.Tests.Web.Rooms;

public sealed partial class RoomSocketTests(MeursFactory factory) : IClassFixture<MeursFactory>
{
    [Fact]
    public async Task ServerStopping_ClosesRoomSocketsWith1001()
    {
        using var stopping = MeursFactory.With();
        using var owner = await stopping.SignedUpAsync();
        var roomId = await owner.CreateRoomAsync();
        await using var socket = await owner.JoinRoomAsync(roomId);

        stopping.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication();

        Assert.Equal(WebSocketCloseStatus.EndpointUnavailable, await socket.ReceiveCloseAsync());
    }

    [Fact]
    public async Task Connect_RoomWithLongHistory_FirstFrameReplacesMessagesWithLatest200OldestFirst()
    {
        using var owner = await factory.SignedUpAsync();
        var roomId = await owner.CreateRoomAsync();
        await factory.WithDbAsync(async db =>
        {
            var room = await db.Rooms.SingleAsync(r => r.Id == roomId);
            for (var seq = 1; seq <= 205; seq++)
            {
                db.RoomMessages.Add(new RoomMessage { RoomId = roomId, Seq = seq, Kind = RoomMessageKind.Chat, AuthorName = "seed", Text = $"m-{seq:000}" });
            }
            room.LastSeq = 205;
            return await db.SaveChangesAsync();
        });
        Assert.Equal(200, new RoomsOptions().HistoryLength);

        await using var socket = await owner.ConnectAsync($"/ws/rooms/{roomId}");
        var first = await socket.ReceiveAsync();

        Assert.Equal(("#messages", "outerHTML"), (first.Target, first.Swap));
        Assert.StartsWith("<ol id=\"messages\"", first.Content, StringComparison.Ordinal);
        Assert.Equal(Enumerable.Range(6, 200).Select(i => (long)i), Seqs(first.Content));
        Assert.Equal(Enumerable.Range(6, 200).Select(i => $"m-{i:000}"), TextRegex().Matches(first.Content).Select(m => m.Groups[1].Value));
    }

    [Fact]
    public async Task Connect_NewRoom_FirstFrameIsTheEmptyListThenOwnArrivalAndMembers()
    {
        using var owner = await factory.SignedUpAsync();
        var roomId = await owner.CreateRoomAsync();

        await using var socket = await owner.ConnectAsync($"/ws/rooms/{roomId}");
        var frames = await socket.ReceiveUntilAsync(f => f.Target == "#members" && f.Content.Contains(owner.UserName, StringComparison.Ordinal));

        Assert.Equal(("#messages", "outerHTML"), (frames[0].Target, frames[0].Swap));
        Assert.Equal("#members", frames[1].Target); // with the history: who was there before us (nobody)
        Assert.DoesNotContain(owner.UserName, frames[1].Content, StringComparison.Ordinal);
        Assert.Contains("No messages yet", frames[0].Content, StringComparison.Ordinal);
        Assert.Contains(frames, f => f.Swap == "beforeend" && f.Content.Contains($"{owner.UserName} joined", StringComparison.Ordinal));
        Assert.Contains(owner.UserName, frames[^1].Content, StringComparison.Ordinal);
        Assert.Contains("owner", frames[^1].Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_ChatWithMarkup_ReachesOtherSocketEscapedAndIsPersistedInOrder()
    {
        await using var scene = await RoomScene.StartAsync(factory);

        await scene.GuestSocket.SendMessageAsync("hi <b>x</b>");
        var frames = await scene.OwnerSocket.ReceiveUntilTextAsync("hi &lt;b&gt;x&lt;/b&gt;");

        var chat = frames[^1];
        Assert.Equal(("#messages", "beforeend"), (chat.Target, chat.Swap));
        Assert.DoesNotContain("<b>", chat.Content, StringComparison.Ordinal);
        Assert.Contains(scene.Guest.UserName, chat.Content, StringComparison.Ordinal);
        var rows = await factory.WithDbAsync(db => db.RoomMessages.Where(m => m.RoomId == scene.RoomId).OrderBy(m => m.Seq).ToListAsync());
        var stored = Assert.Single(rows, m => m.Kind == RoomMessageKind.Chat);
        Assert.Equal("hi <b>x</b>", stored.Text);
        Assert.Equal(scene.Guest.UserName, stored.AuthorName);
        Assert.Equal(Enumerable.Range(1, rows.Count).Select(i => (long)i), rows.Select(m => m.Seq));
        Assert.Equal(stored.Seq, Assert.Single(Seqs(chat.Content)));
        Assert.Equal(rows[^1].Seq, await factory.WithDbAsync(db => db.Rooms.Where(r => r.Id == scene.RoomId).Select(r => r.LastSeq).SingleAsync()));
    }

    [Fact]
    public async Task Send_Chat_SenderGetsItsMessageAndAnEmptyComposer()
    {
        await using var scene = await RoomScene.StartAsync(factory);

        await scene.GuestSocket.SendMessageAsync("own echo");
        var frames = await scene.GuestSocket.ReceiveUntilAsync(f => f.Target == "#composer");

        Assert.Contains(frames, f => f.Swap == "beforeend" && f.Content.Contains("own echo", StringComparison.Ordinal));
        Assert.Equal("outerHTML", frames[^1].Swap);
        Assert.Equal("", ComposerError(frames[^1].Content));
        Assert.Equal("", ComposerText(frames[^1].Content));
    }

    [Fact]
    public async Task Connect_SecondPerson_OthersSeeJoinedNoticeAndMemberList()
    {
        using var owner = await factory.SignedUpAsync();
        using var guest = await factory.SignedUpAsync();
        var roomId = await owner.CreateRoomAsync();
        await using var ownerSocket = await owner.JoinRoomAsync(roomId);

        await using var guestSocket = await guest.JoinRoomAsync(roomId);
        var frames = await ownerSocket.ReceiveUntilAsync(f => f.Target == "#members");

        Assert.Contains(frames, f => f.Target == "#messages" && f.Swap == "beforeend" && f.Content.Contains($"{guest.UserName} joined", StringComparison.Ordinal));
        var members = frames[^1];
        Assert.Equal("outerHTML", members.Swap);
        Assert.Equal(ByName(owner.UserName, guest.UserName), MemberNames(members.Content));
    }

    [Fact]
    public async Task Close_GuestSocket_OthersSeeLeftNoticeAndMemberListWithoutThem()
    {
        await using var scene = await RoomScene.StartAsync(factory);

        await scene.GuestSocket.CloseAsync();
        var frames = await scene.OwnerSocket.ReceiveUntilAsync(f => f.Target == "#members");

        Assert.Contains(frames, f => f.Swap == "beforeend" && f.Content.Contains($"{scene.Guest.UserName} left", StringComparison.Ordinal));
        Assert.Equal([scene.Owner.UserName], MemberNames(frames[^1].Content));
        Assert.Equal(1, await CountAsync(scene.RoomId, RoomMessageKind.Left));
    }

    [Fact]
    public async Task Connect_SameUserTwice_AnnouncesOneArrivalAndLeavesOnlyAfterLastSocket()
    {
        await using var scene = await RoomScene.StartAsync(factory);
        var guestName = scene.Guest.UserName;

        await using var second = await scene.Guest.JoinRoomAsync(scene.RoomId);
        await scene.OwnerSocket.SendMessageAsync("marker-after-second");
        var afterSecond = await scene.OwnerSocket.ReceiveUntilTextAsync("marker-after-second");
        Assert.DoesNotContain(afterSecond, f => f.Content.Contains($"{guestName} joined", StringComparison.Ordinal));
        Assert.Equal(1, await CountAsync(scene.RoomId, RoomMessageKind.Joined, guestName));
        Assert.Equal(ByName(scene.Owner.UserName, guestName), MemberNames(second.Received.Last(f => f.Target == "#members").Content));

        await scene.GuestSocket.CloseAsync();
        await scene.WaitForServerConnectionsAsync(2);
        await scene.OwnerSocket.SendMessageAsync("marker-after-first-close");
        var afterFirstClose = await scene.OwnerSocket.ReceiveUntilTextAsync("marker-after-first-close");
        Assert.DoesNotContain(afterFirstClose, f => f.Content.Contains($"{guestName} left", StringComparison.Ordinal));
        Assert.Equal(0, await CountAsync(scene.RoomId, RoomMessageKind.Left, guestName));

        await second.CloseAsync();
        var afterLastClose = await scene.OwnerSocket.ReceiveUntilAsync(f => f.Target == "#members");
        Assert.Single(afterLastClose, f => f.Content.Contains($"{guestName} left", StringComparison.Ordinal));
        Assert.Equal([scene.Owner.UserName], MemberNames(afterLastClose[^1].Content));
        Assert.Equal(1, await CountAsync(scene.RoomId, RoomMessageKind.Left, guestName));
    }

    [Fact]
    public async Task Close_OwnerSocket_ClearsHistoryForEveryone()
    {
        await using var scene = await RoomScene.StartAsync(factory);
        await scene.GuestSocket.SendMessageAsync("said before the owner left");
        await scene.OwnerSocket.ReceiveUntilTextAsync("said before the owner left");
        var seqBefore = await factory.WithDbAsync(db => db.Rooms.Where(r => r.Id == scene.RoomId).Select(r => r.LastSeq).SingleAsync());

        await scene.OwnerSocket.CloseAsync();
        var frames = await scene.GuestSocket.ReceiveUntilAsync(f => f.Target == "#messages" && f.Swap == "outerHTML");

        var cleared = frames[^1];
        Assert.StartsWith("<ol id=\"messages\"", cleared.Content, StringComparison.Ordinal);
        Assert.Contains("Owner left. Chat cleared", cleared.Content, StringComparison.Ordinal);
        Assert.DoesNotContain("said before the owner left", cleared.Content, StringComparison.Ordinal);
        var rows = await factory.WithDbAsync(db => db.RoomMessages.Where(m => m.RoomId == scene.RoomId).ToListAsync());
        var only = Assert.Single(rows);
        Assert.Equal((RoomMessageKind.System, "Owner left. Chat cleared"), (only.Kind, only.Text));
        Assert.True(only.Seq > seqBefore, "sequence numbers are never reused");
        var members = await scene.GuestSocket.ReceiveUntilAsync(f => f.Target == "#members");
        Assert.Equal([scene.Guest.UserName], MemberNames(members[^1].Content));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n\t ")]
    public async Task Send_EmptyOrWhitespace_SenderGetsComposerErrorAndNothingIsStoredOrBroadcast(string text)
    {
        await using var scene = await RoomScene.StartAsync(factory);

        await scene.GuestSocket.SendMessageAsync(text);
        var reply = await scene.GuestSocket.ReceiveAsync();

        Assert.Equal(("#composer", "outerHTML"), (reply.Target, reply.Swap));
        Assert.Equal("Type a message before sending.", ComposerError(reply.Content));
        await AssertNothingBroadcastAsync(scene);
        Assert.Equal(1, await CountAsync(scene.RoomId, RoomMessageKind.Chat));
    }

    [Fact]
    public async Task Send_MaximumLength_IsAccepted()
    {
        await using var scene = await RoomScene.StartAsync(factory);
        var text = new string('x', RoomMessage.MaxTextLength);
        Assert.Equal(4000, text.Length);

        await scene.GuestSocket.SendMessageAsync(text);
        var reply = (await scene.GuestSocket.ReceiveUntilAsync(f => f.Target == "#composer"))[^1];

        Assert.Equal("", ComposerError(reply.Content));
        await scene.OwnerSocket.ReceiveUntilTextAsync(text);
        var stored = await factory.WithDbAsync(db => db.RoomMessages.SingleAsync(m => m.RoomId == scene.RoomId && m.Kind == RoomMessageKind.Chat));
        Assert.Equal(text, stored.Text);
    }

    [Fact]
    public async Task Send_OneOverMaximumLength_IsRefusedWithTextKeptInComposer()
    {
        await using var scene = await RoomScene.StartAsync(factory);
        var text = new string('y', RoomMessage.MaxTextLength + 1);

        await scene.GuestSocket.SendMessageAsync(text);
        var reply = await scene.GuestSocket.ReceiveAsync();

        Assert.Equal("#composer", reply.Target);
        Assert.Equal("Messages are limited to 4,000 characters; this one has 4,001.", ComposerError(reply.Content));
        Assert.Equal(text, ComposerText(reply.Content));
        await AssertNothingBroadcastAsync(scene);
        Assert.Equal(1, await CountAsync(scene.RoomId, RoomMessageKind.Chat));
    }

    [Fact]
    public async Task Send_RefusedTextWithMarkup_IsKeptEscapedInComposer()
    {
        await using var scene = await RoomScene.StartAsync(factory);
        var text = "</textarea><script>alert(1)</script>" + new string('z', RoomMessage.MaxTextLength);

        await scene.GuestSocket.SendMessageAsync(text);
        var reply = await scene.GuestSocket.ReceiveAsync();

        Assert.DoesNotContain("<script>", reply.Content, StringComparison.Ordinal);
        Assert.Equal(text, ComposerText(reply.Content));
    }

    [Theory]
    [InlineData("this is not json", "That message was not valid JSON.")]
    [InlineData("{\"text\": 5}", "\"text\" must be a string.")]
    [InlineData("{\"text\": null}", "A \"chat\" message needs \"text\".")]
    [InlineData("{\"other\": \"x\"}", "A \"chat\" message needs \"text\".")]
    [InlineData("{\"type\": \"dance\", \"text\": \"x\"}", "Unknown message type 'dance'.")]
    [InlineData("[\"text\"]", "A message must be a JSON object.")]
    [InlineData("\"text\"", "A message must be a JSON object.")]
    public async Task Send_MalformedFrame_SenderGetsComposerErrorAndSocketStaysOpen(string frame, string error)
    {
        await using var scene = await RoomScene.StartAsync(factory);

        await scene.GuestSocket.SendTextAsync(frame);
        var reply = await scene.GuestSocket.ReceiveAsync();

        Assert.Equal(("#composer", "outerHTML"), (reply.Target, reply.Swap));
        Assert.Equal(error, ComposerError(reply.Content));
        await AssertNothingBroadcastAsync(scene);
        Assert.Equal(WebSocketState.Open, scene.GuestSocket.Socket.State);
    }

    [Fact]
    public async Task Send_FrameOfExactly64KiB_IsReadAndAnswered()
    {
        await using var scene = await RoomScene.StartAsync(factory);
        var frame = JsonFrameOfSize(64 * 1024);

        await scene.GuestSocket.SendAsync(frame, WebSocketMessageType.Text);
        var reply = await scene.GuestSocket.ReceiveAsync();

        Assert.Equal("#composer", reply.Target);
        Assert.StartsWith("Messages are limited to 4,000 characters", ComposerError(reply.Content), StringComparison.Ordinal);
        Assert.Equal(WebSocketState.Open, scene.GuestSocket.Socket.State);
    }

    [Fact]
    public async Task Send_FrameOver64KiB_ClosesWith1009()
    {
        await using var scene = await RoomScene.StartAsync(factory);

        await scene.GuestSocket.SendAsync(JsonFrameOfSize((64 * 1024) + 1), WebSocketMessageType.Text);

        Assert.Equal(WebSocketCloseStatus.MessageTooBig, await scene.GuestSocket.ReceiveCloseAsync());
        Assert.DoesNotContain(scene.GuestSocket.Received, f => f.Target == "#composer");
    }

    [Fact]
    public async Task Send_BinaryFrameWithoutAnnouncedTransfer_RelayErrorAndSocketStaysOpen()
    {
        // Binary frames carry direct file transfers (RoomFileRelay); one that belongs to no announced transfer is refused
        // in the relay's JSON words (the page's relay script reads them, not htmx), and is never taken for a message.
        await using var scene = await RoomScene.StartAsync(factory);

        await scene.GuestSocket.SendAsync(Encoding.UTF8.GetBytes("{\"text\":\"binary\"}"), WebSocketMessageType.Binary);
        using var reply = JsonDocument.Parse(await ReceiveRawTextAsync(scene.GuestSocket.Socket));

        Assert.Equal("error", reply.RootElement.GetProperty("type").GetString());
        Assert.Equal("bad_request", reply.RootElement.GetProperty("code").GetString());
        Assert.Equal(WebSocketState.Open, scene.GuestSocket.Socket.State);
        await AssertNothingBroadcastAsync(scene);
        Assert.Equal(1, await CountAsync(scene.RoomId, RoomMessageKind.Chat));
    }

    [Fact]
    public async Task Send_InvalidUtf8_ClosesWith1007()
    {
        await using var scene = await RoomScene.StartAsync(factory);

        await scene.GuestSocket.SendAsync([(byte)'{', 0xC3, 0x28, (byte)'}'], WebSocketMessageType.Text);

        Assert.Equal(WebSocketCloseStatus.InvalidPayloadData, await scene.GuestSocket.ReceiveCloseAsync());
    }

    [Fact]
    public async Task Connect_ForeignOrigin_Refused403BeforeUpgrade()
    {
        using var owner = await factory.SignedUpAsync();
        var roomId = await owner.CreateRoomAsync();

        Assert.Equal(403, await TestSocket.RefusedStatusAsync(factory, $"/ws/rooms/{roomId}", owner.CookieHeader, "http://evil.example"));
        Assert.Equal(403, await TestSocket.RefusedStatusAsync(factory, $"/ws/rooms/{roomId}", owner.CookieHeader, "null"));
        Assert.Equal(403, await TestSocket.RefusedStatusAsync(factory, $"/ws/rooms/{roomId}", owner.CookieHeader, "http://localhost.evil.example"));
        Assert.Equal(0, await CountAsync(roomId, RoomMessageKind.Joined));
    }

    [Fact]
    public async Task Connect_OwnOrigin_IsAccepted()
    {
        using var owner = await factory.SignedUpAsync();
        var roomId = await owner.CreateRoomAsync();

        await using var socket = await owner.ConnectAsync($"/ws/rooms/{roomId}", "http://localhost");

        Assert.Equal("#messages", (await socket.ReceiveAsync()).Target);
    }

    [Fact]
    public async Task Connect_WithoutLogin_Refused401()
    {
        using var owner = await factory.SignedUpAsync();
        var roomId = await owner.CreateRoomAsync();

        Assert.Equal(401, await TestSocket.RefusedStatusAsync(factory, $"/ws/rooms/{roomId}", cookie: null));
        Assert.Equal(401, await TestSocket.RefusedStatusAsync(factory, $"/ws/rooms/{roomId}", cookie: "meurs.auth=forged"));
    }

    [Theory]
    [InlineData("zzzzzzz")]
    [InlineData("ab")]
    [InlineData("ABCDEFG")]
    [InlineData("abc%2Fdef")]
    public async Task Connect_UnknownOrMalformedRoom_Refused404(string roomId)
    {
        using var guest = await factory.SignedUpAsync();

        Assert.Equal(404, await TestSocket.RefusedStatusAsync(factory, $"/ws/rooms/{roomId}", guest.CookieHeader));
    }

    [Fact]
    public async Task Get_RoomSocketWithoutUpgrade_Returns400()
    {
        using var owner = await factory.SignedUpAsync();
        var roomId = await owner.CreateRoomAsync();

        var response = await owner.GetAsync($"/ws/rooms/{roomId}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task CloseRoom_ByOwner_OthersSeeNoticeThenNormalCloseAndRoomIsGone()
    {
        await using var scene = await RoomScene.StartAsync(factory);

        var response = await scene.Owner.CloseRoomAsync(scene.RoomId);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/rooms", new Uri(MeursFactory.BaseAddress, response.Headers.Location!).AbsolutePath);
        var notice = (await scene.GuestSocket.ReceiveUntilAsync(f => f.Target == "#room"))[^1];
        Assert.Equal("outerHTML", notice.Swap);
        Assert.Contains("Room closed by owner", notice.Content, StringComparison.Ordinal);
        Assert.Equal(WebSocketCloseStatus.NormalClosure, await scene.GuestSocket.ReceiveCloseAsync());
        Assert.Equal(WebSocketCloseStatus.NormalClosure, await scene.OwnerSocket.ReceiveCloseAsync());

        Assert.NotNull(await factory.WithDbAsync(db => db.Rooms.Where(r => r.Id == scene.RoomId).Select(r => r.ClosedAt).SingleAsync()));
        Assert.Equal(404, await TestSocket.RefusedStatusAsync(factory, $"/ws/rooms/{scene.RoomId}", scene.Guest.CookieHeader));
        Assert.Equal(HttpStatusCode.NotFound, (await scene.Guest.GetAsync($"/rooms/{scene.RoomId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await scene.Owner.CloseRoomAsync(scene.RoomId)).StatusCode);
    }

    [Fact]
    public async Task CloseRoom_ByGuest_Returns403AndRoomStaysOpen()
    {
        await using var scene = await RoomScene.StartAsync(factory);

        var response = await scene.Guest.CloseRoomAsync(scene.RoomId);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Null(await factory.WithDbAsync(db => db.Rooms.Where(r => r.Id == scene.RoomId).Select(r => r.ClosedAt).SingleAsync()));
        await scene.GuestSocket.SendMessageAsync("still open");
        await scene.OwnerSocket.ReceiveUntilTextAsync("still open");
        Assert.Equal(HttpStatusCode.OK, (await scene.Guest.GetAsync($"/rooms/{scene.RoomId}")).StatusCode);
    }

    [Fact]
    public async Task CloseRoom_UnknownRoom_Returns404()
    {
        using var owner = await factory.SignedUpAsync();

        Assert.Equal(HttpStatusCode.NotFound, (await owner.CloseRoomAsync("zzzzzzz")).StatusCode);
    }

    // The guest says a marker; if it is the owner's very next frame, nothing else was published to the room meanwhile
    // (events are published in order under the room's gate).
    private static async Task AssertNothingBroadcastAsync(RoomScene scene)
    {
        var marker = "marker-" + Guid.NewGuid().ToString("N");
        await scene.GuestSocket.SendMessageAsync(marker);
        var frames = await scene.OwnerSocket.ReceiveUntilTextAsync(marker);
        Assert.Single(frames);
    }

    // One text message read straight from the socket, for frames that are not htmx swaps.
    private static async Task<string> ReceiveRawTextAsync(WebSocket socket)
    {
        using var timeout = new CancellationTokenSource(TestSocket.Patience);
        var buffer = new byte[16 * 1024];
        using var message = new MemoryStream();
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer.AsMemory(), timeout.Token);
            Assert.Equal(WebSocketMessageType.Text, result.MessageType);
            message.Write(buffer, 0, result.Count);
            if (result.EndOfMessage)
            {
                return Encoding.UTF8.GetString(message.ToArray());
            }
        }
    }

    private Task<int> CountAsync(string roomId, RoomMessageKind kind, string? author = null) =>
        factory.WithDbAsync(db => db.RoomMessages.CountAsync(m => m.RoomId == roomId && m.Kind == kind && (author == null || m.AuthorName == author)));

    private static byte[] JsonFrameOfSize(int bytes)
    {
        var overhead = Encoding.UTF8.GetByteCount(JsonSerializer.Serialize(new { text = "" }));
        var frame = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { text = new string('a', bytes - overhead) }));
        Assert.Equal(bytes, frame.Length);
        return frame;
    }

    // The member list is ordered by name, ignoring case.
    private static List<string> ByName(params string[] names) => [.. names.Order(StringComparer.OrdinalIgnoreCase)];

    private static IEnumerable<long> Seqs(string html) => SeqRegex().Matches(html).Select(m => long.Parse(m.Groups[1].Value));

    private static List<string> MemberNames(string html) =>
        [.. MemberRegex().Matches(html).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value))];

    private static string ComposerError(string html) => WebUtility.HtmlDecode(ComposerErrorRegex().Match(html).Groups[1].Value);

    private static string ComposerText(string html) => WebUtility.HtmlDecode(ComposerTextRegex().Match(html).Groups[1].Value);

    [GeneratedRegex("data-seq=\"(\\d+)\"")]
    private static partial Regex SeqRegex();

    [GeneratedRegex("<div class=\"markdown text\"><p>([^<]*)</p>")]
    private static partial Regex TextRegex();

    [GeneratedRegex("<li id=\"member-[0-9a-f]{32}\">[\\s\\S]*?<span class=\"person-name\">([^<]+)</span>")]
    private static partial Regex MemberRegex();

    [GeneratedRegex("<p id=\"composer-error\" class=\"error\" role=\"alert\">([^<]*)</p>")]
    private static partial Regex ComposerErrorRegex();

    [GeneratedRegex("<textarea[^>]*>([^<]*)</textarea>")]
    private static partial Regex ComposerTextRegex();
}
