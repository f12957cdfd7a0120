namespace Meurs.Media.Routing;

/// <summary>
/// IKeyframeRequestSink is where the <see cref="Router"/> sends the keyframe requests, already
/// throttled, that must go upstream to a Producer's sender.
/// </summary>
/// <remarks>
/// Called under the Router's lock: an implementation must not call back into the Router and
/// should only queue the RTCP packet.
/// </remarks>
public interface IKeyframeRequestSink
{
    /// <summary>
    /// RequestKeyframe asks the sender of <paramref name="producer"/> for a keyframe; the
    /// transport chooses PLI (RFC 4585 §6.3.1) or FIR (RFC 5104 §4.3.1) from what was negotiated.
    /// </summary>
    /// <param name="producer">The video Producer whose sender must send a keyframe.</param>
    void RequestKeyframe(Producer producer);
}
