using Microsoft.Extensions.Caching.Memory;

namespace Meurs.Web.Features.Rooms;

/// <summary>
/// The latest events of rooms in use, kept in memory so that a subscriber's history, and a reconnecting client's
/// catch-up, come without a database query. A burst of arrivals used to read the same 200 rows once per arrival,
/// under the room's gate, which every chat message of the room then waited behind.
/// </summary>
/// <remarks>
/// Every call for a room must be made under that room's gate in the <see cref="Realtime.RealtimeHub"/> (its writes and
/// its subscribes), which is what makes a window agree with the database: the window is changed in the same critical
/// section as the rows. A window can be evicted at any time (ten idle minutes, a bound on the number of rooms: a closed
/// room's window simply expires); the next subscribe reads the database again. A miss is always answered from the database, never guessed.
/// </remarks>
public sealed class RecentRoomEvents : IDisposable
{
    // Rooms kept at once; each window holds at most Capacity events.
    private const int MaxRooms = 1024;

    private static readonly TimeSpan Idle = TimeSpan.FromMinutes(10);

    private readonly MemoryCache windows;

    /// <summary>Keeps at most <paramref name="capacity"/> events per room (at least 1).</summary>
    public RecentRoomEvents(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
        windows = new MemoryCache(new MemoryCacheOptions { SizeLimit = MaxRooms });
    }

    /// <summary>Events kept per room.</summary>
    public int Capacity { get; }

    /// <summary>
    /// The latest <paramref name="length"/> events <paramref name="viewerId"/> may see, oldest first, when the window
    /// holds them all: it does when it has that many visible events, or when it holds the room's whole history.
    /// </summary>
    public bool TryGetHistory(string roomId, Guid viewerId, int length, out IReadOnlyList<RoomMessage> history)
    {
        history = [];
        if (!windows.TryGetValue(roomId, out Window? window) || window is null)
        {
            return false;
        }
        var visible = new List<RoomMessage>(Math.Min(length, window.Events.Count));
        for (var i = window.Events.Count - 1; i >= 0 && visible.Count < length; i--)
        {
            if (window.Events[i].IsVisibleTo(viewerId))
            {
                visible.Add(window.Events[i]);
            }
        }
        if (visible.Count < length && !window.Complete)
        {
            return false;
        }
        visible.Reverse();
        history = visible;
        return true;
    }

    /// <summary>
    /// What a client that last saw <paramref name="since"/> missed (every event after it, private ones included: the
    /// caller filters), and whether the history was cleared after it, when the window reaches back far enough to know.
    /// </summary>
    public bool TryGetSince(string roomId, long since, out IReadOnlyList<RoomMessage> missed, out bool cleared)
    {
        missed = [];
        cleared = false;
        if (!windows.TryGetValue(roomId, out Window? window) || window is null)
        {
            return false;
        }
        var events = window.Events;
        long? first = events.Count > 0 ? events[0].Seq : null;
        if (window.Complete)
        {
            // The window is the room's whole history: its first event is the room's first remaining one.
            cleared = first > since && first > 1;
        }
        else if (first is null || first > since + 1)
        {
            return false; // what came right after `since` has left the window
        }
        missed = [.. events.Where(m => m.Seq > since)];
        return true;
    }

    /// <summary>Starts a room's window from the database's latest events (oldest first, at most <see cref="Capacity"/>).</summary>
    public void Load(string roomId, IReadOnlyList<RoomMessage> latest)
    {
        ArgumentNullException.ThrowIfNull(latest);
        var window = new Window { Complete = latest.Count < Capacity };
        window.Events.AddRange(latest.Count > Capacity ? latest.Skip(latest.Count - Capacity) : latest);
        Set(roomId, window);
    }

    /// <summary>Adds a stored event to the room's window, if the room has one.</summary>
    public void Append(string roomId, RoomMessage message)
    {
        if (!windows.TryGetValue(roomId, out Window? window) || window is null)
        {
            return;
        }
        window.Events.Add(message);
        if (window.Events.Count > Capacity)
        {
            window.Events.RemoveAt(0);
            window.Complete = false;
        }
    }

    /// <summary>The room's history was wiped and <paramref name="first"/> is now its only event.</summary>
    public void Reset(string roomId, RoomMessage first)
    {
        var window = new Window { Complete = true };
        window.Events.Add(first);
        Set(roomId, window);
    }

    /// <inheritdoc />
    public void Dispose() => windows.Dispose();

    private void Set(string roomId, Window window) =>
        windows.Set(roomId, window, new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = Idle });

    private sealed class Window
    {
        public List<RoomMessage> Events { get; } = [];

        // True when Events is the room's whole remaining history.
        public bool Complete { get; set; }
    }
}
