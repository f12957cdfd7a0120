using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Meurs.Tests.Web.Support;
using Meurs.Web.Features.Rooms;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Meurs.Tests.Web.Rooms;

/// <summary>Direct transfers through <c>/ws/comuni/{id}</c> (<see cref="RoomFileRelay"/>): limits, isolation, no echo, bandwidth.</summary>
public sealed class RoomFileRelayTests(MeursFactory factory) : IClassFixture<MeursFactory>
{
    [Fact]
    public async Task Announce_OverTheSizeLimit_RefusedAndNobodyHearsOfIt_ExactlyTheLimitIsAccepted()
    {
        using var small = MeursFactory.With(settings: new Dictionary<string, string?> { ["Rooms:MaxSharedFileBytes"] = "1000" });
        await using var room = await RelayRoom.StartAsync(small);

        await room.Sender.SendJsonAsync(new { type = "file", transfer_id = "big", filename = "big.bin", size = 1001, mime = "application/octet-stream" });
        var refusal = await room.Sender.ReceiveUntilAsync(e => Comuni.Type(e) == "error");
        await room.Sender.SendJsonAsync(new { type = "file", transfer_id = "fits", filename = "fits.bin", size = 1000 });

        Assert.Equal("file_too_large", Comuni.Str(refusal[^1], "code"));
        var header = (await room.Receiver.ReceiveUntilAsync(e => Comuni.Type(e) == "file-header"))[^1];
        Assert.Equal(("fits.bin", 1000), (Comuni.Str(header, "filename"), header.GetProperty("size").GetInt32()));
        Assert.DoesNotContain(room.Receiver.Received, e => Comuni.Str(e, "filename") == "big.bin");
        // The refused transfer is not open: its bytes are refused too.
        await room.Sender.SendAsync(Frame("big", new byte[10]), WebSocketMessageType.Binary);
        Assert.Contains("announce it first", Comuni.Str((await room.Sender.ReceiveUntilAsync(e => Comuni.Type(e) == "error"))[^1], "detail"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bytes_PastTheAnnouncedSize_AreRefusedAndTheTransferAborted()
    {
        await using var room = await RelayRoom.StartAsync(factory);
        await room.Sender.SendJsonAsync(new { type = "file", transfer_id = "t1", filename = "ten.bin", size = 10 });
        var relayId = Comuni.Str((await room.Receiver.ReceiveUntilAsync(e => Comuni.Type(e) == "file-header"))[^1], "transfer_id")!;

        await room.Sender.SendAsync(Frame("t1", [1, 2, 3, 4, 5, 6]), WebSocketMessageType.Binary);
        await room.Sender.SendAsync(Frame("t1", [7, 8, 9, 10, 11]), WebSocketMessageType.Binary);

        var refusal = (await room.Sender.ReceiveUntilAsync(e => Comuni.Type(e) == "error"))[^1];
        Assert.Contains("More bytes than the announced size", Comuni.Str(refusal, "detail"), StringComparison.Ordinal);
        Assert.Equal(Frame(relayId, [1, 2, 3, 4, 5, 6]), await NextBinaryAsync(room.Receiver));
        // Text only from here to the abort (a binary frame fails the read): the 5 bytes that overran were never relayed.
        var ended = (await room.Receiver.ReceiveUntilAsync(e => Comuni.Type(e) == "file-aborted"))[^1];
        Assert.Equal(relayId, Comuni.Str(ended, "transfer_id"));
    }

    [Fact]
    public async Task TwoSenders_SameTransferId_ArriveAsTwoSeparateTransfers()
    {
        await using var room = await RelayRoom.StartAsync(factory, thirdMember: true);
        var second = room.Third!;

        await room.Sender.SendJsonAsync(new { type = "file", transfer_id = "a4", filename = "from-sender.bin", size = 3 });
        await second.SendJsonAsync(new { type = "file", transfer_id = "a4", filename = "from-second.bin", size = 3 });
        var headers = (await room.Receiver.ReceiveUntilAsync(e => Comuni.Type(e) == "file-header" && room.Receiver.Received.Count(r => Comuni.Type(r) == "file-header") == 2))
            .Where(e => Comuni.Type(e) == "file-header").ToDictionary(e => Comuni.Str(e, "filename")!, e => Comuni.Str(e, "transfer_id")!);
        await room.Sender.SendAsync(Frame("a4", [1, 1, 1]), WebSocketMessageType.Binary);
        await second.SendAsync(Frame("a4", [2, 2, 2]), WebSocketMessageType.Binary);

        Assert.NotEqual(headers["from-sender.bin"], headers["from-second.bin"]);
        var got = new Dictionary<string, byte[]>();
        while (got.Count < 2)
        {
            if ((await room.Receiver.ReceiveFrameAsync()).Binary is { } bytes)
            {
                got[Encoding.ASCII.GetString(bytes, 1, bytes[0])] = bytes[(1 + bytes[0])..];
            }
        }
        Assert.Equal([1, 1, 1], got[headers["from-sender.bin"]]);
        Assert.Equal([2, 2, 2], got[headers["from-second.bin"]]);
    }

    [Fact]
    public async Task Transfer_IsNotEchoedToItsSender()
    {
        await using var room = await RelayRoom.StartAsync(factory);
        await room.Sender.SendJsonAsync(new { type = "file", transfer_id = "mine", filename = "mine.bin", size = 4 });
        await room.Sender.SendAsync(Frame("mine", [9, 9, 9, 9]), WebSocketMessageType.Binary);
        Assert.Equal([9, 9, 9, 9], (await NextBinaryAsync(room.Receiver))[^4..]);
        await room.Receiver.ReceiveUntilAsync(e => Comuni.Type(e) == "file-complete");
        var marker = Comuni.Marker();

        await room.Sender.SendChatAsync(marker);

        // Everything the sender got up to its own chat: no header, no bytes, no end of its own transfer.
        while (true)
        {
            var (binary, json) = await room.Sender.ReceiveFrameAsync();
            Assert.Null(binary);
            Assert.DoesNotContain(Comuni.Type(json!.Value), new[] { "file-header", "file-complete", "file-aborted" });
            if (JsonRoomSocket.IsText(json.Value, "chat", marker))
            {
                break;
            }
        }
    }

    [Fact]
    public async Task Sender_PastItsBandwidth_IsThrottledByBytes()
    {
        // 100,000 bytes of burst, then 50,000 bytes/s, on a clock that only moves when the test says.
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var limited = MeursFactory.With(services => services.AddSingleton<TimeProvider>(clock), new Dictionary<string, string?>
        {
            ["Rooms:RelayBurstBytes"] = "100000",
            ["Rooms:RelayBytesPerSecond"] = "50000",
        });
        await using var room = await RelayRoom.StartAsync(limited);
        var relay = limited.Services.GetRequiredService<RoomFileRelay>();
        var bandwidth = limited.Services.GetRequiredService<RelayBandwidth>();
        const int chunk = 32 * 1024;
        await room.Sender.SendJsonAsync(new { type = "file", transfer_id = "t", filename = "four.bin", size = 4 * chunk });
        await room.Receiver.ReceiveUntilAsync(e => Comuni.Type(e) == "file-header");

        for (var i = 0; i < 4; i++)
        {
            await room.Sender.SendAsync(Frame("t", Enumerable.Repeat((byte)i, chunk).ToArray()), WebSocketMessageType.Binary);
        }

        // Three frames (each 32 KiB and its framing) fit in the burst; the fourth waits for the bucket.
        await Poll.UntilAsync(() => Task.FromResult(bandwidth.ThrottledFrames == 1), "the fourth frame to be held back");
        Assert.Equal(3L * chunk, relay.BytesRelayed);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal((byte)i, (await NextBinaryAsync(room.Receiver))[^1]);
        }
        Assert.Equal(3L * chunk, relay.BytesRelayed);

        clock.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal((byte)3, (await NextBinaryAsync(room.Receiver))[^1]);
        await room.Receiver.ReceiveUntilAsync(e => Comuni.Type(e) == "file-complete");
        Assert.Equal(4L * chunk, relay.BytesRelayed);
        Assert.Equal(1, bandwidth.ThrottledFrames);
    }

    // The next binary message, past any text (a late member list, say).
    private static async Task<byte[]> NextBinaryAsync(JsonRoomSocket socket)
    {
        while (true)
        {
            if ((await socket.ReceiveFrameAsync()).Binary is { } bytes)
            {
                return bytes;
            }
        }
    }

    private static byte[] Frame(string id, byte[] payload) => [(byte)id.Length, .. Encoding.ASCII.GetBytes(id), .. payload];

    /// <summary>A room with a sender and a receiver (and optionally a third member) on the JSON socket, all present.</summary>
    private sealed class RelayRoom : IAsyncDisposable
    {
        public required JsonRoomSocket Sender { get; init; }

        public required JsonRoomSocket Receiver { get; init; }

        public JsonRoomSocket? Third { get; init; }

        public static async Task<RelayRoom> StartAsync(MeursFactory factory, bool thirdMember = false)
        {
            using var api = ApiClient.For(factory);
            var owner = await Comuni.UserAsync(api, "snd");
            var guest = await Comuni.UserAsync(api, "rcv");
            var roomId = await Comuni.CreateRoomAsync(api, owner);
            var sender = await Comuni.JoinAsync(factory, roomId, owner);
            var receiver = await Comuni.JoinAsync(factory, roomId, guest);
            JsonRoomSocket? third = null;
            if (thirdMember)
            {
                var other = await Comuni.UserAsync(api, "thr");
                third = await Comuni.JoinAsync(factory, roomId, other);
                await receiver.ReceiveUntilMembersAsync(owner.Name, other.Name);
            }
            await sender.ReceiveUntilMembersAsync(guest.Name);
            return new RelayRoom { Sender = sender, Receiver = receiver, Third = third };
        }

        public async ValueTask DisposeAsync()
        {
            await Sender.DisposeAsync();
            await Receiver.DisposeAsync();
            if (Third is not null)
            {
                await Third.DisposeAsync();
            }
        }
    }
}
