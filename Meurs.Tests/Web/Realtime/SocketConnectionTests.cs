using System.Net.WebSockets;
using System.Text;
using Meurs.Tests.Web.Support;
using Meurs.Web.Realtime;
using Microsoft.Extensions.Logging.Abstractions;

namespace Meurs.Tests.Web.Realtime;

/// <summary>
/// <see cref="SocketConnection"/> over an in-process WebSocket pair whose transport holds at most ~1 KiB unread,
/// so a peer that stops reading really does stall the server's sends, as a slow network would.
/// </summary>
public sealed class SocketConnectionTests
{
    [Fact]
    public async Task TrySend_PeerNotReadingAndQueueFull_ClosesThatConnectionWith1013WhileOthersKeepReceiving()
    {
        await using var slow = SocketPair.Create();
        await using var fast = SocketPair.Create();
        var slowConnection = new SocketConnection(slow.Server, Guid.NewGuid(), "slow", outboundQueueLength: 4, maxIncomingBytes: 64 * 1024, NullLogger.Instance);
        var fastConnection = new SocketConnection(fast.Server, Guid.NewGuid(), "fast", outboundQueueLength: 4, maxIncomingBytes: 64 * 1024, NullLogger.Instance);
        using var stop = new CancellationTokenSource();
        var slowRun = slowConnection.RunAsync(_ => Task.CompletedTask, stop.Token);
        var fastRun = fastConnection.RunAsync(_ => Task.CompletedTask, stop.Token);
        SocketConnection[] both = [slowConnection, fastConnection];

        var published = new List<string>();
        var deliveredTo = new List<int>();
        for (var i = 0; i < 40; i++)
        {
            // 2 KiB each: one message in flight fills the slow peer's transport, the rest wait in its queue.
            var message = $"{i:D4}:" + new string('m', 2048);
            published.Add(message);
            deliveredTo.Add(both.Count(c => c.TrySend(message)));
            // The fast peer reads each message before the next is published, so only the slow one falls behind.
            Assert.Equal(message, await SocketPair.ReceiveTextAsync(fast.Client));
        }

        // Both got the first messages; once the slow queue overflowed, only the fast one did, to the end.
        var overflowAt = deliveredTo.IndexOf(1);
        Assert.True(overflowAt > 0, "the slow connection's queue never overflowed: " + string.Join(",", deliveredTo));
        Assert.All(deliveredTo.Take(overflowAt), n => Assert.Equal(2, n));
        Assert.All(deliveredTo.Skip(overflowAt), n => Assert.Equal(1, n));
        Assert.False(slowConnection.TrySend("more"));
        Assert.Equal(WebSocketState.Open, fast.Client.State);

        // The slow peer, once it reads again, gets what was already queued, in order, then a 1013 close.
        var received = new List<string>();
        while (await SocketPair.ReceiveTextAsync(slow.Client) is { } text)
        {
            received.Add(text);
        }
        Assert.Equal(SocketConnection.TryAgainLater, slow.Client.CloseStatus);
        Assert.Equal((WebSocketCloseStatus)1013, slow.Client.CloseStatus);
        Assert.Equal(published.Take(received.Count), received);
        Assert.True(received.Count <= overflowAt, $"{received.Count} received, {overflowAt} accepted");
        await slow.Client.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "", CancellationToken.None);
        await slowRun.WaitAsync(TestSocket.Patience);

        // The fast connection is unaffected and closes normally when asked.
        Assert.True(fastConnection.TrySend("after"));
        Assert.Equal("after", await SocketPair.ReceiveTextAsync(fast.Client));
        fastConnection.RequestClose(WebSocketCloseStatus.NormalClosure, "done");
        Assert.Null(await SocketPair.ReceiveTextAsync(fast.Client));
        Assert.Equal(WebSocketCloseStatus.NormalClosure, fast.Client.CloseStatus);
        await fast.Client.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "", CancellationToken.None);
        await fastRun.WaitAsync(TestSocket.Patience);
    }

    [Fact]
    public async Task ServerStopping_SendsWhatIsQueuedThenCloses1001()
    {
        await using var pair = SocketPair.Create();
        using var stopping = new CancellationTokenSource();
        var connection = new SocketConnection(pair.Server, Guid.NewGuid(), "leaving", outboundQueueLength: 4, maxIncomingBytes: 1024, NullLogger.Instance)
        {
            ServerStopping = stopping.Token,
        };
        var run = connection.RunAsync(_ => Task.CompletedTask, CancellationToken.None);
        Assert.True(connection.TrySend("last words"));

        await stopping.CancelAsync();

        Assert.Equal("last words", await SocketPair.ReceiveTextAsync(pair.Client));
        Assert.Null(await SocketPair.ReceiveTextAsync(pair.Client));
        Assert.Equal(WebSocketCloseStatus.EndpointUnavailable, pair.Client.CloseStatus);
        Assert.Equal("server shutting down", pair.Client.CloseStatusDescription);
        await pair.Client.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "", CancellationToken.None);
        await run.WaitAsync(TestSocket.Patience);
        Assert.False(connection.TrySend("after the close"));
    }

    [Fact]
    public async Task RequestClose_PeerNeverReadsAgain_AbortsTheSocketAfterTheStallTimeout()
    {
        await using var stalled = SocketPair.Create();
        var connection = new SocketConnection(stalled.Server, Guid.NewGuid(), "stalled", outboundQueueLength: 4, maxIncomingBytes: 1024, NullLogger.Instance, stalledPeerTimeout: TimeSpan.FromMilliseconds(200));
        var run = connection.RunAsync(_ => Task.CompletedTask, CancellationToken.None);

        // Fill the transport and the queue; the peer never reads, so the writer is stuck in a send.
        var overflowed = false;
        for (var i = 0; i < 20 && !overflowed; i++)
        {
            overflowed = !connection.TrySend(new string('x', 2048));
        }
        Assert.True(overflowed);

        // Without the abort this would wait for the peer forever.
        await run.WaitAsync(TestSocket.Patience);
        Assert.Equal(WebSocketState.Aborted, stalled.Server.State);
    }

    [Fact]
    public async Task RunAsync_TextMessages_ArePassedToTheHandlerInOrder()
    {
        await using var pair = SocketPair.Create();
        var connection = new SocketConnection(pair.Server, Guid.NewGuid(), "reader", outboundQueueLength: 4, maxIncomingBytes: 64, NullLogger.Instance);
        var seen = new List<string>();
        var run = connection.RunAsync(text =>
        {
            seen.Add(text);
            return Task.CompletedTask;
        }, CancellationToken.None);

        foreach (var text in new[] { "one", "two", "é" })
        {
            await pair.Client.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, CancellationToken.None);
        }
        // A message split over several frames is one message, and 64 bytes exactly is still allowed.
        await pair.Client.SendAsync(Encoding.UTF8.GetBytes(new string('a', 32)), WebSocketMessageType.Text, false, CancellationToken.None);
        await pair.Client.SendAsync(Encoding.UTF8.GetBytes(new string('b', 32)), WebSocketMessageType.Text, true, CancellationToken.None);
        await pair.Client.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None);
        await run.WaitAsync(TestSocket.Patience);

        Assert.Equal(["one", "two", "é", new string('a', 32) + new string('b', 32)], seen);
    }

    [Fact]
    public async Task RunAsync_MessageOverLimitAcrossFrames_ClosesWith1009()
    {
        await using var pair = SocketPair.Create();
        var connection = new SocketConnection(pair.Server, Guid.NewGuid(), "reader", outboundQueueLength: 4, maxIncomingBytes: 64, NullLogger.Instance);
        var seen = 0;
        var run = connection.RunAsync(_ =>
        {
            seen++;
            return Task.CompletedTask;
        }, CancellationToken.None);

        await pair.Client.SendAsync(Encoding.UTF8.GetBytes(new string('a', 40)), WebSocketMessageType.Text, false, CancellationToken.None);
        await pair.Client.SendAsync(Encoding.UTF8.GetBytes(new string('b', 25)), WebSocketMessageType.Text, true, CancellationToken.None);

        Assert.Null(await SocketPair.ReceiveTextAsync(pair.Client));
        Assert.Equal(WebSocketCloseStatus.MessageTooBig, pair.Client.CloseStatus);
        await pair.Client.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "", CancellationToken.None);
        await run.WaitAsync(TestSocket.Patience);
        Assert.Equal(0, seen);
    }
}
