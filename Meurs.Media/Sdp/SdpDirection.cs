namespace Meurs.Media.Sdp;

/// <summary>
/// SdpDirection is the media direction attribute (RFC 8866 §6.7.1-6.7.4, RFC 3264 §6.1), seen
/// from the side that wrote the description. Absent means <see cref="SendRecv"/>.
/// </summary>
public enum SdpDirection
{
    /// <summary>a=sendrecv: sends and receives.</summary>
    SendRecv,

    /// <summary>a=sendonly: sends, does not receive.</summary>
    SendOnly,

    /// <summary>a=recvonly: receives, does not send.</summary>
    RecvOnly,

    /// <summary>a=inactive: neither.</summary>
    Inactive,
}
