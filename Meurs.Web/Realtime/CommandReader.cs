using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Meurs.Web.Realtime;

/// <summary>
/// Reads one text message as a typed command through its <c>[JsonPolymorphic]</c> "type", answering
/// every way it can be wrong with a stable code: <c>bad_json</c> (not JSON, a name repeated within an object, or a string
/// with invalid Unicode such as a lone surrogate, raw or as a <c>\uD800</c> escape: RFC 8259 §4, §8.2), <c>bad_request</c> (not an object, no string
/// type, a field missing or of the wrong type, or the command's own <see cref="ICommandValidation"/> refusing),
/// <c>unknown_type</c>. Never throws on input.
/// </summary>
public static class CommandReader
{
    /// <summary>The "type" values <typeparamref name="TCommand"/> knows, from its <c>[JsonDerivedType]</c> attributes.</summary>
    public static IReadOnlySet<string> KnownTypes<TCommand>() => TypesOf<TCommand>.Types;

    /// <summary>Reads <paramref name="text"/> as a <typeparamref name="TCommand"/>; a message without "type" counts as <paramref name="defaultType"/> when given.</summary>
    public static (TCommand? Command, RealtimeRefusal? Refusal) Read<TCommand>(string text, string? defaultType = null) where TCommand : class
    {
        ArgumentNullException.ThrowIfNull(text);
        JsonNode? node;
        try
        {
            // System.Text.Json parses a lone surrogate escape happily and throws InvalidOperationException only when
            // the string is later read, deep in deserialization; every string is unescaped once here instead.
            if (!TryEncodeStrict(text, out var utf8) || !HasValidStrings(utf8))
            {
                return (null, new RealtimeRefusal("bad_json", "That message has invalid Unicode (an unpaired surrogate)."));
            }
            node = JsonNode.Parse(utf8, documentOptions: DocumentOptions);
        }
        catch (JsonException)
        {
            return (null, new RealtimeRefusal("bad_json", "That message was not valid JSON."));
        }
        if (node is not JsonObject json)
        {
            return (null, new RealtimeRefusal("bad_request", "A message must be a JSON object."));
        }
        string? type;
        if (!json.TryGetPropertyValue("type", out var typeNode))
        {
            type = defaultType;
            if (type is not null)
            {
                json["type"] = type;
            }
        }
        else
        {
            type = typeNode is JsonValue value && value.TryGetValue<string>(out var s) ? s : null;
        }
        if (type is null)
        {
            return (null, new RealtimeRefusal("bad_request", "A message needs a string \"type\"."));
        }
        if (!TypesOf<TCommand>.Types.Contains(type))
        {
            return (null, new RealtimeRefusal("unknown_type", $"Unknown message type '{(type.Length > 32 ? type[..32] + "…" : type)}'."));
        }
        TCommand? command;
        try
        {
            command = json.Deserialize<TCommand>(RealtimeJson.Options);
        }
        catch (JsonException)
        {
            return (null, new RealtimeRefusal("bad_request", Explain(TypesOf<TCommand>.Derived[type], type, json)));
        }
        if (command is null)
        {
            return (null, new RealtimeRefusal("bad_request", "A message must be a JSON object."));
        }
        return command is ICommandValidation validation && validation.Validate() is { } refusal ? (command, refusal) : (command, null);
    }

    // A repeated name would otherwise parse and then throw ArgumentException on the first lookup (found by fuzz/).
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 16, AllowDuplicateProperties = false };
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    // A .NET string may hold a raw lone surrogate (the socket decodes strictly, other callers may not).
    private static bool TryEncodeStrict(string text, out byte[] utf8)
    {
        try
        {
            utf8 = StrictUtf8.GetBytes(text);
            return true;
        }
        catch (EncoderFallbackException)
        {
            utf8 = [];
            return false;
        }
    }

    // Unescapes every escaped string and property name; malformed JSON throws JsonException, as the parse would.
    private static bool HasValidStrings(ReadOnlySpan<byte> utf8)
    {
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = DocumentOptions.MaxDepth });
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName && reader.ValueIsEscaped)
                {
                    _ = reader.GetString();
                }
            }
        }
        catch (InvalidOperationException)
        {
            return false;
        }
        return true;
    }

    // Says which field is missing or of the wrong type, in the protocol's own names, for a sentence people can act on;
    // fields of nested objects (a listening command's "payload") are named by their path, such as "payload.action".
    private static string Explain(Type command, string type, JsonObject json) =>
        Find(command, type, json, "") ?? $"That \"{type}\" message has a field of the wrong type.";

    private static string? Find(Type shape, string type, JsonObject json, string prefix)
    {
        foreach (var property in shape.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetCustomAttribute<JsonIgnoreAttribute>() is not null || !property.CanWrite)
            {
                continue;
            }
            var name = prefix + (property.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? JsonNamingPolicy.SnakeCaseLower.ConvertName(property.Name));
            var required = property.GetCustomAttribute<System.Runtime.CompilerServices.RequiredMemberAttribute>() is not null;
            if (!json.TryGetPropertyValue(name[prefix.Length..], out var value) || value is null)
            {
                if (required)
                {
                    return $"A \"{type}\" message needs \"{name}\".";
                }
                continue;
            }
            var expected = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            if (IsNested(expected))
            {
                if (value is not JsonObject nested)
                {
                    return $"\"{name}\" must be an object.";
                }
                if (Find(expected, type, nested, name + ".") is { } problem)
                {
                    return problem;
                }
                continue;
            }
            var (kind, fits) = expected == typeof(string) ? ("a string", value.GetValueKind() == JsonValueKind.String)
                : expected == typeof(bool) ? ("true or false", value.GetValueKind() is JsonValueKind.True or JsonValueKind.False)
                : expected == typeof(long) || expected == typeof(int) ? ("a whole number", value.GetValueKind() == JsonValueKind.Number)
                : expected == typeof(double) ? ("a number", value.GetValueKind() == JsonValueKind.Number)
                : ("an object of strings", value.GetValueKind() == JsonValueKind.Object);
            if (!fits)
            {
                return $"\"{name}\" must be {kind}.";
            }
        }
        return null;
    }

    // A record of named fields (not a string, a number or a dictionary) is read field by field.
    private static bool IsNested(Type type) =>
        type.IsClass && type != typeof(string) && !type.IsGenericType && type.GetCustomAttribute<JsonPolymorphicAttribute>() is null
        && type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Any(p => p.CanWrite);

    private static class TypesOf<TCommand>
    {
        public static readonly Dictionary<string, Type> Derived = typeof(TCommand).GetCustomAttributes<JsonDerivedTypeAttribute>()
            .Where(a => a.TypeDiscriminator is string)
            .ToDictionary(a => (string)a.TypeDiscriminator!, a => a.DerivedType);

        public static readonly HashSet<string> Types = [.. Derived.Keys];
    }
}

/// <summary>A command's own checks beyond its fields' types (lengths, formats), run after it is read.</summary>
public interface ICommandValidation
{
    /// <summary>Null when the command is well formed, else why not.</summary>
    RealtimeRefusal? Validate();
}
