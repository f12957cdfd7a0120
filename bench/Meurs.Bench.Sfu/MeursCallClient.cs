using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace Meurs.Bench.Sfu;

/// <summary>
/// A bot as a real participant of a Meurs call: one <c>/ws/voice/{room}</c> socket (bearer token, no Origin) and one
/// <see cref="RtcBot"/>. A publisher sends <c>{"type":"publish","sdp","sources"}</c> and connects with the answer; a
/// subscriber answers every <c>subscribe-offer</c> (the same ICE credentials and certificate each time, as a browser's
/// one RTCPeerConnection does) and connects after its first answer. Publishers ignore the subscribe offers they get.
/// </summary>
internal sealed class MeursCallClient : IAsyncDisposable
{
    private readonly ClientWebSocket socket = new();
    private readonly RtcBot bot;
    private readonly bool subscriber;
    private readonly CancellationTokenSource stop = new();
    private readonly TaskCompletionSource<string> publishAnswer = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource joined = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly SemaphoreSlim sendGate = new(1, 1);
    private Task? readLoop;

    public MeursCallClient(RtcBot bot, bool subscriber)
    {
        this.bot = bot;
        this.subscriber = subscriber;
    }

    public string? LastError { get; private set; }

    /// <summary>Opens the call socket and waits for the first participants list (being in the call).</summary>
    public async Task ConnectAsync(Uri callSocket, string token, CancellationToken cancellationToken)
    {
        socket.Options.SetRequestHeader("Authorization", "Bearer " + token);
        await socket.ConnectAsync(callSocket, cancellationToken);
        readLoop = Task.Run(ReadLoopAsync, CancellationToken.None);
        await joined.Task.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
    }

    /// <summary>Publishes one track of <paramref name="kind"/> and starts ICE and DTLS towards the answer's candidate.</summary>
    public async Task PublishAsync(string kind, uint ssrc, CancellationToken cancellationToken)
    {
        var offer = BotSdp.PublishOffer(bot, kind, ssrc);
        await SendAsync(JsonSerializer.Serialize(new { type = "publish", sdp = offer, sources = new Dictionary<string, string> { ["0"] = kind == "video" ? "camera" : "mic" } }), cancellationToken);
        var answer = BotSdp.Parse(await publishAnswer.Task.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken));
        var (candidate, ufrag, password, fingerprint, role) = BotSdp.Remote(answer, isOffer: false);
        bot.Start(candidate, ufrag, password, fingerprint, role);
    }

    private async Task ReadLoopAsync()
    {
        var buffer = new byte[64 * 1024];
        var message = new MemoryStream();
        try
        {
            while (!stop.IsCancellationRequested && socket.State == WebSocketState.Open)
            {
                var result = await socket.ReceiveAsync(buffer, stop.Token);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    LastError ??= $"socket closed: {result.CloseStatus} {result.CloseStatusDescription}";
                    break;
                }
                message.Write(buffer, 0, result.Count);
                if (!result.EndOfMessage)
                {
                    continue;
                }
                var text = Encoding.UTF8.GetString(message.GetBuffer(), 0, (int)message.Length);
                message.SetLength(0);
                await OnMessageAsync(text);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or ObjectDisposedException)
        {
            if (!stop.IsCancellationRequested)
            {
                LastError ??= ex.Message;
            }
        }
        finally
        {
            publishAnswer.TrySetException(new InvalidOperationException("call socket ended: " + LastError));
            joined.TrySetException(new InvalidOperationException("call socket ended: " + LastError));
        }
    }

    private async Task OnMessageAsync(string text)
    {
        using var json = JsonDocument.Parse(text);
        var root = json.RootElement;
        switch (root.GetProperty("type").GetString())
        {
            case "participants":
                joined.TrySetResult();
                break;
            case "publish-answer":
                publishAnswer.TrySetResult(root.GetProperty("sdp").GetString()!);
                break;
            case "subscribe-offer" when subscriber:
                var offer = BotSdp.Parse(root.GetProperty("sdp").GetString()!);
                var answer = BotSdp.SubscribeAnswer(bot, offer);
                await SendAsync(JsonSerializer.Serialize(new { type = "subscribe-answer", sdp = answer }), stop.Token);
                if (!bot.IsStarted)
                {
                    var (candidate, ufrag, password, fingerprint, role) = BotSdp.Remote(offer, isOffer: true);
                    bot.Start(candidate, ufrag, password, fingerprint, role);
                }
                break;
            case "error":
                LastError = text;
                publishAnswer.TrySetException(new InvalidOperationException("Meurs refused: " + text));
                break;
        }
    }

    private async Task SendAsync(string text, CancellationToken cancellationToken)
    {
        await sendGate.WaitAsync(cancellationToken);
        try
        {
            await socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, cancellationToken);
        }
        finally
        {
            sendGate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        try
        {
            if (socket.State == WebSocketState.Open)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bench done", timeout.Token);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
        }
        if (readLoop is not null)
        {
            await readLoop.WaitAsync(TimeSpan.FromSeconds(3)).ContinueWith(_ => { }, TaskScheduler.Default);
        }
        socket.Dispose();
        stop.Dispose();
        sendGate.Dispose();
    }
}
