using System.Collections.Concurrent;

namespace Meurs.Web.Features.Listening;

/// <summary>
/// What each listener's player last reported over the session socket (<c>client_state</c>, <c>sync_ack</c>): its sync
/// state, the item it was about (the session's current item when it reported) and its drift. Held in memory only: it
/// describes live connections, and is forgotten when the listener departs or the session ends. Singleton.
/// </summary>
public sealed class ListenSyncStates
{
    /// <summary>The sync states a player may report, as on the wire.</summary>
    public static readonly IReadOnlySet<string> States = new HashSet<string>(StringComparer.Ordinal) { "ready", "buffering", "in_sync", "correcting" };

    private readonly ConcurrentDictionary<Guid, ConcurrentDictionary<Guid, SyncReport>> sessions = new();

    /// <summary>One listener's last report.</summary>
    /// <param name="State">ready, buffering, in_sync or correcting.</param>
    /// <param name="ItemId">The session's current item when they reported, or null.</param>
    /// <param name="DriftMs">Their last reported drift in milliseconds, or null.</param>
    public sealed record SyncReport(string State, Guid? ItemId, double? DriftMs);

    /// <summary>Records a report; true when the listener's state (not merely its drift) changed, so the member list is worth republishing.</summary>
    public bool Report(Guid sessionId, Guid userId, string state, Guid? itemId, double? driftMs)
    {
        var reports = sessions.GetOrAdd(sessionId, _ => new());
        var changed = true;
        reports.AddOrUpdate(userId, new SyncReport(state, itemId, driftMs), (_, old) =>
        {
            changed = old.State != state;
            return new SyncReport(state, itemId, driftMs ?? old.DriftMs);
        });
        return changed;
    }

    /// <summary>Records a drift measurement (<c>sync_ack</c>) without changing the state; false when the listener never reported a state.</summary>
    public bool ReportDrift(Guid sessionId, Guid userId, double driftMs) =>
        sessions.TryGetValue(sessionId, out var reports) && reports.TryGetValue(userId, out var old) && reports.TryUpdate(userId, old with { DriftMs = driftMs }, old);

    /// <summary>The last report of <paramref name="userId"/> in <paramref name="sessionId"/>, or null.</summary>
    public SyncReport? Of(Guid sessionId, Guid userId) =>
        sessions.TryGetValue(sessionId, out var reports) && reports.TryGetValue(userId, out var report) ? report : null;

    /// <summary>True when <paramref name="userId"/> reported ready (or in sync) for <paramref name="itemId"/>.</summary>
    public bool IsReady(Guid sessionId, Guid userId, Guid itemId) =>
        Of(sessionId, userId) is { State: "ready" or "in_sync" } report && report.ItemId == itemId;

    /// <summary>Forgets <paramref name="userId"/>'s report (they departed).</summary>
    public void Forget(Guid sessionId, Guid userId)
    {
        if (sessions.TryGetValue(sessionId, out var reports))
        {
            reports.TryRemove(userId, out _);
        }
    }

    /// <summary>Forgets every report of <paramref name="sessionId"/> (it ended).</summary>
    public void Forget(Guid sessionId) => sessions.TryRemove(sessionId, out _);
}
