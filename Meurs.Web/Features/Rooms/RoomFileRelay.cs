using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Meurs.Web.Realtime;
using Microsoft.Extensions.Options;

namespace Meurs.Web.Features.Rooms;

/// <summary>
/// Direct file transfers through a room, nothing stored (the original app's relay, done safely). A sender announces
/// <c>{"type":"file","transfer_id","filename","size","mime"}</c>; the size is checked against
/// <see cref="RoomsOptions.MaxSharedFileBytes"/> before any byte moves. Then each binary frame is
/// <c>[1 byte: n][n bytes: transfer_id, ASCII][payload]</c>. The others receive <c>{"type":"file-header",
/// "transfer_id","from","filename","size","mime"}</c> and the same binary framing, with the transfer id rewritten to one
/// unique in the room, so concurrent transfers from different senders never mix; then <c>{"type":"file-complete"}</c>
/// or, if the sender leaves first, <c>{"type":"file-aborted"}</c>. Bytes past the announced size are refused.
/// Each sender is held to <see cref="RoomsOptions.RelayBytesPerSecond"/> (<see cref="RelayBandwidth"/>), and the bytes
/// are delivered best effort (<see cref="BinaryRelayed"/>): a receiver too slow for them misses that transfer
/// (<c>{"type":"file-aborted","transfer_id","reason":"too_slow"}</c>) and keeps its socket.
/// </summary>
public sealed partial class RoomFileRelay(RealtimeHub hub, RelayBandwidth bandwidth, TimeProvider time, IOptions<RoomsOptions> options)
{
    private long bytesRelayed;

    /// <summary>Payload bytes relayed so far, all rooms and senders (for operators and tests).</summary>
    public long BytesRelayed => Interlocked.Read(ref bytesRelayed);

    /// <summary>Transfers one connection may have open at once.</summary>
    public const int MaxOpenTransfersPerConnection = 4;

    private readonly ConcurrentDictionary<(Guid Connection, string TransferId), Transfer> transfers = new();

    /// <summary>True for a well-formed transfer id: 1–64 of A–Z, a–z, 0–9, '-', '_'.</summary>
    public static bool IsTransferId(string id) => TransferIdPattern().IsMatch(id);

    /// <summary>Opens a transfer announced by <paramref name="connection"/> and tells the others. Null on success, else why not.</summary>
    public async Task<RealtimeRefusal?> AnnounceAsync(string roomId, SocketConnection connection, FileCommand request)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(request);
        var limit = options.Value.MaxSharedFileBytes;
        if (request.Size > limit)
        {
            return new RealtimeRefusal("file_too_large", options.Value.FileTooLargeText());
        }
        if (transfers.Keys.Count(k => k.Connection == connection.Id) >= MaxOpenTransfersPerConnection)
        {
            return new RealtimeRefusal("too_many_transfers", $"At most {MaxOpenTransfersPerConnection} transfers at once.");
        }
        var relayId = $"{connection.Id:N}"[..8] + "-" + request.TransferId;
        if (!transfers.TryAdd((connection.Id, request.TransferId), new Transfer(relayId, request.Size)))
        {
            return new RealtimeRefusal("bad_request", $"Transfer '{request.TransferId}' is already open.");
        }
        await hub.PublishAsync(ChannelId.Room(roomId), new FileTransferStarted(relayId, connection.UserName, request.CleanName, request.Size, request.MimeOrDefault), Audience.AllBut(connection.Id));
        return null;
    }

    /// <summary>Relays one binary frame of <paramref name="connection"/>'s open transfer to the others. Null on success, else why not.</summary>
    public async Task<RealtimeRefusal?> RelayAsync(string roomId, SocketConnection connection, ReadOnlyMemory<byte> frame)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var span = frame.Span;
        if (span.Length < 2 || span[0] == 0 || span.Length < 1 + span[0])
        {
            return new RealtimeRefusal("bad_request", "A binary frame starts with the transfer id's length and the id.");
        }
        var id = Encoding.ASCII.GetString(span.Slice(1, span[0]));
        if (!transfers.TryGetValue((connection.Id, id), out var transfer))
        {
            return new RealtimeRefusal("bad_request", $"No open transfer '{(IsTransferId(id) ? id : "?")}'; announce it first.");
        }
        var payload = frame[(1 + span[0])..];
        bool tooLong;
        lock (transfer)
        {
            tooLong = payload.Length > transfer.Remaining;
            if (!tooLong)
            {
                transfer.Remaining -= payload.Length;
            }
        }
        if (tooLong)
        {
            await AbortAsync(roomId, connection.Id, id, transfer);
            return new RealtimeRefusal("bad_request", "More bytes than the announced size; the transfer was aborted.");
        }
        var relayed = new byte[1 + transfer.RelayId.Length + payload.Length];
        relayed[0] = (byte)transfer.RelayId.Length;
        Encoding.ASCII.GetBytes(transfer.RelayId, relayed.AsSpan(1));
        payload.Span.CopyTo(relayed.AsSpan(1 + transfer.RelayId.Length));
        // Past the sender's bandwidth the frame waits here, and with it the reading of the sender's socket.
        if (bandwidth.Reserve(connection.UserId, relayed.Length + SocketConnection.StreamPartOverheadBytes) is { } wait && wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, time);
        }
        var channel = ChannelId.Room(roomId);
        await hub.PublishAsync(channel, new BinaryRelayed(relayed, transfer.RelayId, new FileTransferMissed(transfer.RelayId)), Audience.AllBut(connection.Id));
        Interlocked.Add(ref bytesRelayed, payload.Length);
        if (transfer.Remaining == 0 && transfers.TryRemove((connection.Id, id), out _))
        {
            await hub.PublishAsync(channel, new FileTransferEnded(transfer.RelayId, Completed: true), Audience.AllBut(connection.Id));
            bandwidth.ForgetIfIdle(connection.UserId);
        }
        return null;
    }

    /// <summary>Ends every transfer <paramref name="connection"/> left open (it disconnected) and tells the others.</summary>
    public async Task ForgetAsync(string roomId, SocketConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        foreach (var ((owner, id), transfer) in transfers.Where(t => t.Key.Connection == connection.Id).ToList())
        {
            await AbortAsync(roomId, owner, id, transfer);
        }
        bandwidth.ForgetIfIdle(connection.UserId);
    }

    private async Task AbortAsync(string roomId, Guid owner, string id, Transfer transfer)
    {
        if (transfers.TryRemove((owner, id), out _))
        {
            await hub.PublishAsync(ChannelId.Room(roomId), new FileTransferEnded(transfer.RelayId, Completed: false), Audience.AllBut(owner));
        }
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex TransferIdPattern();

    private sealed class Transfer(string relayId, long size)
    {
        public string RelayId { get; } = relayId;

        public long Remaining { get; set; } = size;
    }
}
