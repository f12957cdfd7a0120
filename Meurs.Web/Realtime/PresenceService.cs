namespace Meurs.Web.Realtime;

/// <summary>
/// Who is present on which channel: the one place presence is kept (DESIGN.md §3). Room members, call participants and
/// a person's own online state are all views of it. A person is present from their first connection on a channel until
/// their last one has been closed for the kind's <see cref="IChannelPolicy.PresenceGracePeriod"/>: several tabs count
/// once and a reload is not a leave. Grace periods run on the injected <see cref="TimeProvider"/>, so tests move time.
/// </summary>
public sealed class PresenceService(ChannelPolicies policies, IServiceProvider services, TimeProvider time, ILogger<PresenceService> logger)
{
    private readonly Lock gate = new();
    private readonly Dictionary<ChannelId, Dictionary<Guid, Entry>> channels = [];
    // Resolved on first use: listeners are feature services that read presence themselves.
    private readonly Lazy<ILookup<ChannelKind, IPresenceListener>> listeners = new(() => services.GetServices<IPresenceListener>().ToLookup(l => l.Kind));

    /// <summary>
    /// Records connection <paramref name="connectionId"/> of <paramref name="user"/> on <paramref name="channel"/>, with
    /// the feature's <paramref name="state"/> for a new arrival. Listeners hear of an arrival before this returns.
    /// </summary>
    public async Task<PresenceJoin> ConnectAsync(ChannelId channel, ChannelUser user, Guid connectionId, object? state = null)
    {
        ArgumentNullException.ThrowIfNull(user);
        PresentMember? arrived = null;
        IReadOnlyList<Guid> replaced = [];
        lock (gate)
        {
            if (!channels.TryGetValue(channel, out var members))
            {
                channels[channel] = members = [];
            }
            if (!members.TryGetValue(user.Id, out var entry))
            {
                members[user.Id] = entry = new Entry(new PresentMember(user.Id, user.Name, time.GetUtcNow().UtcDateTime, state));
                arrived = entry.Member;
            }
            else if (policies.For(channel.Kind).OneConnectionPerUser)
            {
                replaced = [.. entry.Connections];
                entry.Connections.Clear();
            }
            entry.Connections.Add(connectionId);
            entry.Generation++;
            entry.Timer?.Dispose();
            entry.Timer = null;
        }
        if (arrived is not null)
        {
            foreach (var listener in listeners.Value[channel.Kind])
            {
                await listener.ArrivedAsync(channel, arrived);
            }
        }
        return new PresenceJoin(arrived is not null, replaced);
    }

    /// <summary>
    /// Records that connection <paramref name="connectionId"/> closed. When it was the person's last, their presence
    /// ends after the grace period (at once when it is zero, and listeners hear of it before this returns).
    /// </summary>
    public async Task DisconnectAsync(ChannelId channel, Guid userId, Guid connectionId)
    {
        long generation;
        TimeSpan grace;
        lock (gate)
        {
            if (!channels.TryGetValue(channel, out var members) || !members.TryGetValue(userId, out var entry) || !entry.Connections.Remove(connectionId))
            {
                return;
            }
            if (entry.Connections.Count > 0)
            {
                return;
            }
            generation = ++entry.Generation;
            grace = policies.For(channel.Kind).PresenceGracePeriod;
            if (grace > TimeSpan.Zero)
            {
                entry.Timer = time.CreateTimer(_ => _ = EndAfterGraceAsync(channel, userId, generation), null, grace, Timeout.InfiniteTimeSpan);
                return;
            }
        }
        await EndAsync(channel, userId, generation, onPurpose: false);
    }

    /// <summary>Ends <paramref name="userId"/>'s presence on <paramref name="channel"/> now, whatever their connections (they left on purpose).</summary>
    public Task LeaveAsync(ChannelId channel, Guid userId) => EndAsync(channel, userId, generation: null, onPurpose: true);

    /// <summary>Sets the feature's state of <paramref name="userId"/> on <paramref name="channel"/>; listeners hear of a change. False when absent or unchanged.</summary>
    public async Task<bool> SetStateAsync(ChannelId channel, Guid userId, object state)
    {
        PresentMember changed;
        lock (gate)
        {
            if (!channels.TryGetValue(channel, out var members) || !members.TryGetValue(userId, out var entry) || Equals(entry.Member.State, state))
            {
                return false;
            }
            entry.Member = changed = entry.Member with { State = state };
        }
        foreach (var listener in listeners.Value[channel.Kind])
        {
            await listener.StateChangedAsync(channel, changed);
        }
        return true;
    }

    /// <summary>Everyone present on <paramref name="channel"/>, in order of arrival.</summary>
    public IReadOnlyList<PresentMember> Present(ChannelId channel)
    {
        lock (gate)
        {
            return channels.TryGetValue(channel, out var members) ? [.. members.Values.Select(e => e.Member).OrderBy(m => m.Since)] : [];
        }
    }

    /// <summary>True when <paramref name="userId"/> is present on <paramref name="channel"/> (within the grace period counts).</summary>
    public bool IsPresent(ChannelId channel, Guid userId)
    {
        lock (gate)
        {
            return channels.TryGetValue(channel, out var members) && members.ContainsKey(userId);
        }
    }

    /// <summary>True when <paramref name="connectionId"/> is one of <paramref name="userId"/>'s current connections on <paramref name="channel"/> (not replaced).</summary>
    public bool IsCurrent(ChannelId channel, Guid userId, Guid connectionId)
    {
        lock (gate)
        {
            return channels.TryGetValue(channel, out var members) && members.TryGetValue(userId, out var entry) && entry.Connections.Contains(connectionId);
        }
    }

    /// <summary>Forgets <paramref name="channel"/> entirely, announcing no departures (it ended).</summary>
    public void Forget(ChannelId channel)
    {
        lock (gate)
        {
            if (channels.Remove(channel, out var members))
            {
                foreach (var entry in members.Values)
                {
                    entry.Timer?.Dispose();
                }
            }
        }
    }

    private async Task EndAfterGraceAsync(ChannelId channel, Guid userId, long generation)
    {
        try
        {
            await EndAsync(channel, userId, generation, onPurpose: false);
        }
        catch (Exception ex)
        {
            // On a timer thread: nobody else would see it.
            logger.LogError(ex, "Ending presence on {Channel} failed", channel);
        }
    }

    private async Task EndAsync(ChannelId channel, Guid userId, long? generation, bool onPurpose)
    {
        PresentMember member;
        lock (gate)
        {
            if (!channels.TryGetValue(channel, out var members) || !members.TryGetValue(userId, out var entry)
                || (generation is { } g && (entry.Generation != g || entry.Connections.Count > 0)))
            {
                return;
            }
            entry.Timer?.Dispose();
            members.Remove(userId);
            if (members.Count == 0)
            {
                channels.Remove(channel);
            }
            member = entry.Member;
        }
        foreach (var listener in listeners.Value[channel.Kind])
        {
            await listener.DepartedAsync(channel, member, onPurpose);
        }
    }

    private sealed class Entry(PresentMember member)
    {
        public PresentMember Member { get; set; } = member;

        public HashSet<Guid> Connections { get; } = [];

        public long Generation { get; set; }

        public ITimer? Timer { get; set; }
    }
}
