namespace Meurs.Media.Rtcp;

/// <summary>
/// NackPair is one FCI entry of a generic NACK (RFC 4585 §6.2.1): a lost packet and a bitmask of
/// the 16 packets after it that are lost too.
/// </summary>
/// <param name="PacketId">PID, the sequence number of a lost packet.</param>
/// <param name="LostBitmask">BLP: bit i (least significant first) set means PID + i + 1 is lost too.</param>
public readonly record struct NackPair(ushort PacketId, ushort LostBitmask);
