namespace Meurs.Media.Rtcp;

/// <summary>
/// FirEntry is one FCI entry of a Full Intra Request (RFC 5104 §4.3.1.1).
/// </summary>
/// <param name="Ssrc">The SSRC of the media sender asked for a decoder refresh.</param>
/// <param name="SequenceNumber">The command sequence number; incremented per new request so
/// that retransmitted FIRs can be told from new ones.</param>
public readonly record struct FirEntry(uint Ssrc, byte SequenceNumber);
