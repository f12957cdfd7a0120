using System.Globalization;
using System.Text;

namespace Meurs.Web.Features.Accounts;

/// <summary>Keeps <c>returnUrl</c> parameters on this site, so a crafted login link cannot send people elsewhere.</summary>
public static class LocalRedirect
{
    /// <summary>
    /// <paramref name="returnUrl"/> when it is a local path (<c>/x</c>, not <c>//host</c> or <c>/\host</c>), else <c>/</c>;
    /// every character outside printable ASCII percent-encoded as UTF-8 (RFC 3986 §2.1, as a browser sends it), because a
    /// <c>Location</c> header may carry only ASCII: <c>/%E3%80%80/x</c> arrives decoded as <c>/\u3000/x</c> and, put back
    /// as it was, failed the response with a 500.
    /// </summary>
    public static string Sanitize(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl)
        && returnUrl[0] == '/'
        && (returnUrl.Length == 1 || (returnUrl[1] != '/' && returnUrl[1] != '\\'))
        && !returnUrl.Any(char.IsControl)
            ? Encode(returnUrl)
            : "/";

    private static string Encode(string path)
    {
        if (path.All(c => c is > ' ' and < (char)0x7F))
        {
            return path;
        }
        var encoded = new StringBuilder(path.Length * 3);
        Span<byte> utf8 = stackalloc byte[4];
        // By scalar value, so a surrogate pair is one character; a lone surrogate becomes U+FFFD, which is encodable.
        foreach (var rune in path.EnumerateRunes())
        {
            if (rune.Value is > ' ' and < 0x7F)
            {
                encoded.Append((char)rune.Value);
                continue;
            }
            var length = rune.EncodeToUtf8(utf8);
            foreach (var b in utf8[..length])
            {
                encoded.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }
        return encoded.ToString();
    }
}
