using Meurs.Web.Data;
using Meurs.Web.Realtime;

namespace Meurs.Web.Features.Listening;

/// <summary>
/// One change to a session, under its channel's gate (<see cref="ListenGate"/>): the session (tracked), who is making
/// the change, the server's now, and what to tell everyone once it has committed. A use case changes tracked entities,
/// calls <see cref="Log"/> for the session log, and says which views changed (<see cref="PlaylistChanged"/>,
/// <see cref="PlaybackChanged"/>, <see cref="ListenersChanged"/>) or queues its own events (<see cref="Publish"/>); the
/// gate saves it all in one transaction, then publishes.
/// </summary>
public sealed class ListenChange
{
    private readonly List<ListenLogEntry> log = [];
    private readonly List<RealtimeEvent> events = [];

    internal ListenChange(MeursDbContext db, ListenPlaylist queue, ListenSession session, ListenStanding? standing, ChannelUser? actor, DateTimeOffset now)
    {
        Db = db;
        Queue = queue;
        Session = session;
        Standing = standing;
        Actor = actor;
        NowUtc = now.UtcDateTime;
        Now = now.ToUnixTimeMilliseconds();
    }

    /// <summary>The database context; entities changed through it are saved by the gate.</summary>
    public MeursDbContext Db { get; }

    /// <summary>The session's queue and tracks.</summary>
    public ListenPlaylist Queue { get; }

    /// <summary>The session, tracked.</summary>
    public ListenSession Session { get; }

    /// <summary>The actor's standing, or null when the server itself changes the session (a track ending, the idle job).</summary>
    public ListenStanding? Standing { get; }

    /// <summary>Who is making the change, or null for the server.</summary>
    public ChannelUser? Actor { get; }

    /// <summary>The actor's role (a server change counts as the host's).</summary>
    public ListenRole Role => Standing?.Role ?? ListenRole.Host;

    /// <summary>Now, in server Unix milliseconds (the unit of <see cref="PlaybackState"/>).</summary>
    public long Now { get; }

    /// <summary>Now, UTC.</summary>
    public DateTime NowUtc { get; }

    internal bool Playlist { get; private set; }

    internal bool Playback { get; private set; }

    internal bool Listeners { get; private set; }

    internal IReadOnlyList<ListenLogEntry> LogEntries => log;

    internal IReadOnlyList<RealtimeEvent> Events => events;

    /// <summary>Adds a line to the session log, saved with the change: <paramref name="action"/> such as <c>queue.added</c>, and a detail for people (cut to <see cref="ListenLogEntry.MaxDetailLength"/>).</summary>
    public void Log(string action, string detail = "")
    {
        ArgumentNullException.ThrowIfNull(detail);
        var entry = new ListenLogEntry
        {
            SessionId = Session.Id,
            At = NowUtc,
            ActorId = Actor?.Id,
            Action = action,
            Detail = detail.Length > ListenLogEntry.MaxDetailLength ? detail[..ListenLogEntry.MaxDetailLength] : detail,
        };
        log.Add(entry);
        Db.ListenLog.Add(entry);
    }

    /// <summary>Queues <paramref name="e"/> for everyone on the session, published once the change has committed.</summary>
    public void Publish(RealtimeEvent e) => events.Add(e ?? throw new ArgumentNullException(nameof(e)));

    /// <summary>The queue changed: the whole playlist is published after the commit.</summary>
    public void PlaylistChanged() => Playlist = true;

    /// <summary>The playback state changed: it is published after the commit.</summary>
    public void PlaybackChanged() => Playback = true;

    /// <summary>Membership or roles changed: the member list is published after the commit.</summary>
    public void ListenersChanged() => Listeners = true;
}
