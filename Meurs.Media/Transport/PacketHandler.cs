namespace Meurs.Media.Transport;

/// <summary>
/// Receives one decrypted RTP or RTCP packet from <paramref name="transport"/>. The span is valid only during the call:
/// copy what must outlive it. Called on the media server's receive thread, so it must not block.
/// </summary>
/// <param name="transport">The transport the packet arrived on.</param>
/// <param name="packet">The plain RTP packet (RFC 3550 §5.1) or RTCP compound packet (RFC 3550 §6.1).</param>
public delegate void PacketHandler(WebRtcTransport transport, ReadOnlySpan<byte> packet);
