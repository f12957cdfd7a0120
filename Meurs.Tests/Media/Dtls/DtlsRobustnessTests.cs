using System.Buffers.Binary;
using Meurs.Media.Dtls;
using Meurs.Tests.Support;
using static Meurs.Tests.Media.Dtls.DtlsTestPeers;

namespace Meurs.Tests.Media.Dtls;

[Collection(DtlsNativeTests.Name)]
public sealed class DtlsRobustnessTests
{
    [Fact]
    public void Feed_ZeroLengthAndOversized_AreIgnored()
    {
        using var pair = new Pair();

        pair.Server.Feed([]);
        pair.Server.Feed(new byte[DtlsTransport.MaxDatagramLength + 1]);

        Assert.Equal(DtlsState.New, pair.Server.State);
        Assert.Equal(0, pair.Server.PendingDatagrams);
        pair.Handshake();
        Assert.Equal(DtlsState.Connected, pair.Server.State);
    }

    [Fact]
    public void Feed_GarbageAndTruncatedRecordsAroundEveryDatagram_HandshakeStillCompletes()
    {
        using var pair = new Pair();
        var random = new Random(6347);
        pair.Client.Start();

        Pump(pair.Client, pair.Server, drop: (fromClient, datagram) =>
        {
            var receiver = fromClient ? pair.Server : pair.Client;
            receiver.Feed([]);
            receiver.Feed(datagram.AsSpan(0, 1));
            receiver.Feed(datagram.AsSpan(0, 12)); // header cut short
            receiver.Feed(datagram.AsSpan(0, 13 + ((datagram.Length - 13) / 2))); // body cut short
            receiver.Feed(RandomBytes(random, random.Next(1, 300)));
            receiver.Feed([0x17, 0xFE, 0xFD, 0x00, 0x01, 0, 0, 0, 0, 0, 9, 0x00, 0x00]); // empty app data, epoch 1
            receiver.Feed([0x15, 0xFE, 0xFD, 0x00, 0x00, 0, 0, 0, 0, 0, 9, 0x00, 0x05, 1, 2, 3]); // alert, length past end
            return false;
        });

        Assert.Equal(DtlsState.Connected, pair.Server.State);
        Assert.Equal(DtlsState.Connected, pair.Client.State);
        Assert.Equal(pair.Client.SrtpKeys!.ClientKey, pair.Server.SrtpKeys!.ClientKey);
    }

    [Fact]
    public void Feed_JunkAfterConnected_IsIgnoredAndKeysStay()
    {
        using var pair = new Pair();
        pair.Handshake();
        var keys = pair.Server.SrtpKeys;
        var random = new Random(5764);

        for (var i = 0; i < 2_000; i++)
        {
            var body = RandomBytes(random, random.Next(0, 200));
            var type = (byte)(i % 2 == 0 ? 23 : 22); // application data, handshake
            var epoch = (ushort)(i % 3 == 0 ? 0 : 1);
            pair.Server.Feed(Record(type, epoch, (ulong)(1000 + i), body));
        }

        Assert.True(pair.Server.State == DtlsState.Connected, pair.Server.FailureReason);
        Assert.Same(keys, pair.Server.SrtpKeys);
        Assert.InRange(pair.Server.PendingDatagrams, 0, DtlsTransport.MaxQueuedDatagrams);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Feed_ProtectedRecordsShorterThanNonceAndTag_AreDroppedAndTheSessionLives(bool midHandshake)
    {
        // AES-128-GCM records carry an 8-byte explicit nonce and a 16-byte tag (RFC 5288 §3), so
        // epoch-1 records of 1..23 bytes can't be genuine; OpenSSL 3.0 alone would stop reading.
        using var pair = new Pair();
        pair.Client.Start();
        if (midHandshake)
        {
            pair.Client.TryDequeue(out var hello);
            pair.Server.Feed(hello);
        }
        else
        {
            Pump(pair.Client, pair.Server);
        }

        for (var length = 1; length < 24; length++)
        {
            pair.Server.Feed(Record((byte)(20 + (length % 4)), 1, (ulong)(500 + length), new byte[length]));
        }

        Pump(pair.Client, pair.Server);
        Assert.Equal(DtlsState.Connected, pair.Server.State);
        pair.Client.Close();
        Pump(pair.Client, pair.Server);
        Assert.Equal(DtlsState.Closed, pair.Server.State);
    }

    [Fact]
    public void Feed_MoreThanTheHandshakeBudget_Fails()
    {
        using var context = new DtlsContext(DtlsRole.Server, ServerCertificate, new DtlsContextOptions { MaxHandshakeBytes = 4096 });
        using var server = new DtlsTransport(context, ClientCertificate.Fingerprint);

        for (var i = 0; i < 5; i++)
        {
            // Records of a far epoch are dropped unread, so only the budget can end this.
            server.Feed(Record(22, 7, (ulong)i, new byte[987]));
        }

        Assert.Equal(DtlsState.Failed, server.State);
        Assert.Contains("4096 bytes", server.FailureReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Feed_MutatedHandshakeDatagrams_NeverThrowAndStayBounded()
    {
        var transcript = CaptureHandshake();
        var random = new Random(5246);
        // The record length, then the handshake header's length, message_seq, fragment_offset and fragment_length.
        var mutations = MutatedPackets.Sample(
            [new(11, 2), new(14, 3, CountedFrom: 25), new(17, 2), new(19, 3), new(22, 3, CountedFrom: 25)], 40_000);
        using var serverContext = new DtlsContext(DtlsRole.Server, ServerCertificate);
        using var clientContext = new DtlsContext(DtlsRole.Client, ClientCertificate);
        DtlsTransport? server = null;
        DtlsTransport? client = null;
        var outcomes = new Dictionary<DtlsState, int>();
        try
        {
            for (var i = 0; i < 20_000; i++)
            {
                // Server side: a fresh one gets a mutated ClientHello; one past the ClientHello
                // gets a mutated client flight (certificate .. Finished).
                if (server is null || server.State is DtlsState.Failed or DtlsState.Closed or DtlsState.Connected || i % 50 == 0)
                {
                    Count(outcomes, server);
                    server?.Dispose();
                    server = new DtlsTransport(serverContext, ClientCertificate.Fingerprint);
                    if (i % 2 == 0)
                    {
                        server.Feed(transcript.ClientHello);
                    }
                }

                var seed = server.State == DtlsState.New ? transcript.ClientHello : transcript.ClientFlight;
                var mutated = mutations[2 * i].Apply(seed);
                server.Feed(mutated);
                AssertBounded(server);

                // Client side: mutated server flights to a client waiting for them.
                if (client is null || client.State is not DtlsState.Connecting || i % 50 == 0)
                {
                    client?.Dispose();
                    client = new DtlsTransport(clientContext, ServerCertificate.Fingerprint);
                    client.Start();
                    Drain(client);
                }

                client.Feed(mutations[(2 * i) + 1].Apply(transcript.ServerFlights[random.Next(transcript.ServerFlights.Count)]));
                AssertBounded(client);
            }
        }
        finally
        {
            server?.Dispose();
            client?.Dispose();
        }

        // Mutations mostly fail the handshake; some must be survivable (bit flips in padding,
        // truncations of duplicated records), so both outcomes occur.
        Assert.True(outcomes.GetValueOrDefault(DtlsState.Failed) > 0);
        Assert.True(outcomes.GetValueOrDefault(DtlsState.Connecting) > 0);
    }

    [Theory]
    [InlineData(0)] // a server that has seen nothing
    [InlineData(1)] // a server waiting for the client's certificate flight
    [InlineData(2)] // a connected server
    [InlineData(3)] // a client waiting for the server's flight
    public void Feed_TenThousandRandomHandshakeFragments_NoThrowNoHangBoundedMemory(int stage)
    {
        var random = new Random(1000 + stage);
        var fresh = 0;
        var pair = NewStage(stage);
        var receiver = stage == 3 ? pair.Client : pair.Server;
        var rssBefore = ResidentBytes();
        try
        {
            for (var i = 0; i < 10_000; i++)
            {
                if (receiver.State is DtlsState.Failed or DtlsState.Closed)
                {
                    pair.Dispose();
                    pair = NewStage(stage);
                    receiver = stage == 3 ? pair.Client : pair.Server;
                    fresh++;
                }

                receiver.Feed(RandomHandshakeFragment(random, (ulong)(100 + i)));
                Assert.InRange(receiver.PendingDatagrams, 0, DtlsTransport.MaxQueuedDatagrams);
                Drain(receiver);
            }

            Assert.NotEqual(DtlsState.New, receiver.State);
        }
        finally
        {
            pair.Dispose();
        }

        GC.Collect();
        GC.WaitForPendingFinalizers();
        Assert.True(fresh < 10_000);
        var growth = ResidentBytes() - rssBefore;
        Assert.True(growth < 256L * 1024 * 1024, $"resident memory grew by {growth / 1024 / 1024} MB");
    }

    private static Pair NewStage(int stage)
    {
        var pair = new Pair();
        switch (stage)
        {
            case 1:
                pair.Client.Start();
                pair.Client.TryDequeue(out var hello);
                pair.Server.Feed(hello);
                Drain(pair.Server);
                break;
            case 2:
                pair.Handshake();
                break;
            case 3:
                pair.Client.Start();
                Drain(pair.Client);
                break;
        }

        return pair;
    }

    private static void Count(Dictionary<DtlsState, int> outcomes, DtlsTransport? transport)
    {
        if (transport is not null)
        {
            outcomes[transport.State] = outcomes.GetValueOrDefault(transport.State) + 1;
        }
    }

    private static void AssertBounded(DtlsTransport transport)
    {
        Assert.InRange(transport.PendingDatagrams, 0, DtlsTransport.MaxQueuedDatagrams);
        while (transport.TryDequeue(out var datagram))
        {
            Assert.InRange(datagram.Length, 1, 1200);
        }
    }

    private sealed record Transcript(byte[] ClientHello, byte[] ClientFlight, List<byte[]> ServerFlights);

    private static Transcript CaptureHandshake()
    {
        using var pair = new Pair();
        var fromClient = new List<byte[]>();
        var fromServer = new List<byte[]>();
        pair.Client.Start();
        Pump(pair.Client, pair.Server, drop: (client, datagram) =>
        {
            (client ? fromClient : fromServer).Add(datagram);
            return false;
        });
        Assert.Equal(DtlsState.Connected, pair.Server.State);
        Assert.Equal(2, fromClient.Count); // ClientHello; Certificate .. Finished
        return new Transcript(fromClient[0], fromClient[1], fromServer);
    }

    // A handshake record (RFC 6347 §4.1) carrying one handshake fragment (§4.2.2) with random
    // type, length, message_seq and offset: the shapes a reassembly buffer has to survive.
    private static byte[] RandomHandshakeFragment(Random random, ulong sequence)
    {
        var body = RandomBytes(random, random.Next(0, 64));
        var fragment = new byte[12 + body.Length];
        fragment[0] = random.Next(4) switch
        {
            0 => 1, // client_hello
            1 => 11, // certificate
            2 => (byte)random.Next(256),
            _ => new byte[] { 2, 12, 13, 14, 15, 16, 20 }[random.Next(7)],
        };
        var length = random.Next(3) switch
        {
            0 => body.Length,
            1 => random.Next(0, 0x1000000), // up to 2^24 - 1
            _ => random.Next(body.Length, 4096),
        };
        WriteUInt24(fragment.AsSpan(1), length);
        BinaryPrimitives.WriteUInt16BigEndian(fragment.AsSpan(4), (ushort)(random.Next(3) == 0 ? random.Next(65536) : random.Next(16)));
        WriteUInt24(fragment.AsSpan(6), random.Next(2) == 0 ? random.Next(0, Math.Max(1, length)) : random.Next(0, 0x1000000));
        WriteUInt24(fragment.AsSpan(9), random.Next(4) == 0 ? random.Next(0, 0x1000000) : body.Length);
        body.CopyTo(fragment.AsSpan(12));
        return Record(22, (ushort)(random.Next(8) == 0 ? 1 : 0), sequence, fragment);
    }

    private static byte[] Record(byte type, ushort epoch, ulong sequence, byte[] body)
    {
        var record = new byte[13 + body.Length];
        record[0] = type;
        record[1] = 0xFE;
        record[2] = 0xFD;
        BinaryPrimitives.WriteUInt16BigEndian(record.AsSpan(3), epoch);
        BinaryPrimitives.WriteUInt16BigEndian(record.AsSpan(5), (ushort)(sequence >> 32));
        BinaryPrimitives.WriteUInt32BigEndian(record.AsSpan(7), (uint)sequence);
        BinaryPrimitives.WriteUInt16BigEndian(record.AsSpan(11), (ushort)body.Length);
        body.CopyTo(record.AsSpan(13));
        return record;
    }

    private static void WriteUInt24(Span<byte> destination, int value)
    {
        destination[0] = (byte)(value >> 16);
        destination[1] = (byte)(value >> 8);
        destination[2] = (byte)value;
    }

    private static byte[] RandomBytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    // Resident set size from /proc (Linux only, like the OpenSSL binding itself).
    private static long ResidentBytes()
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) * 1024;
            }
        }

        return 0;
    }
}
