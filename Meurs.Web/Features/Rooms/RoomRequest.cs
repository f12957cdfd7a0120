namespace Meurs.Web.Features.Rooms;

/// <summary>What someone says in a room, as <see cref="SendRoomMessage"/> takes it: from a socket command or a typed line (page, CLI).</summary>
public abstract record RoomRequest
{
    /// <summary>The text the person typed, kept so a refused message is not lost (htmx re-renders it in the composer).</summary>
    public abstract string Typed { get; }

    /// <summary>Reads a typed line: <c>/pm &lt;user&gt; &lt;text&gt;</c> or plain chat.</summary>
    public static RoomRequest Command(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        if (!line.StartsWith("/pm ", StringComparison.OrdinalIgnoreCase))
        {
            return new ChatRequest(line);
        }
        var rest = line[4..].TrimStart();
        var space = rest.IndexOf(' ', StringComparison.Ordinal);
        return space <= 0
            ? new InvalidRequest("bad_request", "Write a private message as: /pm <user> <text>", line)
            : new PrivateRequest(rest[..space], rest[(space + 1)..]) { Line = line };
    }
}

/// <summary>Say <paramref name="Text"/> to everyone in the room.</summary>
public sealed record ChatRequest(string Text) : RoomRequest
{
    /// <inheritdoc />
    public override string Typed => Text;
}

/// <summary>Say <paramref name="Text"/> to <paramref name="To"/> only, who must be in the room.</summary>
public sealed record PrivateRequest(string To, string Text) : RoomRequest
{
    /// <summary>The line as typed (<c>/pm bob hi</c>), when it came from a text box.</summary>
    public string? Line { get; init; }

    /// <inheritdoc />
    public override string Typed => Line ?? Text;
}

/// <summary>A message that could not be read: <paramref name="Code"/> and <paramref name="Detail"/> go back to the sender.</summary>
public sealed record InvalidRequest(string Code, string Detail, string Text) : RoomRequest
{
    /// <inheritdoc />
    public override string Typed => Text;
}
