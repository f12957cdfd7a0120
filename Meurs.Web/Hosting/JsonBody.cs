using System.Text.Json;
using Meurs.Web.Features.Accounts;

namespace Meurs.Web;

/// <summary>
/// A JSON object body of the API for programs, read by hand rather than by model binding so every malformed body (not
/// JSON, not an object, wrong types, invalid Unicode such as an escaped lone surrogate, malformed ids) gets a 400 sentence
/// naming the field, and nothing is done: 415 not JSON, 413 over <see cref="MaxBodyBytes"/>. Read fields with the typed
/// getters (a feature reads its own kinds of field with <see cref="TryGet"/> and <see cref="Problem"/>), then answer
/// <see cref="Refusal"/> when <see cref="Problems"/> is not empty. Shared by the servers' and the listening API.
/// </summary>
public sealed class JsonBody
{
    /// <summary>Largest body read, in bytes.</summary>
    public const int MaxBodyBytes = 64 * 1024;

    private readonly JsonElement root;

    private JsonBody(JsonElement root) => this.root = root;

    /// <summary>What is wrong with the fields read so far.</summary>
    public List<string> Problems { get; } = [];

    /// <summary>A 400 problem listing <see cref="Problems"/>.</summary>
    public IResult Refusal => ApiCredentials.Refuse(string.Join(" ", Problems));

    /// <summary>
    /// The body, or the problem to answer (415 not JSON, 413 too large, 400 not a JSON object). With
    /// <paramref name="optional"/>, an empty body reads as <c>{}</c>.
    /// </summary>
    public static async Task<(JsonBody? Body, IResult? Refusal)> ReadAsync(HttpRequest request, bool optional = false)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (optional && (request.ContentLength == 0 || (request.ContentLength is null && !request.Headers.ContainsKey("Transfer-Encoding"))))
        {
            return (new JsonBody(JsonDocument.Parse("{}").RootElement.Clone()), null);
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
            return (new JsonBody(JsonDocument.Parse("{}").RootElement.Clone()), null);
        }
        try
        {
            using var json = JsonDocument.Parse(buffer.ToArray(), new JsonDocumentOptions { MaxDepth = 16 });
            return json.RootElement.ValueKind == JsonValueKind.Object
                ? (new JsonBody(json.RootElement.Clone()), null)
                : (null, ApiCredentials.Refuse("The body must be a JSON object."));
        }
        catch (JsonException)
        {
            return (null, ApiCredentials.Refuse("The body is not valid JSON."));
        }
    }

    /// <summary>The names of the body's fields, for refusing unknown ones.</summary>
    public IEnumerable<string> Names() => root.EnumerateObject().Select(p => p.Name);

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
        var text = SafeString(value);
        if (text is null || !IsValidUtf16(text))
        {
            // An escaped lone surrogate ("\ud800") or broken UTF-8 parses as JSON but is not text.
            Problems.Add($"'{name}' has invalid Unicode.");
            return null;
        }
        return text;
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

    /// <summary>A whole-number field (32-bit), or null when absent or JSON null (a problem when <paramref name="required"/>).</summary>
    public int? WholeNumber(string name, bool required = false) =>
        LongNumber(name, required) is { } number
            ? number is >= int.MinValue and <= int.MaxValue ? (int)number : Refuse<int>($"'{name}' is out of range.")
            : null;

    /// <summary>A whole-number field (64-bit, e.g. milliseconds), or null when absent or JSON null (a problem when <paramref name="required"/>).</summary>
    public long? LongNumber(string name, bool required = false)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            if (required)
            {
                Problems.Add($"'{name}' is required.");
            }
            return null;
        }
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number))
        {
            return number;
        }
        Problems.Add($"'{name}' must be a whole number.");
        return null;
    }

    /// <summary>The raw field <paramref name="name"/> when present and not JSON null, for a feature's own kind of field.</summary>
    public bool TryGet(string name, out JsonElement value) =>
        root.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null;

    /// <summary>Records what is wrong with a field a feature read itself (see <see cref="TryGet"/>).</summary>
    public void Problem(string sentence) => Problems.Add(sentence);

    /// <summary>An id field (a UUID string), or null when absent or JSON null (a problem when <paramref name="required"/>).</summary>
    public Guid? Id(string name, bool required = false)
    {
        var text = Text(name, required);
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

    private T? Refuse<T>(string sentence) where T : struct
    {
        Problems.Add(sentence);
        return null;
    }

    private static bool IsValidUtf16(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return false;
            }
        }
        return true;
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
