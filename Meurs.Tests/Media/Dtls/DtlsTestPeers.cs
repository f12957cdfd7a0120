using Meurs.Media.Dtls;
using Meurs.Media.Srtp;

namespace Meurs.Tests.Media.Dtls;

/// <summary>
/// Shared certificates and an in-memory "network" between two transports for the DTLS tests.
/// The certificates live for the whole run (their native handles are part of every baseline).
/// </summary>
internal static class DtlsTestPeers
{
    public static readonly DtlsCertificate ServerCertificate = DtlsCertificate.Create();
    public static readonly DtlsCertificate ClientCertificate = DtlsCertificate.Create();

    public static DtlsContextOptions Profiles(params SrtpProfile[] profiles) => new() { SrtpProfiles = profiles };

    /// <summary>
    /// Pump carries every queued datagram across until neither side has anything to send.
    /// <paramref name="drop"/> sees (sentByClient, datagram) and returns true to lose it.
    /// Returns how many datagrams were delivered.
    /// </summary>
    public static int Pump(DtlsTransport client, DtlsTransport server, Func<bool, byte[], bool>? drop = null)
    {
        var delivered = 0;
        for (var round = 0; round < 100; round++)
        {
            var moved = false;
            while (client.TryDequeue(out var datagram))
            {
                moved = true;
                if (drop?.Invoke(true, datagram) != true)
                {
                    server.Feed(datagram);
                    delivered++;
                }
            }

            while (server.TryDequeue(out var datagram))
            {
                moved = true;
                if (drop?.Invoke(false, datagram) != true)
                {
                    client.Feed(datagram);
                    delivered++;
                }
            }

            if (!moved)
            {
                break;
            }
        }

        return delivered;
    }

    /// <summary>Drain takes everything queued on one side.</summary>
    public static List<byte[]> Drain(DtlsTransport transport)
    {
        var datagrams = new List<byte[]>();
        while (transport.TryDequeue(out var datagram))
        {
            datagrams.Add(datagram);
        }

        return datagrams;
    }

    /// <summary>WaitForTimer sleeps until the transport's retransmission timer has expired.</summary>
    public static void WaitForTimer(DtlsTransport transport)
    {
        for (var i = 0; i < 1000 && transport.NextTimeout is { } left && left > TimeSpan.Zero; i++)
        {
            Thread.Sleep(left + TimeSpan.FromMilliseconds(1));
        }
    }

    /// <summary>
    /// Pair owns a server and client context and transport, expecting each other's real
    /// fingerprints unless told otherwise.
    /// </summary>
    public sealed class Pair : IDisposable
    {
        public Pair(
            DtlsContextOptions? serverOptions = null,
            DtlsContextOptions? clientOptions = null,
            DtlsFingerprint? serverExpects = null,
            DtlsFingerprint? clientExpects = null,
            bool clientHasCertificate = true)
        {
            ServerContext = new DtlsContext(DtlsRole.Server, ServerCertificate, serverOptions);
            ClientContext = new DtlsContext(DtlsRole.Client, clientHasCertificate ? ClientCertificate : null, clientOptions);
            Server = new DtlsTransport(ServerContext, serverExpects ?? ClientCertificate.Fingerprint);
            Client = new DtlsTransport(ClientContext, clientExpects ?? ServerCertificate.Fingerprint);
        }

        public DtlsContext ServerContext { get; }

        public DtlsContext ClientContext { get; }

        public DtlsTransport Server { get; }

        public DtlsTransport Client { get; }

        public void Handshake()
        {
            Client.Start();
            Pump(Client, Server);
        }

        public void Dispose()
        {
            Server.Dispose();
            Client.Dispose();
            ServerContext.Dispose();
            ClientContext.Dispose();
        }
    }
}
