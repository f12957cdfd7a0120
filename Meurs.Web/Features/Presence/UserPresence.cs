using Meurs.Web.Data;
using Meurs.Web.Features.Accounts;
using Meurs.Web.Features.Friends;
using Meurs.Web.Realtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Meurs.Web.Features.Presence;

/// <summary>
/// People's status (online, idle, do not disturb, invisible, offline): a view of the fabric's <see cref="PresenceService"/>
/// on <see cref="ChannelKind.User"/> channels, where being present is having a live <c>/ws/me</c> or <c>/api/ws/me</c>
/// (the kind's grace period keeps a reload from flapping it) and the state is the last input (<see cref="UserActivity"/>).
/// It adds what the person chose (<see cref="MeursUser.Status"/>) and a timer per online person that turns them idle
/// after <see cref="PresenceOptions.IdleAfter"/> without input, and publishes <see cref="UserStatusChanged"/> when what
/// others see changes (to their friends and everyone sharing a server with them) or what they see of themselves does.
/// Publishing is one at a time per person and always sends the state as it is then, so two evaluations racing (an idle
/// timer and an input) cannot leave others with the older one. Timers run on the injected <see cref="TimeProvider"/>.
/// Singleton.
/// </summary>
public sealed class UserPresence(PresenceService presence, IServiceScopeFactory scopes, RealtimeHub hub, TimeProvider time, IOptions<PresenceOptions> options, ILogger<UserPresence> logger) : IPresenceListener
{
    private readonly Lock gate = new();
    private readonly Dictionary<Guid, Person> people = [];

    // Per person, under gate: what was last published (absent: offline to everyone and to themselves).
    private readonly Dictionary<Guid, Published> published = [];

    // Per person: one publication at a time. Kept after they go (one small object per person seen since start), so a
    // departure still being published and a new arrival take turns.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<Guid, SemaphoreSlim> publishing = new();

    /// <inheritdoc />
    public ChannelKind Kind => ChannelKind.User;

    /// <summary><paramref name="userId"/>'s status as everyone else sees it: a <see cref="UserStatus"/> string, never <c>invisible</c>.</summary>
    public string StatusOf(Guid userId)
    {
        lock (gate)
        {
            return people.TryGetValue(userId, out var person) ? person.Shown : UserStatus.Offline;
        }
    }

    /// <summary><paramref name="userId"/>'s status as they see it themselves (<c>invisible</c> while they chose it and are connected).</summary>
    public string OwnStatusOf(Guid userId)
    {
        lock (gate)
        {
            return people.TryGetValue(userId, out var person) ? person.ShownToSelf : UserStatus.Offline;
        }
    }

    /// <summary>The statuses of <paramref name="userIds"/> as others see them, by id (absent: offline).</summary>
    public IReadOnlyDictionary<Guid, string> StatusesOf(IEnumerable<Guid> userIds)
    {
        ArgumentNullException.ThrowIfNull(userIds);
        lock (gate)
        {
            return userIds.Distinct().ToDictionary(id => id, id => people.TryGetValue(id, out var person) ? person.Shown : UserStatus.Offline);
        }
    }

    /// <summary>
    /// <paramref name="userId"/> chose <paramref name="status"/> (already saved): when they are connected, what they show
    /// changes now and whoever sees it hears of it.
    /// </summary>
    public async Task ChoseAsync(Guid userId, PresenceStatus status)
    {
        lock (gate)
        {
            if (!people.TryGetValue(userId, out var person))
            {
                return;
            }
            person.Chosen = status;
        }
        await EvaluateAsync(userId);
    }

    /// <inheritdoc />
    public async Task ArrivedAsync(ChannelId channel, PresentMember member)
    {
        ArgumentNullException.ThrowIfNull(member);
        PresenceStatus chosen;
        using (var scope = scopes.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MeursDbContext>();
            chosen = await db.Users.Where(u => u.Id == member.UserId).Select(u => u.Status).FirstOrDefaultAsync();
        }
        var lastInput = (member.State as UserActivity)?.LastInput ?? time.GetUtcNow().UtcDateTime;
        lock (gate)
        {
            // The person may have left again while their choice was read: their departure has been handled.
            if (!presence.IsPresent(channel, member.UserId) || people.ContainsKey(member.UserId))
            {
                return;
            }
            people[member.UserId] = new Person(member.UserName, chosen, lastInput);
        }
        await EvaluateAsync(member.UserId);
    }

    /// <inheritdoc />
    public async Task DepartedAsync(ChannelId channel, PresentMember member, bool onPurpose)
    {
        ArgumentNullException.ThrowIfNull(member);
        lock (gate)
        {
            if (!people.Remove(member.UserId, out var person))
            {
                return;
            }
            person.IdleTimer?.Dispose();
        }
        await PublishAsync(member.UserId);
    }

    /// <inheritdoc />
    public async Task StateChangedAsync(ChannelId channel, PresentMember member)
    {
        ArgumentNullException.ThrowIfNull(member);
        if (member.State is not UserActivity activity)
        {
            return;
        }
        lock (gate)
        {
            if (!people.TryGetValue(member.UserId, out var person) || activity.LastInput <= person.LastInput)
            {
                return;
            }
            person.LastInput = activity.LastInput;
        }
        await EvaluateAsync(member.UserId);
    }

    // Derives what the person shows now, schedules their next idle turn, and tells whoever sees a change.
    private async Task EvaluateAsync(Guid userId)
    {
        lock (gate)
        {
            if (!people.TryGetValue(userId, out var person))
            {
                return;
            }
            var now = time.GetUtcNow().UtcDateTime;
            var idleAfter = options.Value.IdleAfter;
            person.Shown = PresenceRules.Shown(true, person.Chosen, person.LastInput, now, idleAfter, toSelf: false);
            person.ShownToSelf = PresenceRules.Shown(true, person.Chosen, person.LastInput, now, idleAfter, toSelf: true);
            person.IdleTimer?.Dispose();
            person.IdleTimer = null;
            if (PresenceRules.IdleAt(person.Chosen, person.LastInput, idleAfter) is { } idleAt && idleAt > now)
            {
                person.IdleTimer = time.CreateTimer(_ => _ = EvaluateOnTimerAsync(userId), null, idleAt - now, Timeout.InfiniteTimeSpan);
            }
        }
        await PublishAsync(userId);
    }

    private async Task EvaluateOnTimerAsync(Guid userId)
    {
        try
        {
            await EvaluateAsync(userId);
        }
        catch (Exception ex)
        {
            // On a timer thread: nobody else would see it.
            logger.LogError(ex, "Turning {User} idle failed", userId);
        }
    }

    // Tells whoever sees it what the person shows now, if that differs from what was last published.
    private async Task PublishAsync(Guid userId)
    {
        var turn = publishing.GetOrAdd(userId, _ => new SemaphoreSlim(1, 1));
        await turn.WaitAsync();
        try
        {
            string? toOthers = null, toSelf = null, userName;
            lock (gate)
            {
                var current = people.GetValueOrDefault(userId);
                var last = published.GetValueOrDefault(userId);
                userName = current?.UserName ?? last?.UserName;
                var shown = current?.Shown ?? UserStatus.Offline;
                var shownToSelf = current?.ShownToSelf ?? UserStatus.Offline;
                if (shown != (last?.ToOthers ?? UserStatus.Offline))
                {
                    toOthers = shown;
                }
                if (shownToSelf != (last?.ToSelf ?? UserStatus.Offline))
                {
                    toSelf = shownToSelf;
                }
                if (userName is null || (toOthers is null && toSelf is null))
                {
                    return;
                }
                // Recorded before sending: a failed send is logged by the hub, and the next change is measured from
                // what was meant to be shown.
                if (shown == UserStatus.Offline && shownToSelf == UserStatus.Offline)
                {
                    published.Remove(userId);
                }
                else
                {
                    published[userId] = new Published(userName, shown, shownToSelf);
                }
            }
            if (toOthers is not null)
            {
                IReadOnlyList<Guid> audience;
                using (var scope = scopes.CreateScope())
                {
                    audience = await scope.ServiceProvider.GetRequiredService<Relationships>().AcquaintancesOfAsync(userId, CancellationToken.None);
                }
                var e = new UserStatusChanged(userId, userName, toOthers);
                foreach (var id in audience)
                {
                    await hub.PublishAsync(ChannelId.User(id), e);
                }
            }
            if (toSelf is not null)
            {
                await hub.PublishAsync(ChannelId.User(userId), new UserStatusChanged(userId, userName, toSelf));
            }
        }
        finally
        {
            turn.Release();
        }
    }

    private sealed record Published(string UserName, string ToOthers, string ToSelf);

    private sealed class Person(string userName, PresenceStatus chosen, DateTime lastInput)
    {
        public string UserName { get; } = userName;

        public PresenceStatus Chosen { get; set; } = chosen;

        public DateTime LastInput { get; set; } = lastInput;

        // What they show now, to others and to themselves (published by PublishAsync).
        public string Shown { get; set; } = UserStatus.Offline;

        public string ShownToSelf { get; set; } = UserStatus.Offline;

        public ITimer? IdleTimer { get; set; }
    }
}
