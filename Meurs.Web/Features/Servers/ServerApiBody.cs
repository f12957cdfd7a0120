using System.Globalization;
using System.Text.Json;
using Meurs.Web.Features.Accounts;

namespace Meurs.Web.Features.Servers;

/// <summary>
/// A JSON object body of the servers API, read by hand rather than by model binding so every malformed body (not JSON,
/// not an object, wrong types, invalid Unicode, malformed ids) gets a 400 sentence naming the field, and nothing is done.
/// Read fields with the typed getters, then answer <see cref="Refusal"/> when <see cref="Problems"/> is not empty.
/// </summary>
public sealed class ServerApiBody
{
    /// <summary>Largest body read, in bytes.</summary>
    public const int MaxBodyBytes = 64 * 1024;

    private readonly JsonElement root;

    private ServerApiBody(JsonElement root) => this.root = root;

    /// <summary>What is wrong with the fields read so far.</summary>
    public List<string> Problems { get; } = [];

    /// <summary>A 400 problem listing <see cref="Problems"/>.</summary>
    public IResult Refusal => ApiCredentials.Refuse(string.Join(" ", Problems));

    /// <summary>
    /// The body, or the problem to answer (415 not JSON, 413 too large, 400 not a JSON object). With
    /// <paramref name="optional"/>, an empty body reads as <c>{}</c>.
    /// </summary>
    public static async Task<(ServerApiBody? Body, IResult? Refusal)> ReadAsync(HttpRequest request, bool optional = false)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (optional && (request.ContentLength == 0 || (request.ContentLength is null && !request.Headers.ContainsKey("Transfer-Encoding"))))
        {
            return (new ServerApiBody(JsonDocument.Parse("{}").RootElement.Clone()), null);
        }
        if (!request.HasJsonContentType())
        {
            return (null, ApiCredentials.Refuse("Send a JSON body with Content-Type: application/json.", StatusCodes.Status415UnsupportedMediaType));
        }
        if (request.ContentLength > MaxBodyBytes)
        {
            return (null, TooLarge);
        }
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                return (null, TooLarge);
            }
            buffer.Write(chunk, 0, read);
        }
        if (optional && buffer.Length == 0)
        {
            return (new ServerApiBody(JsonDocument.Parse("{}").RootElement.Clone()), null);
        }
        try
        {
            using var json = JsonDocument.Parse(buffer.ToArray(), new JsonDocumentOptions { MaxDepth = 16 });
            return json.RootElement.ValueKind == JsonValueKind.Object
                ? (new ServerApiBody(json.RootElement.Clone()), null)
                : (null, ApiCredentials.Refuse("The body must be a JSON object."));
        }
        catch (JsonException)
        {
            return (null, ApiCredentials.Refuse("The body is not valid JSON."));
        }
    }

    /// <summary>True when the body has <paramref name="name"/> (even as null).</summary>
    public bool Has(string name) => root.TryGetProperty(name, out _);

    /// <summary>A string field: null when absent or JSON null (a problem when <paramref name="required"/>), or wrong type or invalid Unicode.</summary>
    public string? Text(string name, bool required = false)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            if (required)
            {
                Problems.Add($"'{name}' is required.");
            }
            return null;
        }
        if (value.ValueKind != JsonValueKind.String)
        {
            Problems.Add($"'{name}' must be a string.");
            return null;
        }
        try
        {
            return value.GetString();
        }
        catch (InvalidOperationException)
        {
            // An escaped lone surrogate ("\ud800") or broken UTF-8 parses as JSON but cannot be read as text.
            Problems.Add($"'{name}' has invalid Unicode.");
            return null;
        }
    }

    /// <summary>A boolean field, or null when absent or JSON null.</summary>
    public bool? Bool(string name)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return value.GetBoolean();
        }
        Problems.Add($"'{name}' must be true or false.");
        return null;
    }

    /// <summary>A whole-number field (32-bit), or null when absent or JSON null.</summary>
    public int? WholeNumber(string name)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number))
        {
            return number;
        }
        Problems.Add($"'{name}' must be a whole number.");
        return null;
    }

    /// <summary>A permission set: a decimal string (as the API writes it) or a non-negative number; null when absent or JSON null.</summary>
    public Permissions? Permissions(string name)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        long bits = -1;
        var ok = value.ValueKind switch
        {
            JsonValueKind.String => long.TryParse(value.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out bits),
            JsonValueKind.Number => value.TryGetInt64(out bits) && bits >= 0,
            _ => false,
        };
        if (!ok)
        {
            Problems.Add($"'{name}' must be a permission set: a decimal string of bits such as \"3072\".");
            return null;
        }
        return (Servers.Permissions)bits;
    }

    /// <summary>An id field (a UUID string), or null when absent or JSON null.</summary>
    public Guid? Id(string name)
    {
        var text = Text(name);
        if (text is null)
        {
            return null;
        }
        if (Guid.TryParse(text, out var id))
        {
            return id;
        }
        Problems.Add($"'{name}' must be an id (a UUID).");
        return null;
    }

    /// <summary>A list of ids, or null when absent (a problem when <paramref name="required"/>).</summary>
    public IReadOnlyList<Guid>? Ids(string name, bool required = false)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            if (required)
            {
                Problems.Add($"'{name}' is required.");
            }
            return null;
        }
        if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() > 1000)
        {
            Problems.Add($"'{name}' must be a list of ids.");
            return null;
        }
        var ids = new List<Guid>();
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String || !Guid.TryParse(SafeString(item), out var id))
            {
                Problems.Add($"'{name}' must be a list of ids.");
                return null;
            }
            ids.Add(id);
        }
        return ids;
    }

    private static string? SafeString(JsonElement item)
    {
        try
        {
            return item.GetString();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private static IResult TooLarge => ApiCredentials.Refuse($"The body is larger than {MaxBodyBytes} bytes.", StatusCodes.Status413PayloadTooLarge);
}
