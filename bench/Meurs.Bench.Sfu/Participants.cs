namespace Meurs.Bench.Sfu;

/// <summary>One scenario's shape: <paramref name="Publishers"/> tracks of <paramref name="Kind"/> to <paramref name="Subscribers"/> receivers.</summary>
internal sealed record ScenarioSpec(string Kind, int Publishers, int Subscribers)
{
    public string Label => $"{Kind} {Publishers}→{Subscribers}";
}

/// <summary>A subscriber bot and what it received.</summary>
internal sealed record Subscriber(RtcBot Bot, Reception Reception);

/// <summary>The bots of one scenario on one SFU, connected (DTLS up), with whatever holds their signalling open.</summary>
internal sealed class Participants : IAsyncDisposable
{
    public List<Publisher> Publishers { get; } = [];

    public List<Subscriber> Subscribers { get; } = [];

    /// <summary>Signalling sockets and sessions to close after the bots.</summary>
    public List<IAsyncDisposable> Signalling { get; } = [];

    /// <summary>Waits until every bot's DTLS is up (SRTP keys in place).</summary>
    public async Task WaitConnectedAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var all = Publishers.Select(p => p.Bot).Concat(Subscribers.Select(s => s.Bot)).ToList();
        var connecting = Task.WhenAll(all.Select(b => b.Connected));
        try
        {
            await connecting.WaitAsync(timeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            var missing = all.Where(b => !b.Connected.IsCompletedSuccessfully).ToList();
            throw new TimeoutException($"{missing.Count} of {all.Count} bots not connected after {timeout.TotalSeconds:F0} s: {string.Join("; ", missing.Take(3).Select(b => b.Diagnostics))}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var signalling in Signalling)
        {
            await signalling.DisposeAsync();
        }
        foreach (var bot in Publishers.Select(p => p.Bot).Concat(Subscribers.Select(s => s.Bot)))
        {
            bot.Dispose();
        }
    }
}
