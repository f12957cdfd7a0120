namespace Meurs.Web.Realtime;

/// <summary>
/// The one authority over channels of one <see cref="Kind"/>: who may subscribe, and which commands a subscriber may
/// send. Every socket endpoint asks it through the <see cref="SocketPipeline"/>; the community permission resolver
/// becomes the policy of the server, channel and voice kinds.
/// </summary>
public interface IChannelPolicy
{
    /// <summary>The kind this policy governs; one policy per kind.</summary>
    ChannelKind Kind { get; }

    /// <summary>How long a person stays present on a channel of this kind after their last connection closed (a reload is not a leave).</summary>
    TimeSpan PresenceGracePeriod { get; }

    /// <summary>True when a person holds at most one connection on a channel of this kind: a newer one replaces the older.</summary>
    bool OneConnectionPerUser => false;

    /// <summary>Null when <paramref name="user"/> may subscribe to <paramref name="channel"/>, else why not.</summary>
    Task<RealtimeRefusal?> AuthorizeSubscribeAsync(ChannelUser user, ChannelId channel, CancellationToken cancellationToken);

    /// <summary>
    /// Null when <paramref name="user"/> may receive <paramref name="channel"/>'s events without being present on it (a
    /// room page shows its call's participants without being in the call), else why not. By default, as subscribing.
    /// </summary>
    Task<RealtimeRefusal?> AuthorizeWatchAsync(ChannelUser user, ChannelId channel, CancellationToken cancellationToken) =>
        AuthorizeSubscribeAsync(user, channel, cancellationToken);

    /// <summary>Null when <paramref name="user"/>, a subscriber, may carry out <paramref name="command"/> on <paramref name="channel"/>, else why not.</summary>
    Task<RealtimeRefusal?> AuthorizeCommandAsync(ChannelUser user, ChannelId channel, object command, CancellationToken cancellationToken);

    /// <summary>
    /// Of <paramref name="users"/>, the ids of those who may watch <paramref name="channel"/>: the audience of news about
    /// it published on another channel (a voice channel's roster shown in its server's channel list goes only to who may
    /// see that voice channel). By default each is asked with <see cref="AuthorizeWatchAsync"/>; a policy that can judge
    /// many people at once overrides it.
    /// </summary>
    async Task<IReadOnlyList<Guid>> WatchersAmongAsync(IReadOnlyCollection<ChannelUser> users, ChannelId channel, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(users);
        var watchers = new List<Guid>(users.Count);
        foreach (var user in users)
        {
            if (await AuthorizeWatchAsync(user, channel, cancellationToken) is null)
            {
                watchers.Add(user.Id);
            }
        }
        return watchers;
    }
}

/// <summary>The signed-in person behind a connection.</summary>
/// <param name="Id">The user id.</param>
/// <param name="Name">The username, as others see it.</param>
public sealed record ChannelUser(Guid Id, string Name);

/// <summary>Finds the one <see cref="IChannelPolicy"/> of each kind; a kind without a policy refuses everything.</summary>
public sealed class ChannelPolicies
{
    private readonly Dictionary<ChannelKind, IChannelPolicy> policies;

    /// <summary>Indexes <paramref name="policies"/> by kind; two policies for one kind is a start-up error.</summary>
    public ChannelPolicies(IEnumerable<IChannelPolicy> policies)
    {
        this.policies = [];
        foreach (var policy in policies)
        {
            if (!this.policies.TryAdd(policy.Kind, policy))
            {
                throw new InvalidOperationException($"Two channel policies for {policy.Kind}; each kind has exactly one.");
            }
        }
    }

    /// <summary>The policy of <paramref name="kind"/>.</summary>
    /// <exception cref="InvalidOperationException">No feature registered one.</exception>
    public IChannelPolicy For(ChannelKind kind) =>
        policies.TryGetValue(kind, out var policy) ? policy : throw new InvalidOperationException($"No channel policy for {kind}.");

    /// <summary>Null when <paramref name="user"/> may subscribe to <paramref name="channel"/> (and be present on it), else why not.</summary>
    public Task<RealtimeRefusal?> AuthorizeSubscribeAsync(ChannelUser user, ChannelId channel, CancellationToken cancellationToken) =>
        policies.TryGetValue(channel.Kind, out var policy)
            ? policy.AuthorizeSubscribeAsync(user, channel, cancellationToken)
            : Task.FromResult<RealtimeRefusal?>(RealtimeRefusal.NotFound("No such channel."));

    /// <summary>Of <paramref name="users"/>, the ids of those who may watch <paramref name="channel"/> (see <see cref="IChannelPolicy.WatchersAmongAsync"/>); none for a kind without a policy.</summary>
    public Task<IReadOnlyList<Guid>> WatchersAmongAsync(IReadOnlyCollection<ChannelUser> users, ChannelId channel, CancellationToken cancellationToken) =>
        policies.TryGetValue(channel.Kind, out var policy)
            ? policy.WatchersAmongAsync(users, channel, cancellationToken)
            : Task.FromResult<IReadOnlyList<Guid>>([]);

    /// <summary>Null when <paramref name="user"/> may receive <paramref name="channel"/>'s events without being present, else why not.</summary>
    public Task<RealtimeRefusal?> AuthorizeWatchAsync(ChannelUser user, ChannelId channel, CancellationToken cancellationToken) =>
        policies.TryGetValue(channel.Kind, out var policy)
            ? policy.AuthorizeWatchAsync(user, channel, cancellationToken)
            : Task.FromResult<RealtimeRefusal?>(RealtimeRefusal.NotFound("No such channel."));
}
