namespace Meurs.Media.Sdp;

/// <summary>
/// SdpSimulcastRid is one rid in an a=simulcast list (RFC 8853 §5.1), with its pause mark.
/// </summary>
/// <param name="Rid">The rid-id the list refers to.</param>
/// <param name="Paused">True when written with the "~" prefix (stream offered but paused).</param>
public sealed record SdpSimulcastRid(string Rid, bool Paused);
