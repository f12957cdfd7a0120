using Meurs.Web.Realtime;

namespace Meurs.Web.Features.Calls;

/// <summary>
/// Who is in which call, in memory: a call exists while someone is in it and ends when the last participant leaves.
/// Each user is in a call at most once: joining again (another tab or device) replaces the earlier connection, which
/// the caller then closes. Thread-safe; every change returns whether the participant list changed so the caller
/// announces it once.
/// </summary>
public sealed class CallRoster(TimeProvider time)
{
    private readonly Dictionary<string, List<CallParticipant>> calls = new(StringComparer.Ordinal);
    private readonly Lock gate = new();

    /// <summary>
    /// Puts <paramref name="connection"/>'s user in <paramref name="callId"/> with <paramref name="state"/>. Returns the
    /// id of the connection it replaces (the same user's earlier one), or null.
    /// </summary>
    public Guid? Join(string callId, SocketConnection connection, CallMediaState state)
    {
        ArgumentNullException.ThrowIfNull(connection);
        lock (gate)
        {
            if (!calls.TryGetValue(callId, out var participants))
            {
                calls[callId] = participants = [];
            }
            var index = participants.FindIndex(p => p.UserId == connection.UserId);
            var joined = new CallParticipant(connection.UserId, connection.UserName, connection.Id, state.Normalized(), time.GetUtcNow().UtcDateTime);
            if (index < 0)
            {
                participants.Add(joined);
                return null;
            }
            var replaced = participants[index].ConnectionId;
            // The same person stays in their place in the list: only the connection changes.
            participants[index] = joined with { JoinedAt = participants[index].JoinedAt };
            return replaced;
        }
    }

    /// <summary>
    /// Takes <paramref name="connectionId"/> out of <paramref name="callId"/>. False when that connection was not in it
    /// (already replaced, or never joined): then nothing changed.
    /// </summary>
    public bool Leave(string callId, Guid connectionId)
    {
        lock (gate)
        {
            if (!calls.TryGetValue(callId, out var participants) || participants.RemoveAll(p => p.ConnectionId == connectionId) == 0)
            {
                return false;
            }
            if (participants.Count == 0)
            {
                calls.Remove(callId);
            }
            return true;
        }
    }

    /// <summary>Sets the media state of <paramref name="connectionId"/>'s participant. False when it is not in the call or nothing changed.</summary>
    public bool Update(string callId, Guid connectionId, CallMediaState state)
    {
        lock (gate)
        {
            if (!calls.TryGetValue(callId, out var participants))
            {
                return false;
            }
            var index = participants.FindIndex(p => p.ConnectionId == connectionId);
            if (index < 0)
            {
                return false;
            }
            var normalized = state.Normalized();
            if (participants[index].State == normalized)
            {
                return false;
            }
            participants[index] = participants[index] with { State = normalized };
            return true;
        }
    }

    /// <summary>The participants of <paramref name="callId"/> in joining order; empty when no call is going on.</summary>
    public IReadOnlyList<CallParticipant> Participants(string callId)
    {
        lock (gate)
        {
            return calls.TryGetValue(callId, out var participants) ? [.. participants] : [];
        }
    }

    /// <summary>Ends <paramref name="callId"/> for everyone (its room was closed). Returns the connections that were in it.</summary>
    public IReadOnlyList<Guid> End(string callId)
    {
        lock (gate)
        {
            return calls.Remove(callId, out var participants) ? [.. participants.Select(p => p.ConnectionId)] : [];
        }
    }
}
