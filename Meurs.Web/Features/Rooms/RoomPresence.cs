namespace Meurs.Web.Features.Rooms;

/// <summary>
/// Who is in which room. A person is present from their first connection until their last one has been closed for
/// <see cref="RoomsOptions.LeaveGracePeriod"/>; several tabs count once, and a reload is not a leave.
/// </summary>
public sealed class RoomPresence
{
    private readonly Lock gate = new();
    private readonly Dictionary<(string RoomId, Guid UserId), Entry> entries = [];

    /// <summary>Records a new connection. Returns true when the person was absent, i.e. this is an arrival to announce.</summary>
    public bool Connect(string roomId, Guid userId, string userName)
    {
        lock (gate)
        {
            if (!entries.TryGetValue((roomId, userId), out var entry))
            {
                entries[(roomId, userId)] = new Entry(userName) { Connections = 1 };
                return true;
            }
            entry.Connections++;
            entry.Generation++;
            return false;
        }
    }

    /// <summary>
    /// Records a closed connection. Returns a token identifying this moment when it was the person's last connection,
    /// to hand to <see cref="TryDepart"/> once the grace period is over; null while other connections remain.
    /// </summary>
    public long? Disconnect(string roomId, Guid userId)
    {
        lock (gate)
        {
            if (!entries.TryGetValue((roomId, userId), out var entry))
            {
                return null;
            }
            entry.Connections--;
            entry.Generation++;
            return entry.Connections == 0 ? entry.Generation : null;
        }
    }

    /// <summary>
    /// Ends the person's presence if nothing happened since <see cref="Disconnect"/> returned <paramref name="token"/>.
    /// Returns true when they are now gone (announce the leave), false when they came back meanwhile.
    /// </summary>
    public bool TryDepart(string roomId, Guid userId, long token)
    {
        lock (gate)
        {
            if (entries.TryGetValue((roomId, userId), out var entry) && entry.Connections == 0 && entry.Generation == token)
            {
                entries.Remove((roomId, userId));
                return true;
            }
            return false;
        }
    }

    /// <summary>Everyone present in <paramref name="roomId"/>, ordered by name.</summary>
    public IReadOnlyList<(Guid UserId, string UserName)> Present(string roomId)
    {
        lock (gate)
        {
            return [.. entries.Where(e => e.Key.RoomId == roomId)
                .Select(e => (e.Key.UserId, e.Value.UserName))
                .OrderBy(e => e.UserName, StringComparer.OrdinalIgnoreCase)];
        }
    }

    /// <summary>Forgets a room entirely (it was closed).</summary>
    public void Forget(string roomId)
    {
        lock (gate)
        {
            foreach (var key in entries.Keys.Where(k => k.RoomId == roomId).ToList())
            {
                entries.Remove(key);
            }
        }
    }

    private sealed class Entry(string userName)
    {
        public string UserName { get; } = userName;

        public int Connections { get; set; }

        public long Generation { get; set; }
    }
}
