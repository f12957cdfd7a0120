using System.IO.Pipelines;
using System.Net.WebSockets;
using System.Text;

namespace Meurs.Tests.Web.Support;

/// <summary>A server and a client WebSocket joined by two pipes; the server-to-client pipe pauses its writer at 1 KiB unread.</summary>
public sealed class SocketPair : IAsyncDisposable
{
    private readonly Pipe toClient = new(new PipeOptions(pauseWriterThreshold: 1024, resumeWriterThreshold: 512));
    private readonly Pipe toServer = new();

    private SocketPair()
    {
        var options = new WebSocketCreationOptions { KeepAliveInterval = TimeSpan.Zero };
        Server = WebSocket.CreateFromStream(new DuplexStream(toServer.Reader.AsStream(), toClient.Writer.AsStream()), new WebSocketCreationOptions { IsServer = true, KeepAliveInterval = TimeSpan.Zero });
        Client = WebSocket.CreateFromStream(new DuplexStream(toClient.Reader.AsStream(), toServer.Writer.AsStream()), options);
    }

    public WebSocket Server { get; }

    public WebSocket Client { get; }

    public static SocketPair Create() => new();

    /// <summary>The next text message, or null once the peer's close frame arrives.</summary>
    public static async Task<string?> ReceiveTextAsync(WebSocket socket)
    {
        using var timeout = new CancellationTokenSource(TestSocket.Patience);
        var buffer = new byte[4096];
        using var message = new MemoryStream();
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer.AsMemory(), timeout.Token);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }
            message.Write(buffer, 0, result.Count);
            if (result.EndOfMessage)
            {
                return Encoding.UTF8.GetString(message.ToArray());
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        Client.Abort();
        Server.Abort();
        Client.Dispose();
        Server.Dispose();
        await toClient.Writer.CompleteAsync();
        await toServer.Writer.CompleteAsync();
        await toClient.Reader.CompleteAsync();
        await toServer.Reader.CompleteAsync();
    }
}

internal sealed class DuplexStream(Stream input, Stream output) : Stream
{
    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => input.Read(buffer, offset, count);

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => input.ReadAsync(buffer, cancellationToken);

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => input.ReadAsync(buffer, offset, count, cancellationToken);

    public override void Write(byte[] buffer, int offset, int count) => output.Write(buffer, offset, count);

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) => output.WriteAsync(buffer, cancellationToken);

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => output.WriteAsync(buffer, offset, count, cancellationToken);

    public override void Flush() => output.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => output.FlushAsync(cancellationToken);

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            input.Dispose();
            output.Dispose();
        }
        base.Dispose(disposing);
    }
}
