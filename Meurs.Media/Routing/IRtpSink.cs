namespace Meurs.Media.Routing;

/// <summary>
/// IRtpSink is where the <see cref="Router"/> sends the RTP packets it rewrote for a Consumer;
/// the transport behind it protects them with SRTP and sends them to the subscriber.
/// </summary>
/// <remarks>
/// Called under the Router's lock: an implementation must not call back into the Router and
/// should only copy or encrypt the packet into a send queue, never block on the network.
/// </remarks>
public interface IRtpSink
{
    /// <summary>
    /// Send sends one RTP packet (new or retransmitted) to a Consumer's subscriber.
    /// </summary>
    /// <param name="consumer">The Consumer it is for; its <see cref="Consumer.TransportId"/> names
    /// the transport.</param>
    /// <param name="packet">The whole rewritten RTP packet, valid only during the call.</param>
    void Send(Consumer consumer, ReadOnlySpan<byte> packet);
}
