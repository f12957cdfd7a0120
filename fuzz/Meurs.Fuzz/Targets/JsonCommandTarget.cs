using System.Text;
using Meurs.Web.Features.Calls;
using Meurs.Web.Features.Rooms;
using Meurs.Web.Realtime;

namespace Meurs.Fuzz.Targets;

/// <summary>
/// JsonCommandTarget reads a text frame as the socket pipeline does: strict UTF-8 (SocketConnection refuses invalid
/// bytes before any reader sees them), then <see cref="CommandReader.Read{TCommand}"/> for the room socket (with its
/// default "chat" type) and the call socket. Every outcome must be a command or a refusal with a stable code, and a
/// command's derived values (a file's cleaned name and type) must be computable.
/// </summary>
internal static class JsonCommandTarget
{
    private static readonly UTF8Encoding StrictUtf8 = new(false, true);
    private static readonly HashSet<string> Codes = ["bad_json", "bad_request", "unknown_type"];

    /// <inheritdoc cref="FuzzAction"/>
    public static void Run(ReadOnlySpan<byte> input)
    {
        string text;
        try
        {
            text = StrictUtf8.GetString(input);
        }
        catch (DecoderFallbackException)
        {
            return;
        }

        var (room, roomRefusal) = CommandReader.Read<RoomCommand>(text, "chat");
        Check(room, roomRefusal);
        if (room is FileCommand file)
        {
            _ = file.CleanName;
            _ = file.MimeOrDefault;
        }

        var (call, callRefusal) = CommandReader.Read<CallCommand>(text);
        Check(call, callRefusal);
        if (call is StateCommand state)
        {
            _ = state.State;
        }
    }

    private static void Check(object? command, RealtimeRefusal? refusal)
    {
        InvariantViolationException.Check(command is not null || refusal is not null, "neither a command nor a refusal");
        InvariantViolationException.Check(refusal is null || Codes.Contains(refusal.Code) && !string.IsNullOrEmpty(refusal.Detail), $"refusal code '{refusal?.Code}'");
    }
}
