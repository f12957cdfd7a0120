using System.Diagnostics.CodeAnalysis;
namespace Meurs.Media.Sdp;

/// <summary>
/// SdpSimulcast is a=simulcast (RFC 8853 §5.1): "a=simulcast:send h;m;l [recv ...]". Each
/// direction lists streams separated by ';'; each stream is one rid or ','-separated alternative
/// rids. Parsed only.
/// </summary>
public sealed class SdpSimulcast
{
    /// <summary>The attribute name, "simulcast".</summary>
    public const string AttributeName = "simulcast";

    private SdpSimulcast(IReadOnlyList<IReadOnlyList<SdpSimulcastRid>> send, IReadOnlyList<IReadOnlyList<SdpSimulcastRid>> receive)
    {
        Send = send;
        Receive = receive;
    }

    /// <summary>Send lists the streams the writer sends; each entry holds its alternatives.</summary>
    public IReadOnlyList<IReadOnlyList<SdpSimulcastRid>> Send { get; }

    /// <summary>Receive lists the streams the writer receives; each entry holds its alternatives.</summary>
    public IReadOnlyList<IReadOnlyList<SdpSimulcastRid>> Receive { get; }

    /// <summary>
    /// TryParse reads the value of a=simulcast.
    /// </summary>
    /// <param name="value">Text after "simulcast:", e.g. "send h;m;~l".</param>
    /// <param name="result">The lists, or null when false.</param>
    /// <returns>False on an unknown direction, a direction given twice, an empty list or a bad rid.</returns>
    public static bool TryParse(ReadOnlySpan<char> value, [NotNullWhen(true)] out SdpSimulcast? result)
    {
        result = null;
        List<IReadOnlyList<SdpSimulcastRid>>? send = null;
        List<IReadOnlyList<SdpSimulcastRid>>? receive = null;
        while (SdpText.NextToken(ref value, out var direction))
        {
            if (!SdpText.NextToken(ref value, out var list) || !TryParseList(list, out var streams))
            {
                return false;
            }

            if (direction.SequenceEqual("send") && send is null)
            {
                send = streams;
            }
            else if (direction.SequenceEqual("recv") && receive is null)
            {
                receive = streams;
            }
            else
            {
                return false;
            }
        }

        if (send is null && receive is null)
        {
            return false;
        }

        result = new SdpSimulcast(send ?? [], receive ?? []);
        return true;
    }

    /// <summary>ToString gives the attribute value.</summary>
    public override string ToString()
    {
        var parts = new List<string>();
        if (Send.Count > 0)
        {
            parts.Add("send " + Format(Send));
        }

        if (Receive.Count > 0)
        {
            parts.Add("recv " + Format(Receive));
        }

        return string.Join(' ', parts);
    }

    private static string Format(IReadOnlyList<IReadOnlyList<SdpSimulcastRid>> streams) =>
        string.Join(';', streams.Select(alternatives => string.Join(',', alternatives.Select(s => (s.Paused ? "~" : string.Empty) + s.Rid))));

    private static bool TryParseList(ReadOnlySpan<char> list, [NotNullWhen(true)] out List<IReadOnlyList<SdpSimulcastRid>>? streams)
    {
        streams = [];
        foreach (var streamRange in list.Split(';'))
        {
            var alternatives = new List<SdpSimulcastRid>();
            foreach (var idRange in list[streamRange].Split(','))
            {
                var id = list[streamRange][idRange];
                var paused = id.StartsWith('~');
                if (paused)
                {
                    id = id[1..];
                }

                if (!SdpRid.IsRidId(id))
                {
                    streams = null;
                    return false;
                }

                alternatives.Add(new SdpSimulcastRid(id.ToString(), paused));
            }

            streams.Add(alternatives);
        }

        return true;
    }
}
