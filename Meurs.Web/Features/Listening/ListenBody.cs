using System.Text.Json;
using Meurs.Web.Features.Accounts;

namespace Meurs.Web.Features.Listening;

/// <summary>
/// A JSON object body of the listening API, read by hand so every malformed body gets a 400 sentence naming the field
/// (not JSON, not an object, a field of the wrong type, a malformed id, invalid Unicode such as an escaped lone
/// surrogate) and nothing is done; 415 not JSON, 413 over 64 KiB. Read the fields, then answer <see cref="Refusal"/>
/// when <see cref="Problems"/> is not empty.
/// </summary>
public sealed class ListenBody
{
    /// <summary>Largest body read, in bytes.</summary>
    public const int MaxBodyBytes = 64 * 1024;

    private readonly JsonElement root;

    private ListenBody(JsonElement root) => this.root = root;

    /// <summary>What is wrong with the fields read so far.</summary>
    public List<string> Problems { get; } = [];

    /// <summary>A 400 problem listing <see cref="Problems"/>.</summary>
    public IResult Refusal => ApiCredentials.Refuse(string.Join(" ", Problems));

    /// <summary>The body, or the problem to answer; with <paramref name="optional"/> an empty body reads as <c>{}</c>.</summary>
    public static async Task<(ListenBody? Body, IResult? Refusal)> ReadAsync(HttpRequest request, bool optional = false)
    {
        ArgumentNullException.ThrowIfNull(request);
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
        if (buffer.Length == 0 && optional)
        {
            return (new ListenBody(JsonDocument.Parse("{}").RootElement.Clone()), null);
        }
        if (!request.HasJsonContentType())
        {
            return (null, ApiCredentials.Refuse("Send a JSON body with Content-Type: application/json.", StatusCodes.Status415UnsupportedMediaType));
        }
        try
        {
            using var json = JsonDocument.Parse(buffer.ToArray(), new JsonDocumentOptions { MaxDepth = 16 });
            return json.RootElement.ValueKind == JsonValueKind.Object
                ? (new ListenBody(json.RootElement.Clone()), null)
                : (null, ApiCredentials.Refuse("The body must be a JSON object."));
        }
        catch (JsonException)
        {
            return (null, ApiCredentials.Refuse("The body is not valid JSON."));
        }
    }

    /// <summary>A string field: null when absent or JSON null (a problem when <paramref name="required"/>), of the wrong type, or invalid Unicode.</summary>
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
            var text = value.GetString()!;
            if (!ListenText.IsValidUnicode(text))
            {
                Problems.Add($"'{name}' has invalid Unicode.");
                return null;
            }
            return text;
        }
        catch (InvalidOperationException)
        {
            // An escaped lone surrogate ("\ud800") parses as JSON but cannot be read as text.
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

    /// <summary>A whole-number field (64-bit), or null when absent or JSON null (a problem when <paramref name="required"/>).</summary>
    public long? WholeNumber(string name, bool required = false)
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

    private static IResult TooLarge => ApiCredentials.Refuse($"The body is larger than {MaxBodyBytes / 1024} KiB.", StatusCodes.Status413PayloadTooLarge);
}
