namespace Meurs.Web.Realtime;

/// <summary>
/// Where a kind of channel keeps what a new subscriber must see first, so the <see cref="RealtimeHub"/> can hand it over
/// gaplessly: the snapshot is read under the channel's gate, after which every live event follows, none lost or doubled.
/// Kinds without history need no log.
/// </summary>
public interface IChannelLog
{
    /// <summary>The kind whose history this is.</summary>
    ChannelKind Kind { get; }

    /// <summary>The sequence number of the last event stored for <paramref name="channel"/>; 0 when none ever was.</summary>
    Task<long> LastSeqAsync(ChannelId channel, CancellationToken cancellationToken);

    /// <summary>
    /// What <paramref name="viewer"/> sees on subscribing: the recent history, or when <paramref name="after"/> is given
    /// exactly the events since that sequence number (a resume). Null to send nothing.
    /// </summary>
    Task<RealtimeEvent?> SnapshotAsync(ChannelId channel, ChannelUser viewer, long? after, CancellationToken cancellationToken);
}

/// <summary>
/// A write on one channel, under its gate (see <see cref="RealtimeHub.WriteAsync{T}"/>): sequence numbers to give the
/// events stored, and the events to publish once the write has succeeded. Nothing is numbered or published when the
/// write throws.
/// </summary>
public sealed class ChannelWrite
{
    private readonly List<Publication> publications = [];

    internal ChannelWrite(ChannelId channel, long lastSeq)
    {
        Channel = channel;
        LastSeq = lastSeq;
    }

    /// <summary>The channel written.</summary>
    public ChannelId Channel { get; }

    /// <summary>The last sequence number handed out on this channel (including by this write).</summary>
    public long LastSeq { get; private set; }

    /// <summary>The next sequence number, strictly increasing per channel; store it with the event.</summary>
    public long NextSeq() => ++LastSeq;

    /// <summary>Queues <paramref name="e"/> for <paramref name="audience"/> (everyone subscribed by default), published in order after the write.</summary>
    public void Publish(RealtimeEvent e, Audience? audience = null) =>
        publications.Add(new Publication(Channel, e ?? throw new ArgumentNullException(nameof(e)), audience ?? Audience.Subscribers));

    internal IReadOnlyList<Publication> Publications => publications;
}
