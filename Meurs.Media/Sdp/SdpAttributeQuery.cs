using System.Diagnostics.CodeAnalysis;
using Meurs.Media.Dtls;

namespace Meurs.Media.Sdp;

/// <summary>
/// SdpValueParser is the shape of the typed attributes' TryParse methods.
/// </summary>
internal delegate bool SdpValueParser<T>(ReadOnlySpan<char> value, [NotNullWhen(true)] out T? result);

/// <summary>
/// SdpAttributeQuery reads typed values out of an attribute list, shared by the session and
/// media levels. Malformed values are skipped: the parser rejects them, so only descriptions
/// edited after parsing can hold them.
/// </summary>
internal static class SdpAttributeQuery
{
    internal static string? FirstValue(IEnumerable<SdpAttribute> attributes, string name) =>
        attributes.FirstOrDefault(a => a.Name == name)?.Value;

    internal static bool Has(IEnumerable<SdpAttribute> attributes, string name) =>
        attributes.Any(a => a.Name == name);

    internal static IReadOnlyList<T> ParseAll<T>(IEnumerable<SdpAttribute> attributes, string name, SdpValueParser<T> parser)
    {
        var results = new List<T>();
        foreach (var attribute in attributes)
        {
            if (attribute.Name == name && attribute.Value is { } value && parser(value, out var parsed))
            {
                results.Add(parsed);
            }
        }

        return results;
    }

    internal static T? ParseFirst<T>(IEnumerable<SdpAttribute> attributes, string name, SdpValueParser<T> parser)
        where T : class
    {
        foreach (var attribute in attributes)
        {
            if (attribute.Name == name && attribute.Value is { } value && parser(value, out var parsed))
            {
                return parsed;
            }
        }

        return null;
    }

    internal static SdpSetupRole? Setup(IEnumerable<SdpAttribute> attributes) =>
        FirstValue(attributes, "setup") is { } value && SdpEnumText.TryParseSetup(value, out var role) ? role : null;

    internal static DtlsFingerprint? Fingerprint(IEnumerable<SdpAttribute> attributes)
    {
        // Several a=fingerprint lines may be present (RFC 8122 §5); prefer the one WebRTC requires.
        var all = ParseAll<DtlsFingerprint>(attributes, DtlsFingerprint.AttributeName, DtlsFingerprint.TryParse);
        return all.FirstOrDefault(f => f.HashFunction == DtlsFingerprint.Sha256) ?? (all.Count > 0 ? all[0] : null);
    }

    internal static IReadOnlyList<string> IceOptions(IEnumerable<SdpAttribute> attributes) =>
        FirstValue(attributes, "ice-options") is { } value
            ? value.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            : [];

    internal static SdpDirection? Direction(IEnumerable<SdpAttribute> attributes)
    {
        SdpDirection? found = null;
        foreach (var attribute in attributes)
        {
            if (attribute.Value is null && SdpEnumText.TryParseDirection(attribute.Name, out var direction))
            {
                found = direction;
            }
        }

        return found;
    }

    internal static void ReplaceDirection(IList<SdpAttribute> attributes, SdpDirection direction)
    {
        var at = -1;
        for (var i = attributes.Count - 1; i >= 0; i--)
        {
            if (attributes[i].Value is null && SdpEnumText.TryParseDirection(attributes[i].Name, out _))
            {
                attributes.RemoveAt(i);
                at = i;
            }
        }

        var line = new SdpAttribute(direction.ToToken());
        if (at < 0)
        {
            attributes.Add(line);
        }
        else
        {
            attributes.Insert(at, line);
        }
    }
}
