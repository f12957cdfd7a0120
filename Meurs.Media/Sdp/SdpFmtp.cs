using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Meurs.Media.Sdp;

/// <summary>
/// SdpFmtp is a=fmtp (RFC 8866 §6.15): "a=fmtp:&lt;format&gt; &lt;format specific parameters&gt;",
/// e.g. "111 minptime=10;useinbandfec=1". Most RTP payload formats write ';'-separated
/// key=value pairs; some do not ("101 0-15", RED's "63 111/111"), so the text is kept as well.
/// </summary>
public sealed class SdpFmtp
{
    /// <summary>The attribute name, "fmtp".</summary>
    public const string AttributeName = "fmtp";

    /// <summary>
    /// Creates an fmtp from its parameter text.
    /// </summary>
    /// <param name="payloadType">RTP payload type, 0..127.</param>
    /// <param name="parameters">The format parameters verbatim, non-empty, e.g. "apt=96".</param>
    /// <exception cref="ArgumentOutOfRangeException">payloadType is outside 0..127.</exception>
    /// <exception cref="ArgumentException">parameters is empty or holds CR, LF or NUL.</exception>
    public SdpFmtp(int payloadType, string parameters)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)payloadType, 127u, nameof(payloadType));
        SdpText.RequireLineSafe(parameters, nameof(parameters));
        if (parameters.Trim().Length == 0)
        {
            throw new ArgumentException("fmtp parameters cannot be empty.", nameof(parameters));
        }

        PayloadType = payloadType;
        Parameters = parameters;
        Pairs = SplitPairs(parameters);
    }

    /// <summary>
    /// Creates an fmtp from key=value pairs, written joined by ';'.
    /// </summary>
    /// <param name="payloadType">RTP payload type, 0..127.</param>
    /// <param name="pairs">At least one pair; keys are tokens, values line-safe.</param>
    /// <exception cref="ArgumentException">No pair, or a key or value is invalid.</exception>
    public SdpFmtp(int payloadType, IEnumerable<KeyValuePair<string, string>> pairs)
        : this(payloadType, Join(pairs))
    {
    }

    /// <summary>PayloadType is the payload type the parameters apply to.</summary>
    public int PayloadType { get; }

    /// <summary>Parameters is the parameter text as written.</summary>
    public string Parameters { get; }

    /// <summary>Pairs are the ';'-separated entries, trimmed; an entry without '=' has the whole
    /// entry as key and an empty value.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Pairs { get; }

    /// <summary>
    /// TryGetParameter finds a parameter by name, ignoring case (media type parameter names are
    /// case-insensitive, RFC 6838 §4.3).
    /// </summary>
    /// <param name="key">E.g. "packetization-mode".</param>
    /// <param name="value">The value of the first entry with that key.</param>
    /// <returns>True when present.</returns>
    public bool TryGetParameter(string key, [NotNullWhen(true)] out string? value)
    {
        foreach (var pair in Pairs)
        {
            if (string.Equals(pair.Key, key, StringComparison.OrdinalIgnoreCase))
            {
                value = pair.Value;
                return true;
            }
        }

        value = null;
        return false;
    }

    /// <summary>
    /// TryParse reads the value of a=fmtp.
    /// </summary>
    /// <param name="value">Text after "fmtp:", e.g. "96 profile-id=0".</param>
    /// <param name="result">The fmtp, or null when false.</param>
    /// <returns>False unless a payload type 0..127, a space and some parameter text are present.</returns>
    public static bool TryParse(ReadOnlySpan<char> value, [NotNullWhen(true)] out SdpFmtp? result)
    {
        result = null;
        var space = value.IndexOf(' ');
        if (space <= 0 || !SdpText.TryParseInt32(value[..space], 0, 127, out var payloadType))
        {
            return false;
        }

        var parameters = value[(space + 1)..];
        if (parameters.Trim(' ').IsEmpty || !SdpText.IsLineSafe(parameters))
        {
            return false;
        }

        result = new SdpFmtp(payloadType, parameters.ToString());
        return true;
    }

    /// <summary>ToAttribute gives the a=fmtp line.</summary>
    public SdpAttribute ToAttribute() => new(AttributeName, ToString());

    /// <summary>ToString gives the attribute value, e.g. "111 minptime=10;useinbandfec=1".</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{PayloadType} {Parameters}");

    private static KeyValuePair<string, string>[] SplitPairs(string parameters)
    {
        var pairs = new List<KeyValuePair<string, string>>();
        foreach (var entry in parameters.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = entry.IndexOf('=', StringComparison.Ordinal);
            pairs.Add(equals < 0
                ? new(entry, string.Empty)
                : new(entry[..equals].Trim(), entry[(equals + 1)..].Trim()));
        }

        return [.. pairs];
    }

    private static string Join(IEnumerable<KeyValuePair<string, string>> pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        var parts = new List<string>();
        foreach (var pair in pairs)
        {
            SdpText.RequireToken(pair.Key, nameof(pairs));
            if (!SdpText.IsLineSafe(pair.Value) || pair.Value.Contains(';', StringComparison.Ordinal))
            {
                throw new ArgumentException("An fmtp value cannot hold ';', CR, LF or NUL.", nameof(pairs));
            }

            parts.Add(pair.Key + "=" + pair.Value);
        }

        return parts.Count == 0
            ? throw new ArgumentException("An fmtp needs at least one parameter.", nameof(pairs))
            : string.Join(';', parts);
    }
}
