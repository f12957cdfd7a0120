using System.Text.Json;
using Meurs.Tests.Web.Support;
using Meurs.Web.Realtime;

namespace Meurs.Tests.Web.Realtime;

/// <summary>The realtime fabric on its own: policies, audiences, sequence numbers and gapless subscribe, presence, rendering once.</summary>
public sealed class FabricTests
{
    private static readonly ChannelId Channel = ChannelId.Room("abc-d1e");

    [Fact]
    public async Task Policies_StrangerAndUnknownKind_AreRefusedAndOthersAllowed()
    {
        await using var fabric = Fabric.Create();
        var member = new ChannelUser(Guid.NewGuid(), "ann");
        var stranger = new ChannelUser(fabric.Policy.Stranger, "eve");

        Assert.Null(await fabric.Policies.AuthorizeSubscribeAsync(member, Channel, CancellationToken.None));
        var refused = await fabric.Policies.AuthorizeSubscribeAsync(stranger, Channel, CancellationToken.None);
        Assert.Equal(("not_found", 404), (refused!.Code, refused.Status));
        // Watching defaults to the subscribe rule.
        Assert.Equal("not_found", (await fabric.Policies.AuthorizeWatchAsync(stranger, Channel, CancellationToken.None))!.Code);
        // A kind nobody registered a policy for is refused, never allowed by default.
        Assert.Equal("not_found", (await fabric.Policies.AuthorizeSubscribeAsync(member, ChannelId.Call("abc-d1e"), CancellationToken.None))!.Code);
        Assert.Equal("forbidden", (await fabric.Policy.AuthorizeCommandAsync(member, Channel, "forbidden", CancellationToken.None))!.Code);
        Assert.Null(await fabric.Policy.AuthorizeCommandAsync(member, Channel, "chat", CancellationToken.None));
    }

    [Fact]
    public void Policies_TwoForOneKind_FailAtStartUp()
    {
        var one = new Fabric.TestPolicy(TimeSpan.Zero);
        var two = new Fabric.TestPolicy(TimeSpan.Zero);

        Assert.Throws<InvalidOperationException>(() => new ChannelPolicies([one, two]));
    }

    [Fact]
    public async Task Publish_EachAudience_ReachesExactlyItsConnections()
    {
        await using var fabric = Fabric.Create();
        var ann = Guid.NewGuid();
        var bob = Guid.NewGuid();
        var annTab1 = await fabric.SubscribeAsync(Channel, ann);
        var annTab2 = await fabric.SubscribeAsync(Channel, ann);
        var bobTab = await fabric.SubscribeAsync(Channel, bob);
        foreach (var tab in new[] { annTab1, annTab2, bobTab })
        {
            Assert.Contains("line.history", await SocketPair.ReceiveTextAsync(tab.Pair.Client), StringComparison.Ordinal);
        }

        await fabric.SayAsync(Channel, "to everyone");
        await fabric.SayAsync(Channel, "to bob", Audience.ToUsers(bob));
        await fabric.SayAsync(Channel, "not to ann's first tab", Audience.AllBut(annTab1.Connection.Id));
        await fabric.SayAsync(Channel, "to ann but not her second tab", new Audience([ann], annTab2.Connection.Id));
        await fabric.SayAsync(Channel, "end");

        Assert.Equal(["to everyone", "to ann but not her second tab", "end"], await TextsUntilEndAsync(annTab1.Pair));
        Assert.Equal(["to everyone", "not to ann's first tab", "end"], await TextsUntilEndAsync(annTab2.Pair));
        Assert.Equal(["to everyone", "to bob", "not to ann's first tab", "end"], await TextsUntilEndAsync(bobTab.Pair));
    }

    [Fact]
    public async Task Publish_OneEventToManyConnections_IsRenderedOncePerProtocol()
    {
        await using var fabric = Fabric.Create();
        var pages = new List<(SocketConnection Connection, SocketPair Pair)>();
        var programs = new List<(SocketConnection Connection, SocketPair Pair)>();
        for (var i = 0; i < 20; i++)
        {
            pages.Add(await fabric.SubscribeAsync(Channel, Guid.NewGuid(), SocketProtocol.Htmx));
            programs.Add(await fabric.SubscribeAsync(Channel, Guid.NewGuid(), SocketProtocol.Json));
        }

        await fabric.SayAsync(Channel, "hello");

        Assert.Equal((1, 1), (fabric.View.HtmxRenders, fabric.View.JsonRenders));
        foreach (var page in pages)
        {
            await SocketPair.ReceiveTextAsync(page.Pair.Client); // the snapshot
            Assert.Contains("1:hello", await SocketPair.ReceiveTextAsync(page.Pair.Client), StringComparison.Ordinal);
        }
        foreach (var program in programs)
        {
            await SocketPair.ReceiveTextAsync(program.Pair.Client);
            Assert.Contains("\"text\":\"hello\"", await SocketPair.ReceiveTextAsync(program.Pair.Client), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Subscribe_RacingWrites_EverySubscriberSeesEachSequenceNumberExactlyOnceInOrder()
    {
        await using var fabric = Fabric.Create();
        const int Count = 300;
        var writer = Task.Run(async () =>
        {
            for (var i = 1; i <= Count; i++)
            {
                await fabric.SayAsync(Channel, "m" + i);
            }
        });
        // Subscribers arrive while the writer writes: each must get the history up to its moment, then everything after.
        var subscribers = new List<Task<(SocketConnection Connection, SocketPair Pair)>>();
        for (var i = 0; i < 12; i++)
        {
            subscribers.Add(fabric.SubscribeAsync(Channel, Guid.NewGuid()));
            await Task.Yield();
        }
        await writer;
        await fabric.SayAsync(Channel, "end");

        foreach (var subscriber in await Task.WhenAll(subscribers))
        {
            var seqs = new List<long>();
            using (var history = JsonDocument.Parse((await SocketPair.ReceiveTextAsync(subscriber.Pair.Client))!))
            {
                seqs.AddRange(history.RootElement.GetProperty("data").EnumerateArray().Select(l => l.GetProperty("seq").GetInt64()));
            }
            while (true)
            {
                using var live = JsonDocument.Parse((await SocketPair.ReceiveTextAsync(subscriber.Pair.Client))!);
                var data = live.RootElement.GetProperty("data");
                seqs.Add(data.GetProperty("seq").GetInt64());
                if (data.GetProperty("text").GetString() == "end")
                {
                    break;
                }
            }
            Assert.Equal(Enumerable.Range(1, Count + 1).Select(i => (long)i), seqs);
        }
    }

    [Fact]
    public async Task Subscribe_AfterASequenceNumber_ReplaysExactlyWhatCameAfter()
    {
        await using var fabric = Fabric.Create();
        for (var i = 1; i <= 5; i++)
        {
            await fabric.SayAsync(Channel, "m" + i);
        }

        var resumed = await fabric.SubscribeAsync(Channel, Guid.NewGuid(), after: 3);
        await fabric.SayAsync(Channel, "m6");

        using var replay = JsonDocument.Parse((await SocketPair.ReceiveTextAsync(resumed.Pair.Client))!);
        Assert.Equal([4L, 5L], replay.RootElement.GetProperty("data").EnumerateArray().Select(l => l.GetProperty("seq").GetInt64()));
        Assert.Contains("\"seq\":6", await SocketPair.ReceiveTextAsync(resumed.Pair.Client), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Write_Throws_NoNumberIsUsedAndNothingIsPublished()
    {
        await using var fabric = Fabric.Create();
        var tab = await fabric.SubscribeAsync(Channel, Guid.NewGuid());
        await SocketPair.ReceiveTextAsync(tab.Pair.Client);

        await Assert.ThrowsAsync<InvalidOperationException>(() => fabric.Hub.WriteAsync<bool>(Channel, write =>
        {
            write.NextSeq();
            write.Publish(new Fabric.Said("never", 1));
            throw new InvalidOperationException("disk full");
        }));
        await fabric.SayAsync(Channel, "after");

        Assert.Contains("\"seq\":1,\"text\":\"after\"", await SocketPair.ReceiveTextAsync(tab.Pair.Client), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChannelState_LastSubscriberGone_IsDropped()
    {
        await using var fabric = Fabric.Create();
        var tabs = new List<SocketConnection>();
        for (var i = 0; i < 5; i++)
        {
            tabs.Add((await fabric.SubscribeAsync(ChannelId.Room($"room{i:D3}"), Guid.NewGuid())).Connection);
        }
        await fabric.SayAsync(ChannelId.Room("nobody1"), "into the void");
        Assert.Equal(5, fabric.Hub.ActiveChannelCount);

        for (var i = 0; i < 5; i++)
        {
            fabric.Hub.Unsubscribe(tabs[i], ChannelId.Room($"room{i:D3}"));
        }

        Assert.Equal(0, fabric.Hub.ActiveChannelCount);
    }

    [Fact]
    public async Task Presence_LastConnectionClosed_DepartsOnlyAfterTheGracePeriodOnTheClock()
    {
        await using var fabric = Fabric.Create(grace: TimeSpan.FromSeconds(5));
        var ann = new ChannelUser(Guid.NewGuid(), "ann");
        var tab1 = Guid.NewGuid();
        var tab2 = Guid.NewGuid();

        Assert.True((await fabric.Presence.ConnectAsync(Channel, ann, tab1)).Arrived);
        Assert.False((await fabric.Presence.ConnectAsync(Channel, ann, tab2)).Arrived);
        await fabric.Presence.DisconnectAsync(Channel, ann.Id, tab1);
        await fabric.Presence.DisconnectAsync(Channel, ann.Id, tab2);
        fabric.Clock.Advance(TimeSpan.FromSeconds(4.9));
        Assert.True(fabric.Presence.IsPresent(Channel, ann.Id));

        // A reload within the grace period: no departure, no second arrival.
        var tab3 = Guid.NewGuid();
        Assert.False((await fabric.Presence.ConnectAsync(Channel, ann, tab3)).Arrived);
        fabric.Clock.Advance(TimeSpan.FromSeconds(10));
        Assert.True(fabric.Presence.IsPresent(Channel, ann.Id));

        await fabric.Presence.DisconnectAsync(Channel, ann.Id, tab3);
        fabric.Clock.Advance(TimeSpan.FromSeconds(4.9));
        Assert.Equal(["arrived ann"], fabric.Listener.Heard);
        fabric.Clock.Advance(TimeSpan.FromSeconds(0.2));

        await Poll.UntilAsync(() => Task.FromResult(fabric.Listener.Heard.Count == 2), "the departure");
        Assert.Equal(["arrived ann", "departed ann"], fabric.Listener.Heard);
        Assert.False(fabric.Presence.IsPresent(Channel, ann.Id));
        Assert.Empty(fabric.Presence.Present(Channel));
    }

    [Fact]
    public async Task Presence_LeaveOnPurpose_DepartsAtOnceWhateverTheConnections()
    {
        await using var fabric = Fabric.Create(grace: TimeSpan.FromMinutes(2));
        var ann = new ChannelUser(Guid.NewGuid(), "ann");
        await fabric.Presence.ConnectAsync(Channel, ann, Guid.NewGuid());

        await fabric.Presence.LeaveAsync(Channel, ann.Id);

        Assert.Equal(["arrived ann", "departed ann on purpose"], fabric.Listener.Heard);
        Assert.Empty(fabric.Presence.Present(Channel));
    }

    [Fact]
    public async Task Reauthorize_PermissionTakenAway_EndsThatPersonsSubscriptionAtOnceAndOnlyTheirs()
    {
        await using var fabric = Fabric.Create();
        var ann = Guid.NewGuid();
        var bob = Guid.NewGuid();
        var annProgram = await fabric.SubscribeAsync(Channel, ann);
        var annPage = await fabric.SubscribeAsync(Channel, ann, SocketProtocol.Htmx);
        var bobTab = await fabric.SubscribeAsync(Channel, bob);
        await SocketPair.ReceiveTextAsync(annProgram.Pair.Client);
        await SocketPair.ReceiveTextAsync(annPage.Pair.Client);
        await SocketPair.ReceiveTextAsync(bobTab.Pair.Client);

        // Nothing changed: nobody is refused, nothing ends.
        Assert.Equal(0, await fabric.Hub.ReauthorizeAsync(c => c == Channel));
        fabric.Policy.Revoked.Add(ann);
        // A channel the predicate does not select is not asked about.
        Assert.Equal(0, await fabric.Hub.ReauthorizeAsync(c => c != Channel));
        Assert.Equal(2, await fabric.Hub.ReauthorizeAsync(c => c == Channel));

        // Ann's program is told why, then closed with 4003; her page gets the notice and a normal close (no reconnect).
        using (var revoked = JsonDocument.Parse((await SocketPair.ReceiveTextAsync(annProgram.Pair.Client))!))
        {
            Assert.Equal("access.revoked", revoked.RootElement.GetProperty("type").GetString());
            Assert.Equal(Channel.ToString(), revoked.RootElement.GetProperty("data").GetProperty("channel").GetString());
        }
        Assert.Null(await SocketPair.ReceiveTextAsync(annProgram.Pair.Client));
        Assert.Equal(AccessRevoked.ProgramCode, annProgram.Pair.Client.CloseStatus);
        Assert.Contains("access-revoked", await SocketPair.ReceiveTextAsync(annPage.Pair.Client), StringComparison.Ordinal);
        Assert.Null(await SocketPair.ReceiveTextAsync(annPage.Pair.Client));
        Assert.Equal(System.Net.WebSockets.WebSocketCloseStatus.NormalClosure, annPage.Pair.Client.CloseStatus);

        // Bob carries on, and the channel no longer delivers to Ann.
        await fabric.SayAsync(Channel, "end");
        Assert.Equal(["end"], await TextsUntilEndAsync(bobTab.Pair));
        Assert.Equal(1, fabric.Hub.SubscriberCount(Channel));
    }

    [Fact]
    public async Task Reauthorize_WatchedChannelRefused_StopsDeliveringItButKeepsTheSocket()
    {
        await using var fabric = Fabric.Create();
        var ann = Guid.NewGuid();
        var watched = ChannelId.Room("wat-c1e");
        var tab = await fabric.SubscribeAsync(Channel, ann);
        await SocketPair.ReceiveTextAsync(tab.Pair.Client);
        await fabric.WatchAsync(tab.Connection, watched);
        await SocketPair.ReceiveTextAsync(tab.Pair.Client);

        fabric.Policy.Revoked.Add(ann);
        Assert.Equal(1, await fabric.Hub.ReauthorizeAsync(c => c == watched));

        await fabric.SayAsync(watched, "not for ann any more");
        Assert.Equal(0, fabric.Hub.SubscriberCount(watched));
        // Her own channel was not re-asked, so it still delivers, and her socket is open.
        await fabric.SayAsync(Channel, "end");
        Assert.Equal(["end"], await TextsUntilEndAsync(tab.Pair));
        Assert.Equal(System.Net.WebSockets.WebSocketState.Open, tab.Pair.Client.State);
    }

    private static async Task<List<string>> TextsUntilEndAsync(SocketPair pair)
    {
        var texts = new List<string>();
        while (true)
        {
            using var json = JsonDocument.Parse((await SocketPair.ReceiveTextAsync(pair.Client))!);
            var text = json.RootElement.GetProperty("data").GetProperty("text").GetString()!;
            texts.Add(text);
            if (text == "end")
            {
                return texts;
            }
        }
    }

    [Fact]
    public async Task StreamParts_ReceiverNotReading_MissesTheStreamKeepsItsSocketAndGetsChatAfter()
    {
        // Issue 10, finding 3: one member's transfer must never get another member disconnected. Before, the parts went
        // into the reliable queue and a receiver that did not read was closed with 1013.
        await using var fabric = Fabric.Create();
        var reader = await fabric.SubscribeAsync(Channel, Guid.NewGuid());
        var slow = await fabric.SubscribeAsync(Channel, Guid.NewGuid(), maxQueuedStreamBytes: 64 * 1024);
        Assert.Equal("line.history", Type(await SocketPair.ReceiveTextAsync(reader.Pair.Client)));
        Assert.Equal("line.history", Type(await SocketPair.ReceiveTextAsync(slow.Pair.Client)));

        const int parts = 40;
        for (var i = 0; i < parts; i++)
        {
            var bytes = new byte[16 * 1024];
            bytes[0] = (byte)i;
            await fabric.Hub.PublishAsync(Channel, new BinaryRelayed(bytes, "t1", new Fabric.StreamMissed("t1")));
            // The reader takes each part as it comes; the slow one reads nothing while the transfer lasts.
            Assert.Equal((byte)i, (await ReceiveBinaryAsync(reader.Pair.Client))[0]);
        }
        await fabric.Hub.PublishAsync(Channel, new Fabric.StreamEnded("t1"));
        await fabric.SayAsync(Channel, "after the transfer");

        Assert.Equal("stream.ended", Type(await SocketPair.ReceiveTextAsync(reader.Pair.Client)));
        Assert.Equal("line.created", Type(await SocketPair.ReceiveTextAsync(reader.Pair.Client)));
        // The slow one reads again: the parts that fitted, in order, then that it missed the stream, nothing more of
        // the stream (not its end either), then the chat; its socket was never closed.
        var got = new List<byte>();
        string? text;
        while ((text = await ReceiveTextOrBinaryAsync(slow.Pair.Client, got)) is null)
        {
        }
        Assert.Equal("stream.missed", Type(text));
        Assert.InRange(got.Count, 1, parts - 1);
        Assert.Equal(Enumerable.Range(0, got.Count).Select(i => (byte)i), got);
        Assert.Equal("line.created", Type(await SocketPair.ReceiveTextAsync(slow.Pair.Client)));
        Assert.Equal(System.Net.WebSockets.WebSocketState.Open, slow.Pair.Client.State);
        Assert.False(slow.Connection.HasMissed("t1"), "the stream's end should clear the miss");
    }

    private static string Type(string? json)
    {
        Assert.NotNull(json);
        using var document = JsonDocument.Parse(json);
        return document.RootElement.GetProperty("type").GetString()!;
    }

    private static async Task<byte[]> ReceiveBinaryAsync(System.Net.WebSockets.WebSocket socket)
    {
        var got = new List<byte>();
        var text = await ReceiveTextOrBinaryAsync(socket, got);
        Assert.Null(text);
        return [.. got];
    }

    // A text message is returned; a binary one adds its first byte to `firstBytes` (or all of it, when alone) and returns null.
    private static async Task<string?> ReceiveTextOrBinaryAsync(System.Net.WebSockets.WebSocket socket, List<byte> firstBytes)
    {
        using var timeout = new CancellationTokenSource(TestSocket.Patience);
        var buffer = new byte[64 * 1024];
        var length = 0;
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer.AsMemory(length), timeout.Token);
            Assert.NotEqual(System.Net.WebSockets.WebSocketMessageType.Close, result.MessageType);
            length += result.Count;
            if (result.EndOfMessage)
            {
                if (result.MessageType == System.Net.WebSockets.WebSocketMessageType.Text)
                {
                    return System.Text.Encoding.UTF8.GetString(buffer, 0, length);
                }
                firstBytes.Add(buffer[0]);
                return null;
            }
        }
    }
}
