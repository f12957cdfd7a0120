namespace Meurs.Media.Rtcp;

/// <summary>
/// TransportWideCcPacket is what a transport-wide CC feedback says about one packet: whether it
/// arrived and, if so, when relative to the previous arrival.
/// </summary>
/// <param name="SequenceNumber">The transport-wide sequence number (draft-holmer §2).</param>
/// <param name="Received">True when the packet arrived.</param>
/// <param name="Delta">The receive delta in units of 250 µs: arrival time minus the previous
/// received packet's arrival (minus the reference time for the first); 0 when not received.
/// 0..255 travels in one byte, -32768..32767 in two.</param>
public readonly record struct TransportWideCcPacket(ushort SequenceNumber, bool Received, int Delta)
{
    /// <summary>DeltaUnit is the duration of one <see cref="Delta"/> unit.</summary>
    public static readonly TimeSpan DeltaUnit = TimeSpan.FromMicroseconds(250);

    /// <summary>DeltaTime is <see cref="Delta"/> as a duration.</summary>
    public TimeSpan DeltaTime => DeltaUnit * Delta;
}
