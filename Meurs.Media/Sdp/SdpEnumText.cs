namespace Meurs.Media.Sdp;

/// <summary>
/// SdpEnumText converts the enums of this folder to and from their SDP spelling.
/// </summary>
internal static class SdpEnumText
{
    internal static string ToToken(this SdpDirection direction) => direction switch
    {
        SdpDirection.SendOnly => "sendonly",
        SdpDirection.RecvOnly => "recvonly",
        SdpDirection.Inactive => "inactive",
        _ => "sendrecv",
    };

    internal static bool TryParseDirection(ReadOnlySpan<char> text, out SdpDirection direction)
    {
        direction = SdpDirection.SendRecv;
        if (text.Equals("sendrecv", StringComparison.Ordinal))
        {
            return true;
        }

        if (text.Equals("sendonly", StringComparison.Ordinal))
        {
            direction = SdpDirection.SendOnly;
            return true;
        }

        if (text.Equals("recvonly", StringComparison.Ordinal))
        {
            direction = SdpDirection.RecvOnly;
            return true;
        }

        if (text.Equals("inactive", StringComparison.Ordinal))
        {
            direction = SdpDirection.Inactive;
            return true;
        }

        return false;
    }

    internal static string ToToken(this SdpSetupRole role) => role switch
    {
        SdpSetupRole.Active => "active",
        SdpSetupRole.Passive => "passive",
        SdpSetupRole.HoldConn => "holdconn",
        _ => "actpass",
    };

    internal static bool TryParseSetup(ReadOnlySpan<char> text, out SdpSetupRole role)
    {
        role = SdpSetupRole.ActPass;
        var trimmed = text.Trim(' ');
        if (trimmed.Equals("actpass", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (trimmed.Equals("active", StringComparison.OrdinalIgnoreCase))
        {
            role = SdpSetupRole.Active;
            return true;
        }

        if (trimmed.Equals("passive", StringComparison.OrdinalIgnoreCase))
        {
            role = SdpSetupRole.Passive;
            return true;
        }

        if (trimmed.Equals("holdconn", StringComparison.OrdinalIgnoreCase))
        {
            role = SdpSetupRole.HoldConn;
            return true;
        }

        return false;
    }
}
