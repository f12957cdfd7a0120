using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace Meurs.Bench.Sfu;

/// <summary>
/// Janus' HTTP API (janus.transport.http, <c>/janus</c>): one session, one handle per peer connection on the videoroom
/// plugin, and one long poll (<c>GET /janus/{session}?maxev=…</c>) that hands each handle's asynchronous plugin events
/// to whoever waits for them. The long poll is also the session's keep-alive.
/// </summary>
internal sealed class JanusClient : IAsyncDisposable
{
    private readonly HttpClient http;
    private readonly ConcurrentDictionary<long, Channel<JsonNode>> events = new();
    private readonly CancellationTokenSource stop = new();
    private long session;
    private long transaction;
    private Task? poll;

    public JanusClient(Uri baseAddress)
    {
        http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 32 }) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(90) };
    }

    private static readonly bool Verbose = Environment.GetEnvironmentVariable("BENCH_VERBOSE") == "1";

    public async Task CreateSessionAsync(CancellationToken cancellationToken)
    {
        var created = await PostAsync("janus", new JsonObject { ["janus"] = "create" }, cancellationToken);
        session = created["data"]!["id"]!.GetValue<long>();
        poll = Task.Run(PollAsync, CancellationToken.None);
    }

    /// <summary>Attaches a videoroom handle; returns its id.</summary>
    public async Task<long> AttachAsync(CancellationToken cancellationToken)
    {
        var attached = await PostAsync($"janus/{session}", new JsonObject { ["janus"] = "attach", ["plugin"] = "janus.plugin.videoroom" }, cancellationToken);
        var handle = attached["data"]!["id"]!.GetValue<long>();
        events[handle] = Channel.CreateUnbounded<JsonNode>();
        return handle;
    }

    /// <summary>A synchronous plugin request (create, list, …): returns plugindata.data.</summary>
    public async Task<JsonNode> RequestAsync(long handle, JsonObject body, CancellationToken cancellationToken)
    {
        var reply = await PostAsync($"janus/{session}/{handle}", new JsonObject { ["janus"] = "message", ["body"] = body }, cancellationToken);
        return reply["plugindata"]?["data"] ?? throw new InvalidOperationException("janus: no plugin data in " + reply.ToJsonString());
    }

    /// <summary>
    /// An asynchronous plugin request (join, start, …) with an optional JSEP: waits for the handle's next plugin event
    /// that <paramref name="accept"/>s (other events, such as new-publisher notices, are skipped) or carries an error,
    /// and returns it whole (plugindata and jsep).
    /// </summary>
    public async Task<JsonNode> MessageAsync(long handle, JsonObject body, JsonObject? jsep, Func<JsonNode, bool> accept, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var message = new JsonObject { ["janus"] = "message", ["body"] = body };
        if (jsep is not null)
        {
            message["jsep"] = jsep;
        }
        await PostAsync($"janus/{session}/{handle}", message, cancellationToken);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        while (true)
        {
            var reply = await events[handle].Reader.ReadAsync(limit.Token);
            if (reply["plugindata"]?["data"]?["error"] is { } error)
            {
                throw new InvalidOperationException("janus refused: " + error);
            }
            if (accept(reply))
            {
                return reply;
            }
        }
    }

    /// <summary>Tells Janus that this handle's candidates are all in the SDP already (half trickle).</summary>
    public Task TrickleCompletedAsync(long handle, CancellationToken cancellationToken) =>
        PostAsync($"janus/{session}/{handle}", new JsonObject { ["janus"] = "trickle", ["candidate"] = new JsonObject { ["completed"] = true } }, cancellationToken);

    private async Task<JsonNode> PostAsync(string path, JsonObject request, CancellationToken cancellationToken)
    {
        request["transaction"] = "t" + Interlocked.Increment(ref transaction);
        using var response = await http.PostAsJsonAsync(path, request, cancellationToken);
        var reply = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken)) ?? throw new InvalidOperationException("janus: empty reply");
        var kind = reply["janus"]?.GetValue<string>();
        if (kind is not ("success" or "ack"))
        {
            throw new InvalidOperationException($"janus: {request["janus"]} → {reply.ToJsonString()}");
        }
        return reply;
    }

    private async Task PollAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                var text = await http.GetStringAsync($"janus/{session}?maxev=100", stop.Token);
                var reply = JsonNode.Parse(text);
                var list = reply is JsonArray array ? array.ToList() : [reply];
                foreach (var item in list)
                {
                    if (item is null)
                    {
                        continue;
                    }
                    var kind = item["janus"]?.GetValue<string>();
                    var sender = item["sender"]?.GetValue<long>() ?? 0;
                    if (kind == "event" && item["plugindata"] is not null && events.TryGetValue(sender, out var channel))
                    {
                        channel.Writer.TryWrite(item);
                    }
                    else if (kind is "hangup" or "detached" or "timeout")
                    {
                        Notice(item.ToJsonString());
                    }
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is HttpRequestException or JsonException or TaskCanceledException)
            {
                Notice("long poll: " + ex.Message);
                await Task.Delay(200, CancellationToken.None);
            }
        }
    }

    // Hang-ups and poll errors: the figures show their effect (loss); the details only matter when debugging.
    private static void Notice(string text)
    {
        if (Verbose)
        {
            Console.Error.WriteLine("janus: " + text);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        if (poll is not null)
        {
            await poll.WaitAsync(TimeSpan.FromSeconds(3)).ContinueWith(_ => { }, TaskScheduler.Default);
        }
        http.Dispose();
        stop.Dispose();
    }
}
