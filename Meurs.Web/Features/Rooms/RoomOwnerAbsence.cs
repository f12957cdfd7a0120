namespace Meurs.Web.Features.Rooms;

/// <summary>
/// Which rooms' owners are away and since which departure, so that an owner who steps out (another page, a dropped
/// connection) keeps the history if they come back within <see cref="RoomsOptions.OwnerAwayGracePeriod"/>, and an
/// owner who left on purpose (whose leave already cleared the history) does not clear it a second time.
/// </summary>
public sealed class RoomOwnerAbsence
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, long> away = new(StringComparer.Ordinal);
    private readonly HashSet<string> leftOnPurpose = new(StringComparer.Ordinal);
    private long lastToken;

    /// <summary>
    /// Records that the owner of <paramref name="roomId"/> is gone (their last connection closed). Returns a token for
    /// <see cref="TryExpire"/>, or null when they had left on purpose and the history was already cleared.
    /// </summary>
    public long? Away(string roomId)
    {
        lock (gate)
        {
            if (leftOnPurpose.Remove(roomId))
            {
                return null;
            }
            away[roomId] = ++lastToken;
            return lastToken;
        }
    }

    /// <summary>Records that the owner is back in <paramref name="roomId"/>: a pending expiry no longer clears anything.</summary>
    public void Returned(string roomId)
    {
        lock (gate)
        {
            away.Remove(roomId);
            leftOnPurpose.Remove(roomId);
        }
    }

    /// <summary>Records that the owner left <paramref name="roomId"/> on purpose and its history was cleared for that.</summary>
    public void LeftOnPurpose(string roomId)
    {
        lock (gate)
        {
            away.Remove(roomId);
            leftOnPurpose.Add(roomId);
        }
    }

    /// <summary>
    /// Ends the absence that <see cref="Away"/> returned <paramref name="token"/> for. True when the owner stayed away
    /// since (clear the history now); false when they came back or left on purpose meanwhile.
    /// </summary>
    public bool TryExpire(string roomId, long token)
    {
        lock (gate)
        {
            if (away.TryGetValue(roomId, out var current) && current == token)
            {
                away.Remove(roomId);
                return true;
            }
            return false;
        }
    }

    /// <summary>Forgets a closed room.</summary>
    public void Forget(string roomId)
    {
        lock (gate)
        {
            away.Remove(roomId);
            leftOnPurpose.Remove(roomId);
        }
    }
}
