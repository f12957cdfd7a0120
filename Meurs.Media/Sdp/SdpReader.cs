using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Meurs.Media.Sdp;

/// <summary>
/// SdpReader is the line parser behind <see cref="SessionDescription.TryParse"/>. It walks the
/// text once, line by line, and stops at the first problem with a message naming the line.
/// </summary>
internal static class SdpReader
{
    /// <summary>Session-level line types (RFC 8866 §5), v= excluded.</summary>
    private const string SessionTypes = "osiuepcbtrzkam";

    /// <summary>Media-level line types (RFC 8866 §5).</summary>
    private const string MediaTypes = "icbkam";

    internal static bool TryRead(string? sdp, [NotNullWhen(true)] out SessionDescription? result, [NotNullWhen(false)] out string? error)
    {
        result = null;
        if (sdp is null)
        {
            error = "The SDP is null.";
            return false;
        }

        if (sdp.Length == 0)
        {
            error = "The SDP is empty; it must start with a v=0 line (RFC 8866 §5.1).";
            return false;
        }

        if (sdp.Length > SessionDescription.MaxLength)
        {
            error = string.Create(CultureInfo.InvariantCulture, $"The SDP is {sdp.Length} characters long; at most {SessionDescription.MaxLength} are accepted.");
            return false;
        }

        var state = new State();
        var rest = sdp.AsSpan();
        var lineNumber = 0;
        while (!rest.IsEmpty)
        {
            var newline = rest.IndexOf('\n');
            var line = newline < 0 ? rest : rest[..newline];
            rest = newline < 0 ? default : rest[(newline + 1)..];
            lineNumber++;
            if (line.EndsWith('\r'))
            {
                line = line[..^1];
            }

            if (line.IsEmpty)
            {
                if (rest.TrimStart("\r\n").IsEmpty)
                {
                    break;
                }

                error = At(lineNumber, "is empty; blank lines are not allowed inside a description (RFC 8866 §5)");
                return false;
            }

            if (!ReadLine(state, line, lineNumber, out error))
            {
                return false;
            }
        }

        if (state.Description is null)
        {
            error = "The SDP has no v=0 line (RFC 8866 §5.1).";
            return false;
        }

        if (!state.HasOrigin)
        {
            error = "The SDP has no o= line (RFC 8866 §5.2).";
            return false;
        }

        if (!state.HasSessionName)
        {
            error = "The SDP has no s= line (RFC 8866 §5.3).";
            return false;
        }

        if (state.Description.Timings.Count == 0)
        {
            // RFC 8866 requires t=; browsers always write "t=0 0". Missing, it means the same.
            state.Description.Timings.Add(SdpTiming.Permanent);
        }

        result = state.Description;
        error = null;
        return true;
    }

    private static bool ReadLine(State state, ReadOnlySpan<char> line, int lineNumber, [NotNullWhen(false)] out string? error)
    {
        error = null;
        if (line.Length < 2 || line[1] != '=')
        {
            error = line.Contains('=')
                ? At(lineNumber, $"{SdpText.Quote(line)} does not start with a one-letter type and '=' (RFC 8866 §5)")
                : At(lineNumber, $"{SdpText.Quote(line)} has no '='; every line is <type>=<value> (RFC 8866 §5)");
            return false;
        }

        var type = line[0];
        var value = line[2..];
        if (type is < 'a' or > 'z')
        {
            error = At(lineNumber, $"has type {SdpText.Quote(line[..1])}; a type is one lowercase letter (RFC 8866 §5)");
            return false;
        }

        if (value.IndexOfAny('\r', '\0') >= 0)
        {
            error = At(lineNumber, "holds a stray CR or NUL character");
            return false;
        }

        if (state.Description is null)
        {
            return ReadVersion(state, type, value, lineNumber, out error);
        }

        if (type == 'v')
        {
            error = At(lineNumber, "is a second v= line");
            return false;
        }

        if (!SessionTypes.Contains(type))
        {
            error = At(lineNumber, $"has unknown type '{type}='; RFC 8866 §5 says to reject such a description");
            return false;
        }

        if (state.CurrentMedia is not null && !MediaTypes.Contains(type))
        {
            error = At(lineNumber, $"is a session-level '{type}=' line inside m-section {state.Description.MediaDescriptions.Count}");
            return false;
        }

        return type switch
        {
            'o' => ReadOrigin(state, value, lineNumber, out error),
            's' => ReadSessionName(state, value, lineNumber, out error),
            'i' => ReadInformation(state, value, lineNumber, out error),
            'c' => ReadConnection(state, value, lineNumber, out error),
            't' => ReadTiming(state, value, lineNumber, out error),
            'a' => ReadAttribute(state, value, lineNumber, out error),
            'm' => ReadMedia(state, value, lineNumber, out error),
            _ => ReadOther(state, type, value),
        };
    }

    private static bool ReadVersion(State state, char type, ReadOnlySpan<char> value, int lineNumber, [NotNullWhen(false)] out string? error)
    {
        if (type != 'v')
        {
            error = At(lineNumber, $"is {SdpText.Quote(type + "=")} but a description must start with v=0 (RFC 8866 §5.1)");
            return false;
        }

        if (!value.SequenceEqual("0"))
        {
            error = At(lineNumber, $"has version {SdpText.Quote(value)}; only v=0 exists (RFC 8866 §5.1)");
            return false;
        }

        // The origin is a placeholder until o= is read; HasOrigin tracks whether it was.
        state.Description = new SessionDescription(new SdpOrigin("-", 0, 0, "IN", "IP4", "0.0.0.0"));
        state.Description.Timings.Clear();
        error = null;
        return true;
    }

    private static bool ReadOrigin(State state, ReadOnlySpan<char> value, int lineNumber, [NotNullWhen(false)] out string? error)
    {
        error = null;
        if (state.HasOrigin)
        {
            error = At(lineNumber, "is a second o= line");
            return false;
        }

        if (!SdpOrigin.TryParse(value, out var origin))
        {
            error = At(lineNumber, $"o={SdpText.Quote(value)} is not '<username> <sess-id> <sess-version> <nettype> <addrtype> <address>' with numeric id and version (RFC 8866 §5.2)");
            return false;
        }

        state.Description!.Origin = origin;
        state.HasOrigin = true;
        return true;
    }

    private static bool ReadSessionName(State state, ReadOnlySpan<char> value, int lineNumber, [NotNullWhen(false)] out string? error)
    {
        error = null;
        if (state.HasSessionName)
        {
            error = At(lineNumber, "is a second s= line");
            return false;
        }

        state.Description!.SessionName = value.ToString();
        state.HasSessionName = true;
        return true;
    }

    private static bool ReadInformation(State state, ReadOnlySpan<char> value, int lineNumber, [NotNullWhen(false)] out string? error)
    {
        error = null;
        var media = state.CurrentMedia;
        if ((media is null ? state.Description!.Information : media.Information) is not null)
        {
            error = At(lineNumber, "is a second i= line at the same level");
            return false;
        }

        if (media is null)
        {
            state.Description!.Information = value.ToString();
        }
        else
        {
            media.Information = value.ToString();
        }

        return true;
    }

    private static bool ReadConnection(State state, ReadOnlySpan<char> value, int lineNumber, [NotNullWhen(false)] out string? error)
    {
        error = null;
        if (!SdpConnection.TryParse(value, out var connection))
        {
            error = At(lineNumber, $"c={SdpText.Quote(value)} is not '<nettype> <addrtype> <address>' (RFC 8866 §5.7)");
            return false;
        }

        var media = state.CurrentMedia;
        if (media is not null)
        {
            media.Connections.Add(connection);
            return true;
        }

        if (state.Description!.Connection is not null)
        {
            error = At(lineNumber, "is a second session-level c= line");
            return false;
        }

        state.Description.Connection = connection;
        return true;
    }

    private static bool ReadTiming(State state, ReadOnlySpan<char> value, int lineNumber, [NotNullWhen(false)] out string? error)
    {
        error = null;
        if (!SdpTiming.TryParse(value, out var timing))
        {
            error = At(lineNumber, $"t={SdpText.Quote(value)} is not '<start-time> <stop-time>' (RFC 8866 §5.9)");
            return false;
        }

        state.Description!.Timings.Add(timing);
        return true;
    }

    private static bool ReadAttribute(State state, ReadOnlySpan<char> value, int lineNumber, [NotNullWhen(false)] out string? error)
    {
        error = null;
        var colon = value.IndexOf(':');
        var name = colon < 0 ? value : value[..colon];
        if (!SdpText.IsToken(name))
        {
            error = At(lineNumber, $"a={SdpText.Quote(value)} has no attribute name before ':' that is a token (RFC 8866 §5.13)");
            return false;
        }

        var attribute = new SdpAttribute(name.ToString(), colon < 0 ? null : value[(colon + 1)..].ToString());
        var media = state.CurrentMedia;
        if (SdpAttributeValidator.Check(attribute, media?.IsRtp ?? false) is { } expected)
        {
            error = At(lineNumber, $"a={SdpText.Quote(value)} is malformed; expected a={attribute.Name}:{expected}");
            return false;
        }

        (media?.Attributes ?? state.Description!.Attributes).Add(attribute);
        return true;
    }

    private static bool ReadMedia(State state, ReadOnlySpan<char> value, int lineNumber, [NotNullWhen(false)] out string? error)
    {
        error = null;
        if (!state.HasOrigin || !state.HasSessionName)
        {
            error = At(lineNumber, $"m= comes before the {(state.HasOrigin ? "s=" : "o=")} line; the session part must come first (RFC 8866 §5)");
            return false;
        }

        if (state.Description!.MediaDescriptions.Count == SessionDescription.MaxMediaDescriptions)
        {
            error = At(lineNumber, $"starts m-section {SessionDescription.MaxMediaDescriptions + 1}; at most {SessionDescription.MaxMediaDescriptions} are accepted");
            return false;
        }

        const string Expected = "'<media> <port>[/<count>] <proto> <fmt> ...' (RFC 8866 §5.14)";
        if (!SdpText.NextToken(ref value, out var kind) || !SdpText.NextToken(ref value, out var portPart) || !SdpText.NextToken(ref value, out var protocol))
        {
            error = At(lineNumber, $"m= line has too few fields; expected {Expected}");
            return false;
        }

        int? count = null;
        var slash = portPart.IndexOf('/');
        var portText = slash < 0 ? portPart : portPart[..slash];
        if (slash >= 0)
        {
            if (!SdpText.TryParseInt32(portPart[(slash + 1)..], 1, 65535, out var n))
            {
                error = At(lineNumber, $"m= port {SdpText.Quote(portPart)} has a bad port count; expected {Expected}");
                return false;
            }

            count = n;
        }

        if (!SdpText.TryParseInt32(portText, 0, 65535, out var port))
        {
            error = At(lineNumber, $"m= port {SdpText.Quote(portPart)} is not 0..65535; expected {Expected}");
            return false;
        }

        if (!SdpText.IsToken(kind) || !SdpText.IsProtocol(protocol))
        {
            error = At(lineNumber, $"m= media or proto is not a token; expected {Expected}");
            return false;
        }

        var formats = new List<string>();
        while (SdpText.NextToken(ref value, out var format))
        {
            if (!SdpText.IsToken(format) || formats.Count == MediaDescription.MaxFormats)
            {
                error = At(lineNumber, $"m= format {SdpText.Quote(format)} is not a token or there are over {MediaDescription.MaxFormats} formats");
                return false;
            }

            formats.Add(format.ToString());
        }

        if (formats.Count == 0)
        {
            error = At(lineNumber, $"m= line lists no format; expected {Expected}");
            return false;
        }

        var media = new MediaDescription(kind.ToString(), port, protocol.ToString(), formats) { NumberOfPorts = count };
        if (media.IsRtp && formats.Any(f => !SdpText.TryParseInt32(f, 0, 127, out _)))
        {
            error = At(lineNumber, $"m= line for {SdpText.Quote(protocol)} lists a format that is not a payload type 0..127 (RFC 3551 §6)");
            return false;
        }

        state.Description.MediaDescriptions.Add(media);
        return true;
    }

    private static bool ReadOther(State state, char type, ReadOnlySpan<char> value)
    {
        // Kept in the order the writer uses (RFC 8866 §5), so written text parses back to the
        // same list; lines of one type keep their relative order.
        var line = new SdpLine(type, value.ToString());
        var (lines, order) = state.CurrentMedia is { } media ? (media.OtherLines, "bk") : (state.Description!.OtherLines, "uepbrzk");
        var rank = order.IndexOf(type, StringComparison.Ordinal);
        var at = lines.Count;
        while (at > 0 && order.IndexOf(lines[at - 1].Type, StringComparison.Ordinal) > rank)
        {
            at--;
        }

        lines.Insert(at, line);
        return true;
    }

    private static string At(int lineNumber, string problem) =>
        string.Create(CultureInfo.InvariantCulture, $"Line {lineNumber}: {problem}.");

    private sealed class State
    {
        public SessionDescription? Description { get; set; }

        public bool HasOrigin { get; set; }

        public bool HasSessionName { get; set; }

        public MediaDescription? CurrentMedia =>
            Description is { MediaDescriptions.Count: > 0 } d ? d.MediaDescriptions[^1] : null;
    }
}
