namespace Meurs.Web.Features.Listening;

/// <summary>
/// A session's authoritative playback state, <c>{track, position_ms, playing, updated_at}</c>: the server holds it and
/// advances it itself, so a listener's expected position is <c>PositionMs + (now − UpdatedAt)</c> while playing, and
/// <see cref="PositionMs"/> otherwise. Immutable; every transition takes the server's now (Unix milliseconds) and
/// returns the next state. Pausing keeps the position; skipping past either end of the queue is clamped.
/// </summary>
/// <param name="ItemId">The queue item playing or paused, or null when there is none.</param>
/// <param name="PositionMs">Milliseconds into the item at <paramref name="UpdatedAt"/>, never negative.</param>
/// <param name="Status">Playing, paused, or waiting for listeners to be ready.</param>
/// <param name="UpdatedAt">When <paramref name="PositionMs"/> held, in server Unix milliseconds.</param>
public sealed record PlaybackState(Guid? ItemId, long PositionMs, PlaybackStatus Status, long UpdatedAt)
{
    /// <summary>Nothing queued, nothing playing.</summary>
    public static PlaybackState Empty(long now) => new(null, 0, PlaybackStatus.Paused, now);

    /// <summary>The position at <paramref name="now"/>, in milliseconds: advancing while playing, clamped to 0 and to <paramref name="durationMs"/> when known.</summary>
    public long PositionAt(long now, long? durationMs = null)
    {
        var position = Status == PlaybackStatus.Playing ? PositionMs + Math.Max(0, now - UpdatedAt) : PositionMs;
        return Math.Clamp(position, 0, durationMs ?? long.MaxValue);
    }

    /// <summary>
    /// Asks to play: from the current item's position, or the first of <paramref name="queue"/> when none is current,
    /// or the current item from its start when it had played to its end. The state becomes <see cref="PlaybackStatus.Waiting"/>
    /// until <see cref="Start"/>. Already playing, or an empty queue: unchanged.
    /// </summary>
    public PlaybackState RequestPlay(long now, IReadOnlyList<Guid> queue, long? durationMs)
    {
        ArgumentNullException.ThrowIfNull(queue);
        if (Status == PlaybackStatus.Playing) return this;
        var item = ItemId is { } id && queue.Contains(id) ? id : queue.Count > 0 ? queue[0] : (Guid?)null;
        if (item is null) return this with { ItemId = null, PositionMs = 0, Status = PlaybackStatus.Paused, UpdatedAt = now };
        var position = item == ItemId ? PositionMs : 0;
        if (durationMs is { } d && position >= d) position = 0;
        return new PlaybackState(item, position, PlaybackStatus.Waiting, now);
    }

    /// <summary>Everyone is ready (or the wait timed out): playing from the waiting position as of <paramref name="now"/>. Otherwise unchanged.</summary>
    public PlaybackState Start(long now) => Status == PlaybackStatus.Waiting ? this with { Status = PlaybackStatus.Playing, UpdatedAt = now } : this;

    /// <summary>Paused where it is at <paramref name="now"/>: pausing keeps the position.</summary>
    public PlaybackState Pause(long now, long? durationMs) =>
        Status == PlaybackStatus.Paused ? this : new PlaybackState(ItemId, PositionAt(now, durationMs), PlaybackStatus.Paused, now);

    /// <summary>The same item at <paramref name="positionMs"/> (clamped to 0 and the duration), keeping whether it plays.</summary>
    public PlaybackState Seek(long positionMs, long now, long? durationMs) =>
        ItemId is null ? this : this with { PositionMs = Math.Clamp(positionMs, 0, durationMs ?? long.MaxValue), UpdatedAt = now };

    /// <summary>The next item of <paramref name="queue"/> from its start; on the last item (or none) unchanged: clamped at the end.</summary>
    public PlaybackState SkipNext(long now, IReadOnlyList<Guid> queue)
    {
        ArgumentNullException.ThrowIfNull(queue);
        var index = ItemId is { } id ? IndexOf(queue, id) : -1;
        if (index < 0 || index + 1 >= queue.Count) return this;
        return new PlaybackState(queue[index + 1], 0, Status, now);
    }

    /// <summary>The previous item of <paramref name="queue"/> from its start; on the first item, that item from its start: clamped at the beginning.</summary>
    public PlaybackState SkipPrevious(long now, IReadOnlyList<Guid> queue)
    {
        ArgumentNullException.ThrowIfNull(queue);
        var index = ItemId is { } id ? IndexOf(queue, id) : -1;
        if (index < 0) return this;
        return new PlaybackState(queue[Math.Max(0, index - 1)], 0, Status, now);
    }

    /// <summary>
    /// Moves on past items that have ended by <paramref name="now"/>, as every listener would: the next item starts at
    /// the moment the previous ended (so its position keeps advancing from there); after the last item the session
    /// pauses at its end. <paramref name="durationOf"/> gives an item's duration in milliseconds, or null when unknown
    /// (such an item never ends by itself). Not playing: unchanged.
    /// </summary>
    public PlaybackState Advance(long now, IReadOnlyList<Guid> queue, Func<Guid, long?> durationOf)
    {
        ArgumentNullException.ThrowIfNull(queue);
        ArgumentNullException.ThrowIfNull(durationOf);
        var state = this;
        // Bounded: a queue of zero-length items must not spin.
        for (var guard = 0; guard <= queue.Count && state.Status == PlaybackStatus.Playing && state.ItemId is { } id; guard++)
        {
            if (durationOf(id) is not { } duration) break;
            var endsAt = state.UpdatedAt + (duration - state.PositionMs);
            if (now < endsAt) break;
            var index = IndexOf(queue, id);
            state = index >= 0 && index + 1 < queue.Count
                ? new PlaybackState(queue[index + 1], 0, PlaybackStatus.Playing, endsAt)
                : new PlaybackState(id, duration, PlaybackStatus.Paused, endsAt);
        }
        return state;
    }

    /// <summary>When the current item ends if nothing changes, in server Unix milliseconds, or null when not playing or its duration is unknown.</summary>
    public long? EndsAt(long? durationMs) =>
        Status == PlaybackStatus.Playing && durationMs is { } d ? UpdatedAt + Math.Max(0, d - PositionMs) : null;

    /// <summary>The current item was removed from the queue: the item that took its place (or the new last one) from its start, or nothing.</summary>
    public PlaybackState ItemRemoved(long now, IReadOnlyList<Guid> queueBefore, IReadOnlyList<Guid> queueAfter)
    {
        ArgumentNullException.ThrowIfNull(queueBefore);
        ArgumentNullException.ThrowIfNull(queueAfter);
        if (ItemId is not { } id || queueAfter.Contains(id)) return this;
        if (queueAfter.Count == 0) return Empty(now);
        var index = Math.Min(Math.Max(0, IndexOf(queueBefore, id)), queueAfter.Count - 1);
        return new PlaybackState(queueAfter[index], 0, Status, now);
    }

    private static int IndexOf(IReadOnlyList<Guid> queue, Guid id)
    {
        for (var i = 0; i < queue.Count; i++)
        {
            if (queue[i] == id) return i;
        }
        return -1;
    }
}
