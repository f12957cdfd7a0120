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
/// Timers run on the injected <see cref="TimeProvider"/>. Singleton.
/// </summary>
public sealed class UserPresence(PresenceService presence, IServiceScopeFactory scopes, RealtimeHub hub, TimeProvider time, IOptions<PresenceOptions> options, ILogger<UserPresence> logger) : IPresenceListener
{
    private readonly Lock gate = new();
    private readonly Dictionary<Guid, Person> people = [];

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
        Person? person;
        lock (gate)
        {
            if (!people.Remove(member.UserId, out person))
            {
                return;
            }
            person.IdleTimer?.Dispose();
        }
        await PublishAsync(member.UserId, person.UserName,
            person.Shown == UserStatus.Offline ? null : UserStatus.Offline,
            person.ShownToSelf == UserStatus.Offline ? null : UserStatus.Offline);
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
        string userName;
        string? toOthers = null, toSelf = null;
        lock (gate)
        {
            if (!people.TryGetValue(userId, out var person))
            {
                return;
            }
            var now = time.GetUtcNow().UtcDateTime;
            var idleAfter = options.Value.IdleAfter;
            var shown = PresenceRules.Shown(true, person.Chosen, person.LastInput, now, idleAfter, toSelf: false);
            var shownToSelf = PresenceRules.Shown(true, person.Chosen, person.LastInput, now, idleAfter, toSelf: true);
            if (shown != person.Shown)
            {
                person.Shown = toOthers = shown;
            }
            if (shownToSelf != person.ShownToSelf)
            {
                person.ShownToSelf = toSelf = shownToSelf;
            }
            person.IdleTimer?.Dispose();
            person.IdleTimer = null;
            if (PresenceRules.IdleAt(person.Chosen, person.LastInput, idleAfter) is { } idleAt && idleAt > now)
            {
                person.IdleTimer = time.CreateTimer(_ => _ = EvaluateOnTimerAsync(userId), null, idleAt - now, Timeout.InfiniteTimeSpan);
            }
            userName = person.UserName;
        }
        await PublishAsync(userId, userName, toOthers, toSelf);
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

    private async Task PublishAsync(Guid userId, string userName, string? toOthers, string? toSelf)
    {
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

    private sealed class Person(string userName, PresenceStatus chosen, DateTime lastInput)
    {
        public string UserName { get; } = userName;

        public PresenceStatus Chosen { get; set; } = chosen;

        public DateTime LastInput { get; set; } = lastInput;

        // What was last published; a new person starts from offline, so their arrival is announced.
        public string Shown { get; set; } = UserStatus.Offline;

        public string ShownToSelf { get; set; } = UserStatus.Offline;

        public ITimer? IdleTimer { get; set; }
    }
}
