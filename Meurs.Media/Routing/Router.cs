using Meurs.Media.Rtcp;

namespace Meurs.Media.Routing;

/// <summary>
/// Router is the SFU core of one call: it owns the Producers (incoming tracks) and, for each,
/// the Consumers (one per subscriber per track), fans every received RTP packet out to the
/// Consumers as rewritten copies, answers the subscribers' NACKs from each Consumer's
/// retransmission buffer, forwards their keyframe requests upstream with throttling, and tracks
/// active speakers from RFC 6464 audio levels.
/// </summary>
/// <remarks>
/// <para>
/// Transport-agnostic: packets come in as raw bytes plus the header values the transport parsed
/// (<see cref="RtpPacketInfo"/>), and go out through <see cref="IRtpSink"/> and
/// <see cref="IKeyframeRequestSink"/>. It touches only the RTP fixed header's sequence number,
/// timestamp and SSRC (RFC 3550 §5.1); everything else is forwarded byte for byte.
/// </para>
/// <para>
/// Threading: one lock per Router guards all of it, Producers and Consumers included, so any
/// thread may call any method; calls on one Router are serialized and different Routers (calls)
/// run in parallel. The sinks are called while the lock is held, so they must not call back into
/// the Router and should only queue. The lock is held for one packet's fan-out, which for N
/// Consumers is N copies of the packet.
/// </para>
/// <para>
/// Time comes from the <see cref="TimeProvider"/> given at construction (monotonic, via
/// <see cref="TimeProvider.GetTimestamp"/>), so tests can drive it.
/// </para>
/// </remarks>
public sealed class Router
{
    private readonly Lock gate = new();
    private readonly IRtpSink rtpSink;
    private readonly IKeyframeRequestSink keyframeSink;
    private readonly TimeProvider time;
    private readonly long origin;
    private readonly SsrcAllocator ssrcs = new();
    private readonly ActiveSpeakerDetector speakers;
    private readonly Dictionary<string, Producer> producers = new(StringComparer.Ordinal);
    private readonly Dictionary<uint, Producer> producersBySsrc = [];
    private readonly Dictionary<string, Consumer> consumers = new(StringComparer.Ordinal);
    private readonly Dictionary<uint, Consumer> consumersBySsrc = [];

    /// <summary>
    /// Creates an empty Router.
    /// </summary>
    /// <param name="rtpSink">Where rewritten packets go.</param>
    /// <param name="keyframeSink">Where keyframe requests for Producers go.</param>
    /// <param name="timeProvider">The clock; null for <see cref="TimeProvider.System"/>.</param>
    /// <param name="options">Buffer sizes and intervals; null for the defaults.</param>
    public Router(
        IRtpSink rtpSink,
        IKeyframeRequestSink keyframeSink,
        TimeProvider? timeProvider = null,
        RouterOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(rtpSink);
        ArgumentNullException.ThrowIfNull(keyframeSink);
        this.rtpSink = rtpSink;
        this.keyframeSink = keyframeSink;
        time = timeProvider ?? TimeProvider.System;
        origin = time.GetTimestamp();
        Options = options ?? new RouterOptions();
        speakers = new ActiveSpeakerDetector(Options.ActiveSpeaker);
    }

    /// <summary>
    /// Options are the buffer sizes and intervals in use.
    /// </summary>
    public RouterOptions Options { get; }

    private TimeSpan Now => time.GetElapsedTime(origin);

    /// <summary>
    /// CreateProducer adds an incoming track.
    /// </summary>
    /// <param name="id">Its id, unique in this Router.</param>
    /// <param name="kind">Audio or video.</param>
    /// <param name="ssrc">The SSRC the publisher sends it with.</param>
    /// <param name="payloadType">The negotiated payload type, 0..127.</param>
    /// <param name="clockRate">The codec's RTP clock rate in Hz.</param>
    /// <returns>The new Producer.</returns>
    /// <exception cref="ArgumentException">The id is empty or taken, or the SSRC is already used
    /// in this Router by a Producer or Consumer.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The payload type is above 127 or the clock
    /// rate is not positive.</exception>
    public Producer CreateProducer(string id, MediaKind kind, uint ssrc, byte payloadType, int clockRate)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(payloadType, (byte)127);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(clockRate);
        lock (gate)
        {
            if (producers.ContainsKey(id))
            {
                throw new ArgumentException($"A producer with id '{id}' already exists.", nameof(id));
            }

            if (!ssrcs.TryReserve(ssrc))
            {
                throw new ArgumentException($"SSRC {ssrc} is already in use in this router.", nameof(ssrc));
            }

            var producer = new Producer(id, kind, ssrc, payloadType, clockRate, Options.KeyframeRequestInterval);
            producers.Add(id, producer);
            producersBySsrc.Add(ssrc, producer);
            return producer;
        }
    }

    /// <summary>
    /// CreateConsumer subscribes a transport to a Producer. A video Consumer starts on the next
    /// keyframe and, unless paused, asks for one (subject to the Producer's throttle).
    /// </summary>
    /// <param name="id">Its id, unique in this Router.</param>
    /// <param name="producerId">The Producer to consume.</param>
    /// <param name="transportId">The subscriber's transport, passed through to the sink.</param>
    /// <param name="paused">True to create it paused.</param>
    /// <param name="retransmits">True when the subscriber negotiated generic NACK for it: the
    /// Consumer keeps a retransmission buffer. Null: video does, audio does not.</param>
    /// <returns>The new Consumer, with its own random SSRC.</returns>
    /// <exception cref="ArgumentException">An id is empty, the id is taken, or the Producer does
    /// not exist.</exception>
    public Consumer CreateConsumer(string id, string producerId, string transportId, bool paused = false, bool? retransmits = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        ArgumentException.ThrowIfNullOrEmpty(producerId);
        ArgumentException.ThrowIfNullOrEmpty(transportId);
        lock (gate)
        {
            if (consumers.ContainsKey(id))
            {
                throw new ArgumentException($"A consumer with id '{id}' already exists.", nameof(id));
            }

            var producer = FindProducer(producerId);
            var consumer = new Consumer(id, transportId, producer, ssrcs.Allocate(), paused, retransmits ?? producer.Kind == MediaKind.Video, Options);
            consumers.Add(id, consumer);
            consumersBySsrc.Add(consumer.Ssrc, consumer);
            producer.Consumers.Add(consumer);
            if (!paused)
            {
                RequestKeyframe(producer, Now);
            }

            return consumer;
        }
    }

    /// <summary>
    /// TryGetProducer finds a Producer by id.
    /// </summary>
    /// <param name="id">The Producer's id.</param>
    /// <param name="producer">The Producer, or null.</param>
    /// <returns>False when there is none (never created, or closed).</returns>
    public bool TryGetProducer(string id, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Producer? producer)
    {
        lock (gate)
        {
            return producers.TryGetValue(id, out producer);
        }
    }

    /// <summary>
    /// TryGetConsumer finds a Consumer by id.
    /// </summary>
    /// <param name="id">The Consumer's id.</param>
    /// <param name="consumer">The Consumer, or null.</param>
    /// <returns>False when there is none (never created, or closed).</returns>
    public bool TryGetConsumer(string id, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Consumer? consumer)
    {
        lock (gate)
        {
            return consumers.TryGetValue(id, out consumer);
        }
    }

    /// <summary>
    /// GetConsumers lists a Producer's Consumers.
    /// </summary>
    /// <param name="producerId">The Producer's id.</param>
    /// <returns>A snapshot of its Consumers, empty when the Producer does not exist.</returns>
    public IReadOnlyList<Consumer> GetConsumers(string producerId)
    {
        lock (gate)
        {
            return producers.TryGetValue(producerId, out var producer) ? [.. producer.Consumers] : [];
        }
    }

    /// <summary>
    /// PauseConsumer stops sending to a Consumer; the packets it misses leave no gap on resume.
    /// </summary>
    /// <param name="consumerId">The Consumer's id.</param>
    /// <returns>False when the Consumer does not exist.</returns>
    public bool PauseConsumer(string consumerId)
    {
        lock (gate)
        {
            if (!consumers.TryGetValue(consumerId, out var consumer))
            {
                return false;
            }

            consumer.IsPaused = true;
            return true;
        }
    }

    /// <summary>
    /// ResumeConsumer sends to a paused Consumer again, continuing its sequence numbers at the
    /// last sent + 1 from the next packet (the next keyframe, for video, which it requests
    /// subject to the Producer's throttle).
    /// </summary>
    /// <param name="consumerId">The Consumer's id.</param>
    /// <returns>False when the Consumer does not exist; true (and nothing changes) when it was
    /// not paused.</returns>
    public bool ResumeConsumer(string consumerId)
    {
        lock (gate)
        {
            if (!consumers.TryGetValue(consumerId, out var consumer))
            {
                return false;
            }

            if (consumer.IsPaused)
            {
                consumer.IsPaused = false;
                consumer.Restart();
                RequestKeyframe(consumer.Producer, Now);
            }

            return true;
        }
    }

    /// <summary>
    /// SwitchConsumer points a Consumer at another Producer of the same kind and clock rate (the
    /// publisher reconnected with a new SSRC, or another simulcast layer), keeping the Consumer's
    /// SSRC: the subscriber sees one stream whose sequence numbers continue at the last + 1 and
    /// whose timestamps advance by the wall time that passed. Video switches on the new
    /// Producer's next keyframe, which is requested.
    /// </summary>
    /// <param name="consumerId">The Consumer's id.</param>
    /// <param name="producerId">The new Producer's id.</param>
    /// <returns>False when either does not exist.</returns>
    /// <exception cref="ArgumentException">The new Producer differs in kind or clock rate.</exception>
    public bool SwitchConsumer(string consumerId, string producerId)
    {
        lock (gate)
        {
            if (!consumers.TryGetValue(consumerId, out var consumer)
                || !producers.TryGetValue(producerId, out var producer))
            {
                return false;
            }

            if (producer.Kind != consumer.Kind || producer.ClockRate != consumer.Producer.ClockRate)
            {
                throw new ArgumentException(
                    $"Producer '{producerId}' differs in kind or clock rate from the consumed one.", nameof(producerId));
            }

            if (ReferenceEquals(producer, consumer.Producer))
            {
                return true;
            }

            consumer.Producer.Consumers.Remove(consumer);
            producer.Consumers.Add(consumer);
            consumer.Restart(producer);
            if (!consumer.IsPaused)
            {
                RequestKeyframe(producer, Now);
            }

            return true;
        }
    }

    /// <summary>
    /// CloseConsumer removes a Consumer and frees its SSRC.
    /// </summary>
    /// <param name="consumerId">The Consumer's id.</param>
    /// <returns>False when it does not exist.</returns>
    public bool CloseConsumer(string consumerId)
    {
        lock (gate)
        {
            if (!consumers.TryGetValue(consumerId, out var consumer))
            {
                return false;
            }

            consumer.Producer.Consumers.Remove(consumer);
            Forget(consumer);
            return true;
        }
    }

    /// <summary>
    /// CloseProducer removes a Producer and closes all its Consumers.
    /// </summary>
    /// <param name="producerId">The Producer's id.</param>
    /// <returns>The Consumers closed with it (so signalling can tell their subscribers); empty
    /// when the Producer does not exist.</returns>
    public IReadOnlyList<Consumer> CloseProducer(string producerId)
    {
        lock (gate)
        {
            if (!producers.Remove(producerId, out var producer))
            {
                return [];
            }

            producersBySsrc.Remove(producer.Ssrc);
            ssrcs.Release(producer.Ssrc);
            speakers.Remove(producer.Id);
            producer.IsClosed = true;
            Consumer[] closed = [.. producer.Consumers];
            producer.Consumers.Clear();
            foreach (var consumer in closed)
            {
                Forget(consumer);
            }

            return closed;
        }
    }

    /// <summary>
    /// Route fans one received RTP packet out to the Consumers of the Producer with its SSRC.
    /// </summary>
    /// <param name="info">The header values the transport parsed from the packet.</param>
    /// <param name="packet">The whole packet, after SRTP decryption, starting at the RTP
    /// header.</param>
    /// <returns>How many Consumers it was sent to: 0 when the SSRC is unknown, the packet is
    /// shorter than the 12-byte fixed header, or every Consumer skipped it (paused, waiting for a
    /// keyframe, padding-only, duplicate too old).</returns>
    /// <remarks>
    /// A keyframe clears the Producer's pending keyframe request; an audio level feeds the
    /// active-speaker detector.
    /// </remarks>
    public int Route(in RtpPacketInfo info, ReadOnlySpan<byte> packet)
    {
        if (packet.Length < 12)
        {
            return 0;
        }

        lock (gate)
        {
            if (!producersBySsrc.TryGetValue(info.Ssrc, out var producer))
            {
                return 0;
            }

            var now = Now;
            if (info.IsKeyframe && info.PayloadLength > 0)
            {
                producer.KeyframeRequests.OnKeyframe();
            }

            if (producer.Kind == MediaKind.Audio && info.AudioLevel is { } level)
            {
                speakers.Observe(producer.Id, level, now);
            }

            var sent = 0;
            foreach (var consumer in producer.Consumers)
            {
                if (consumer.Forward(info, packet, now, rtpSink))
                {
                    sent++;
                }
            }

            return sent;
        }
    }

    /// <summary>
    /// ReceiveNack answers a generic NACK (RFC 4585 §6.2.1) from a subscriber by resending the
    /// packets still in the Consumer's retransmission buffer, byte for byte as first sent.
    /// </summary>
    /// <param name="consumerSsrc">The NACK's media source SSRC: the Consumer's SSRC.</param>
    /// <param name="lostSequenceNumbers">The lost sequence numbers (PID and BLP expanded).</param>
    /// <returns>How many packets were resent; 0 when the SSRC is no Consumer's.</returns>
    public int ReceiveNack(uint consumerSsrc, IEnumerable<ushort> lostSequenceNumbers)
    {
        ArgumentNullException.ThrowIfNull(lostSequenceNumbers);
        lock (gate)
        {
            if (!consumersBySsrc.TryGetValue(consumerSsrc, out var consumer))
            {
                return 0;
            }

            if (consumer.Retransmissions is null)
            {
                return 0;
            }

            var packets = consumer.Retransmissions.Resolve(lostSequenceNumbers, Now);
            foreach (var packet in packets)
            {
                rtpSink.Send(consumer, packet.Span);
            }

            return packets.Count;
        }
    }

    /// <summary>
    /// TryWriteSenderReport writes an RTCP Sender Report (RFC 3550 §6.4.1) for
    /// <paramref name="consumer"/>'s stream: the wall clock now as NTP time, paired with the RTP
    /// time the Consumer last sent carried forward to now at the Producer's clock rate, and its
    /// packet and octet counts. That NTP↔RTP pairing is what lets a browser play one person's
    /// audio and video in sync; send one per Consumer about once a second.
    /// </summary>
    /// <param name="consumer">A Consumer of this Router.</param>
    /// <param name="destination">Where to write; 28 bytes are enough (no report blocks).</param>
    /// <param name="written">Bytes written, or 0 when false.</param>
    /// <returns>False when the Consumer is closed, has sent nothing yet (there is no RTP time to
    /// pair), or the destination is too small.</returns>
    public bool TryWriteSenderReport(Consumer consumer, Span<byte> destination, out int written)
    {
        ArgumentNullException.ThrowIfNull(consumer);
        // Not under the Router's lock (see Consumer.TryReadSenderState): a Consumer closed a moment ago at worst sends
        // one last report, which the subscriber ignores.
        if (consumer.IsClosed || !consumer.TryReadSenderState(out var packets, out var octets, out var timestamp, out var timestampAt))
        {
            written = 0;
            return false;
        }

        var elapsed = Now - timestampAt;
        var report = new SenderReport
        {
            Ssrc = consumer.Ssrc,
            NtpTimestamp = SenderReport.ToNtpTimestamp(time.GetUtcNow()),
            RtpTimestamp = unchecked(timestamp + (uint)(long)(elapsed.TotalSeconds * consumer.Producer.ClockRate)),
            PacketCount = unchecked((uint)packets),
            OctetCount = unchecked((uint)octets),
        };

        return report.TryWrite(destination, out written);
    }

    /// <summary>
    /// ReceiveRtcp takes one (SRTCP-unprotected) compound RTCP packet from a subscriber and acts
    /// on its feedback: a generic NACK (RFC 4585 §6.2.1) through <see cref="ReceiveNack"/>, a PLI
    /// (RFC 4585 §6.3.1) and each FIR entry (RFC 5104 §4.3.1) through
    /// <see cref="ReceiveKeyframeRequest"/>. Receiver reports, SDES and BYE end here: the SFU is
    /// the subscriber's RTP peer (RFC 3550 §6). Packets that do not parse are skipped; a
    /// malformed compound is read up to the bad packet.
    /// </summary>
    /// <param name="compound">The compound packet, header first.</param>
    /// <returns>How many feedback requests named one of this Router's Consumers.</returns>
    public int ReceiveRtcp(ReadOnlySpan<byte> compound)
    {
        var handled = 0;
        foreach (var packet in new RtcpCompoundReader(compound))
        {
            if (!RtcpPacketParser.TryParse(packet.Data, out var parsed))
            {
                continue;
            }

            switch (parsed)
            {
                case GenericNack nack:
                    handled += IsConsumerSsrc(nack.MediaSsrc) ? 1 : 0;
                    ReceiveNack(nack.MediaSsrc, nack.GetLostSequenceNumbers());
                    break;
                case PictureLossIndication pli:
                    handled += IsConsumerSsrc(pli.MediaSsrc) ? 1 : 0;
                    ReceiveKeyframeRequest(pli.MediaSsrc);
                    break;
                case FullIntraRequest fir:
                    foreach (var entry in fir.Entries)
                    {
                        handled += IsConsumerSsrc(entry.Ssrc) ? 1 : 0;
                        ReceiveKeyframeRequest(entry.Ssrc);
                    }

                    break;
            }
        }

        return handled;
    }

    /// <summary>
    /// ReceiveKeyframeRequest takes a subscriber's PLI (RFC 4585 §6.3.1) or FIR (RFC 5104
    /// §4.3.1) and forwards it to the consumed Producer's sender, at most once per
    /// <see cref="RouterOptions.KeyframeRequestInterval"/>; one arriving sooner stays pending
    /// until <see cref="PollKeyframeRequests"/> sends it or a keyframe makes it moot.
    /// </summary>
    /// <param name="consumerSsrc">The request's media source SSRC: the Consumer's SSRC.</param>
    /// <returns>True when a request went upstream now.</returns>
    public bool ReceiveKeyframeRequest(uint consumerSsrc)
    {
        lock (gate)
        {
            return consumersBySsrc.TryGetValue(consumerSsrc, out var consumer)
                && RequestKeyframe(consumer.Producer, Now);
        }
    }

    private bool IsConsumerSsrc(uint ssrc)
    {
        lock (gate)
        {
            return consumersBySsrc.ContainsKey(ssrc);
        }
    }

    /// <summary>
    /// PollKeyframeRequests sends the pending keyframe requests whose interval has ended; call it
    /// when the delay it last returned has passed.
    /// </summary>
    /// <returns>How long until the next pending request is due, or null when none is pending.</returns>
    public TimeSpan? PollKeyframeRequests()
    {
        lock (gate)
        {
            var now = Now;
            TimeSpan? next = null;
            foreach (var producer in producers.Values)
            {
                var throttle = producer.KeyframeRequests;
                if (throttle.Poll(now))
                {
                    keyframeSink.RequestKeyframe(producer);
                }
                else if (throttle.DueAt is { } due && (next is null || due - now < next))
                {
                    next = due - now;
                }
            }

            return next;
        }
    }

    /// <summary>
    /// EvaluateActiveSpeakers brings the active-speaker state up to date; call it periodically
    /// (every 100 ms or so).
    /// </summary>
    /// <returns>The speaking Producers and the dominant speaker when either changed since the
    /// last call, otherwise null.</returns>
    public ActiveSpeakerUpdate? EvaluateActiveSpeakers()
    {
        lock (gate)
        {
            return speakers.Evaluate(Now);
        }
    }

    private Producer FindProducer(string producerId) =>
        producers.TryGetValue(producerId, out var producer)
            ? producer
            : throw new ArgumentException($"No producer with id '{producerId}'.", nameof(producerId));

    private bool RequestKeyframe(Producer producer, TimeSpan now)
    {
        if (producer.Kind != MediaKind.Video || !producer.KeyframeRequests.Request(now))
        {
            return false;
        }

        keyframeSink.RequestKeyframe(producer);
        return true;
    }

    private void Forget(Consumer consumer)
    {
        consumers.Remove(consumer.Id);
        consumersBySsrc.Remove(consumer.Ssrc);
        ssrcs.Release(consumer.Ssrc);
        consumer.IsClosed = true;
    }
}
