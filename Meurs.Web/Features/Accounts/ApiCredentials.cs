using System.Text.Json;

namespace Meurs.Web.Features.Accounts;

/// <summary>
/// The JSON body of <c>POST /api/auth/register</c> and <c>/api/auth/login</c>: <c>{"username": "…", "password": "…"}</c>.
/// Read by hand rather than by model binding so every malformed body (not JSON, wrong types, missing fields) gets a
/// sentence saying what is wrong instead of a bare 400.
/// </summary>
internal sealed record ApiCredentials(string Username, string Password)
{
    /// <summary>Largest body read, in bytes; credentials are tiny, and an endless body must not be buffered.</summary>
    public const int MaxBodyBytes = 16 * 1024;

    /// <summary>The credentials, or the problem response to answer instead (400 also for invalid Unicode, 413 or 415).</summary>
    public static async Task<(ApiCredentials? Credentials, IResult? Refusal)> ReadAsync(HttpRequest request)
    {
        if (!request.HasJsonContentType())
        {
            return (null, Refuse("Send a JSON body with Content-Type: application/json.", StatusCodes.Status415UnsupportedMediaType));
        }
        var body = await ReadBodyAsync(request);
        if (body is null)
        {
            return (null, Refuse($"The body is larger than {MaxBodyBytes} bytes.", StatusCodes.Status413PayloadTooLarge));
        }
        try
        {
            using var json = JsonDocument.Parse(body);
            if (json.RootElement.ValueKind != JsonValueKind.Object)
            {
                return (null, Refuse("The body must be a JSON object: {\"username\": \"…\", \"password\": \"…\"}."));
            }
            var problems = new List<string>();
            var username = Text(json.RootElement, "username", problems);
            var password = Text(json.RootElement, "password", problems);
            return problems.Count > 0 ? (null, Refuse(string.Join(" ", problems))) : (new ApiCredentials(username!, password!), null);
        }
        catch (JsonException)
        {
            return (null, Refuse("The body is not valid JSON."));
        }
        catch (InvalidOperationException)
        {
            // An escaped lone surrogate ("\ud800") parses as JSON but cannot be read as text: bad input, not a fault.
            return (null, Refuse("The body has invalid Unicode (an unpaired surrogate in a \\u escape)."));
        }
    }

    /// <summary>A problem response (RFC 9457) whose <c>detail</c> is <paramref name="detail"/>.</summary>
    public static IResult Refuse(string detail, int status = StatusCodes.Status400BadRequest) =>
        Results.Problem(detail: detail, statusCode: status);

    private static string? Text(JsonElement body, string name, List<string> problems)
    {
        if (!body.TryGetProperty(name, out var value))
        {
            problems.Add($"'{name}' is required.");
            return null;
        }
        if (value.ValueKind != JsonValueKind.String)
        {
            problems.Add($"'{name}' must be a string.");
            return null;
        }
        return value.GetString();
    }

    // Null when the body is over the limit.
    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request)
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            return null;
        }
        using var buffer = new MemoryStream();
        var chunk = new byte[4096];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                return null;
            }
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }
}
