using Meurs.Media.Dtls;

namespace Meurs.Media.Sdp;

/// <summary>
/// SdpAttributeValidator checks the value of each attribute the SFU interprets while parsing, so
/// a malformed a=rtpmap or a=fingerprint fails the parse with its line number instead of
/// vanishing later. Attributes it does not know are accepted as they are.
/// </summary>
internal static class SdpAttributeValidator
{
    /// <summary>
    /// Check returns null when the attribute is acceptable, or the expected syntax when not.
    /// </summary>
    /// <param name="attribute">The attribute as parsed.</param>
    /// <param name="rtpSection">True inside an m-section whose proto is RTP-based, where payload
    /// type attributes must be numeric.</param>
    internal static string? Check(SdpAttribute attribute, bool rtpSection)
    {
        var value = attribute.Value;
        switch (attribute.Name)
        {
            case SdpGroup.AttributeName:
                return value is not null && SdpGroup.TryParse(value, out _) ? null : "<semantics> *(SP <mid>) (RFC 5888 §5)";
            case "ice-ufrag":
                return value is not null && SdpText.IsIceString(value, 256) ? null : "1..256 ice-char (RFC 8839 §5.4)";
            case "ice-pwd":
                return value is not null && SdpText.IsIceString(value, 256) ? null : "1..256 ice-char (RFC 8839 §5.4)";
            case "ice-options":
                return value is not null && AreTokens(value) ? null : "<option tag> *(SP <option tag>) (RFC 8839 §5.6)";
            case DtlsFingerprint.AttributeName:
                return value is not null && DtlsFingerprint.TryParse(value, out _)
                    ? null
                    : "<hash-func> <upper-case hex byte pairs joined by ':'>, e.g. sha-256 with 32 bytes (RFC 8122 §5)";
            case "setup":
                return value is not null && SdpEnumText.TryParseSetup(value, out _) ? null : "actpass / active / passive / holdconn (RFC 4145 §4)";
            case "mid":
                return value is not null && SdpText.IsToken(value) ? null : "<identification-tag>, a token (RFC 5888 §4)";
            case SdpExtmap.AttributeName:
                return value is not null && SdpExtmap.TryParse(value, out _) ? null : "<id 1..255>[/<direction>] <URI> [<attributes>] (RFC 8285 §8)";
            case SdpSsrc.AttributeName:
                return value is not null && SdpSsrc.TryParse(value, out _) ? null : "<ssrc> <attribute>[:<value>] (RFC 5576 §4.1)";
            case SdpSsrcGroup.AttributeName:
                return value is not null && SdpSsrcGroup.TryParse(value, out _) ? null : "<semantics> 1*(SP <ssrc>) (RFC 5576 §4.2)";
            case SdpMsid.AttributeName:
                return value is not null && SdpMsid.TryParse(value, out _) ? null : "<stream id> [<track id>] (RFC 8830 §2)";
            case SdpRid.AttributeName:
                return value is not null && SdpRid.TryParse(value, out _) ? null : "<rid-id> send|recv [<restrictions>] (RFC 8851 §10)";
            case SdpSimulcast.AttributeName:
                return value is not null && SdpSimulcast.TryParse(value, out _) ? null : "send|recv <rid list> [recv|send <rid list>] (RFC 8853 §5.1)";
            case SdpCandidate.AttributeName:
                return value is not null && SdpCandidate.TryParse(value, out _)
                    ? null
                    : "<foundation> <component> <transport> <priority> <address> <port> typ <type> [raddr <a>] [rport <p>] *(<name> <value>) (RFC 8839 §5.1)";
            case "sctp-port":
                return value is not null && SdpText.TryParseInt32(value, 0, 65535, out _) ? null : "<port 0..65535> (RFC 8841 §5.1)";
            case "max-message-size":
                return value is not null && SdpText.TryParseUInt64(value, out _) ? null : "<bytes> (RFC 8841 §6.1)";
            case SdpRtpMap.AttributeName when rtpSection:
                return value is not null && SdpRtpMap.TryParse(value, out _) ? null : "<payload type 0..127> <encoding name>/<clock rate>[/<channels>] (RFC 8866 §6.6)";
            case SdpFmtp.AttributeName when rtpSection:
                return value is not null && SdpFmtp.TryParse(value, out _) ? null : "<payload type 0..127> <parameters> (RFC 8866 §6.15)";
            case SdpRtcpFeedback.AttributeName when rtpSection:
                return value is not null && SdpRtcpFeedback.TryParse(value, out _) ? null : "<payload type>|* <type> [<parameter>] (RFC 4585 §4.2)";
            default:
                return null;
        }
    }

    private static bool AreTokens(ReadOnlySpan<char> value)
    {
        var any = false;
        while (SdpText.NextToken(ref value, out var token))
        {
            if (!SdpText.IsToken(token))
            {
                return false;
            }

            any = true;
        }

        return any;
    }
}
