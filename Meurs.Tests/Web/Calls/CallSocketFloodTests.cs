using System.Net.Sockets;
using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text;
using Meurs.Tests.Web.Cli;
using Meurs.Web.Realtime;

namespace Meurs.Tests.Web.Calls;

/// <summary>
/// A flood on the call socket over real TCP (Kestrel on loopback) ends in a clean close: the close frame with 1013, the
/// client's answer accepted, and the TCP connection finished (FIN), never reset. The client is a WebSocket over a plain
/// TCP stream so the test can see how the connection ended: a server that stops reading and closes while the flood is
/// still in its receive buffer makes the kernel send a reset, which fails the client's last write and read.
/// </summary>
public sealed class CallSocketFloodTests
{
    private const int Messages = 10_000;

    private static readonly byte[] Message = Encoding.UTF8.GetBytes("""{"type":"state","muted":true,"deafened":false,"camera":false,"screen":false}""");

    [Fact]
    public async Task Flood_WithoutReading_EndsWith1013AndACleanTcpClose()
    {
        await using var client = await FloodClient.ConnectAsync("flood");

        // Past the burst every message is answered rate_limited; unread, those answers fill the connection's queue and the
        // server asks to close with 1013 while most of the flood is still on its way in.
        await client.FloodAsync(Messages);
        var status = await client.ReadUntilCloseAsync();
        var afterClose = await client.AnswerCloseAndReadTcpAsync();

        Assert.Equal(SocketConnection.TryAgainLater, status);
        Assert.Equal(0, afterClose); // FIN: a reset throws IOException here instead
    }

    [Fact]
    public async Task Flood_ThatGoesOnWhileTheCloseFrameIsOnItsWay_StillEndsWith1013AndACleanTcpClose()
    {
        // The attack run's client: it floods, then reads while it goes on flooding, and stops sending only when it sees
        // the close frame. A server that stops reading once its close frame has gone out ends the request while frames
        // keep arriving, and a socket that receives data after it is closed answers with a reset.
        await using var client = await FloodClient.ConnectAsync("flood2");

        // Unread, the rate_limited answers fill the queue and the server asks to close with 1013; its close frame waits
        // behind the answers the client has not read.
        await client.FloodAsync(Messages);
        using var closeSeen = CancellationTokenSource.CreateLinkedTokenSource(client.Timeout);
        var sent = 0;
        var flooding = Task.Run(async () =>
        {
            while (!closeSeen.IsCancellationRequested)
            {
                await client.Socket.SendAsync(Message, WebSocketMessageType.Text, true, client.Timeout);
                Interlocked.Increment(ref sent);
            }
        });
        // The flood is under way before the client starts reading, so it is still going when the close frame comes.
        while (Volatile.Read(ref sent) < 500 && !flooding.IsCompleted)
        {
            await Task.Delay(10, client.Timeout);
        }
        var status = await client.ReadUntilCloseAsync();
        await closeSeen.CancelAsync();
        await flooding;
        var afterClose = await client.AnswerCloseAndReadTcpAsync();

        Assert.True(Volatile.Read(ref sent) >= 500, "the client went on flooding while it read");
        Assert.Equal(SocketConnection.TryAgainLater, status);
        Assert.Equal(0, afterClose); // FIN: a reset throws IOException here or in the client's answering close
    }

    // A call-socket client over a plain TCP stream, so a test can see how the connection ended.
    private sealed class FloodClient : IAsyncDisposable
    {
        private readonly LiveServer live;
        private readonly CancellationTokenSource timeout = new(TimeSpan.FromSeconds(60));
        private readonly TcpClient tcp = new();
        private readonly byte[] buffer = new byte[64 * 1024];
        private NetworkStream stream = null!;

        private FloodClient(LiveServer live) => this.live = live;

        public WebSocket Socket { get; private set; } = null!;

        public CancellationToken Timeout => timeout.Token;

        public static async Task<FloodClient> ConnectAsync(string prefix)
        {
            // A loaded machine may take a while to push the whole flood; the server must not give up on it as a stalled peer.
            var client = new FloodClient(LiveServer.With(new Dictionary<string, string?> { ["Realtime:StalledPeerTimeout"] = "00:01:00" }));
            var (_, token) = await client.live.Api.NewAccountWithTokenAsync(prefix);
            var roomId = await client.live.CreateRoomAsync(token);
            await client.tcp.ConnectAsync(client.live.BaseAddress.Host, client.live.BaseAddress.Port, client.Timeout);
            client.stream = client.tcp.GetStream();
            await UpgradeAsync(client.stream, client.live.BaseAddress.Authority, $"/ws/voice/{roomId}", token, client.Timeout);
            // The WebSocket disposes its stream once closed; the test still needs to read the TCP stream after that.
            client.Socket = WebSocket.CreateFromStream(new KeptOpen(client.stream), new WebSocketCreationOptions { IsServer = false, KeepAliveInterval = TimeSpan.Zero });
            return client;
        }

        public async Task FloodAsync(int messages)
        {
            for (var i = 0; i < messages; i++)
            {
                await Socket.SendAsync(Message, WebSocketMessageType.Text, true, Timeout);
            }
        }

        // Reads (and drops) until the server's close frame; its status.
        public async Task<WebSocketCloseStatus?> ReadUntilCloseAsync()
        {
            while ((await Socket.ReceiveAsync(buffer, Timeout)).MessageType != WebSocketMessageType.Close)
            {
            }
            return Socket.CloseStatus;
        }

        // Answers the close, then reads the TCP stream: 0 is a FIN, a reset throws.
        public async Task<int> AnswerCloseAndReadTcpAsync()
        {
            await Socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "", Timeout);
            return await stream.ReadAsync(buffer, Timeout);
        }

        public ValueTask DisposeAsync()
        {
            Socket?.Dispose();
            tcp.Dispose();
            timeout.Dispose();
            live.Dispose();
            return ValueTask.CompletedTask;
        }
    }

    // RFC 6455 §4.1, the client's opening handshake, read up to the blank line and not a byte further.
    private static async Task UpgradeAsync(NetworkStream stream, string authority, string path, string token, CancellationToken cancellationToken)
    {
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
        var request = $"GET {path} HTTP/1.1\r\nHost: {authority}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + $"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\nAuthorization: Bearer {token}\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request), cancellationToken);
        var head = new StringBuilder();
        var one = new byte[1];
        while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            Assert.Equal(1, await stream.ReadAsync(one, cancellationToken));
            head.Append((char)one[0]);
        }
        Assert.StartsWith("HTTP/1.1 101", head.ToString(), StringComparison.Ordinal);
    }

    // Passes everything through to the TCP stream except Dispose.
    private sealed class KeptOpen(Stream inner) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush() => inner.Flush();

        public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => inner.ReadAsync(buffer, cancellationToken);

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => inner.ReadAsync(buffer, offset, count, cancellationToken);

        public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) => inner.WriteAsync(buffer, cancellationToken);

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => inner.WriteAsync(buffer, offset, count, cancellationToken);

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
