using System.Globalization;
using System.Text.Json;

namespace Meurs.Web.Features.Servers;

/// <summary>The servers API's own kind of body field, read through <see cref="JsonBody"/>.</summary>
public static class ServerBodyFields
{
    /// <summary>A permission set: a decimal string (as the API writes it) or a non-negative number; null when absent or JSON null (a problem when malformed).</summary>
    public static Permissions? Permissions(this JsonBody body, string name)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (!body.TryGet(name, out var value))
        {
            return null;
        }
        long bits = -1;
        var ok = value.ValueKind switch
        {
            JsonValueKind.String => long.TryParse(Digits(value), NumberStyles.None, CultureInfo.InvariantCulture, out bits),
            JsonValueKind.Number => value.TryGetInt64(out bits) && bits >= 0,
            _ => false,
        };
        if (!ok)
        {
            body.Problem($"'{name}' must be a permission set: a decimal string of bits such as \"3072\".");
            return null;
        }
        return (Servers.Permissions)bits;
    }

    // The string's text, or null when it is not text at all (an escaped lone surrogate cannot be read as a string).
    private static string? Digits(JsonElement value)
    {
        try
        {
            return value.GetString();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }
}
