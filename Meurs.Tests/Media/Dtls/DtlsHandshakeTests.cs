using Meurs.Media.Dtls;
using Meurs.Media.Srtp;
using static Meurs.Tests.Media.Dtls.DtlsTestPeers;

namespace Meurs.Tests.Media.Dtls;

[Collection(DtlsNativeTests.Name)]
public sealed class DtlsHandshakeTests
{
    [Fact]
    public void Handshake_DefaultOptions_BothConnectedWithIdenticalGcmKeys()
    {
        using var pair = new Pair();

        pair.Handshake();

        Assert.Equal(DtlsState.Connected, pair.Server.State);
        Assert.Equal(DtlsState.Connected, pair.Client.State);
        Assert.Null(pair.Server.FailureReason);
        var server = pair.Server.SrtpKeys!;
        var client = pair.Client.SrtpKeys!;
        Assert.Equal(SrtpProfile.AeadAes128Gcm, server.Profile);
        Assert.Equal((SrtpProfile)0x0007, client.Profile); // the use_srtp id (RFC 7714 §14.2)
        Assert.Equal(16, server.ClientKey.Length);
        Assert.Equal(12, server.ClientSalt.Length);
        Assert.Equal(16, server.ServerKey.Length);
        Assert.Equal(12, server.ServerSalt.Length);
        Assert.Equal(client.ClientKey, server.ClientKey);
        Assert.Equal(client.ClientSalt, server.ClientSalt);
        Assert.Equal(client.ServerKey, server.ServerKey);
        Assert.Equal(client.ServerSalt, server.ServerSalt);
        Assert.NotEqual(server.ClientKey, server.ServerKey);
        Assert.Equal(server.LocalKey(DtlsRole.Server), client.RemoteKey(DtlsRole.Client));
        Assert.Equal(server.RemoteSalt(DtlsRole.Server), client.LocalSalt(DtlsRole.Client));
        Assert.StartsWith("ECDHE-ECDSA-", pair.Server.CipherSuite, StringComparison.Ordinal);
        Assert.Equal(pair.Server.CipherSuite, pair.Client.CipherSuite);
    }

    [Theory]
    [InlineData(SrtpProfile.Aes128CmHmacSha1_80, 14)]
    [InlineData(SrtpProfile.AeadAes128Gcm, 12)]
    public void Handshake_ClientOffersOneProfile_ThatProfileIsChosen(SrtpProfile profile, int saltLength)
    {
        using var pair = new Pair(clientOptions: Profiles(profile));

        pair.Handshake();

        Assert.Equal(DtlsState.Connected, pair.Server.State);
        Assert.Equal(DtlsState.Connected, pair.Client.State);
        Assert.Equal(profile, pair.Server.SrtpKeys!.Profile);
        Assert.Equal(profile, pair.Client.SrtpKeys!.Profile);
        Assert.Equal(16, pair.Server.SrtpKeys.ServerKey.Length);
        Assert.Equal(saltLength, pair.Server.SrtpKeys.ServerSalt.Length);
        Assert.Equal(saltLength, pair.Client.SrtpKeys.ClientSalt.Length);
        Assert.Equal(pair.Client.SrtpKeys.ClientKey, pair.Server.SrtpKeys.ClientKey);
        Assert.Equal(pair.Client.SrtpKeys.ServerSalt, pair.Server.SrtpKeys.ServerSalt);
    }

    [Fact]
    public void Handshake_ServerListsAesCmFirst_ServerOrderWins()
    {
        using var pair = new Pair(
            serverOptions: Profiles(SrtpProfile.Aes128CmHmacSha1_80, SrtpProfile.AeadAes128Gcm));

        pair.Handshake();

        Assert.Equal(DtlsState.Connected, pair.Server.State);
        Assert.Equal(SrtpProfile.Aes128CmHmacSha1_80, pair.Server.SrtpKeys!.Profile);
        Assert.Equal(pair.Server.SrtpKeys.Profile, pair.Client.SrtpKeys!.Profile);
    }

    [Fact]
    public void Handshake_NoCommonProfile_ServerFails()
    {
        using var pair = new Pair(
            serverOptions: Profiles(SrtpProfile.Aes128CmHmacSha1_80),
            clientOptions: Profiles(SrtpProfile.AeadAes128Gcm));

        pair.Handshake();

        Assert.Equal(DtlsState.Failed, pair.Server.State);
        Assert.NotEqual(DtlsState.Connected, pair.Client.State);
        Assert.Null(pair.Server.SrtpKeys);
        Assert.Contains("SRTP", pair.Server.FailureReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Handshake_ClientCertificateDoesNotMatchSdp_ServerFailsAndClientIsClosed()
    {
        using var other = DtlsCertificate.Create();
        using var pair = new Pair(serverExpects: other.Fingerprint);

        pair.Handshake();

        Assert.Equal(DtlsState.Failed, pair.Server.State);
        Assert.Contains("fingerprint", pair.Server.FailureReason, StringComparison.Ordinal);
        Assert.Null(pair.Server.SrtpKeys);
        // The server finished the handshake, then said close_notify.
        Assert.Equal(DtlsState.Closed, pair.Client.State);
    }

    [Fact]
    public void Handshake_ServerCertificateDoesNotMatchSdp_ClientFails()
    {
        using var other = DtlsCertificate.Create();
        using var pair = new Pair(clientExpects: other.Fingerprint);

        pair.Handshake();

        Assert.Equal(DtlsState.Failed, pair.Client.State);
        Assert.Null(pair.Client.SrtpKeys);
        Assert.Contains("fingerprint", pair.Client.FailureReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Handshake_FingerprintWithOtherHashOfTheRightCertificate_Connects()
    {
        var sha512 = DtlsFingerprint.Compute("sha-512", ClientCertificate.Der);
        using var pair = new Pair(serverExpects: sha512);

        pair.Handshake();

        Assert.Equal(DtlsState.Connected, pair.Server.State);
    }

    [Fact]
    public void Transport_FingerprintThatCannotVerify_IsRefused()
    {
        // A sha-1 a=fingerprint parses (RFC 8122 §5 grammar) but must never admit a peer.
        Assert.True(DtlsFingerprint.TryParse("sha-1 4A:AD:B9:B1:3F:82:18:3B:54:02:12:DF:3E:5D:49:6B:19:E5:7C:AB", out var sha1));
        using var context = new DtlsContext(DtlsRole.Server, ServerCertificate);

        var error = Assert.Throws<ArgumentException>(() => new DtlsTransport(context, sha1));

        Assert.Contains("sha-1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Handshake_ClientWithoutCertificate_ServerFails()
    {
        using var pair = new Pair(clientHasCertificate: false);

        pair.Handshake();

        Assert.Equal(DtlsState.Failed, pair.Server.State);
        Assert.NotNull(pair.Server.FailureReason);
        Assert.Equal(DtlsState.Failed, pair.Client.State); // it received the server's fatal alert
        Assert.Null(pair.Server.SrtpKeys);
    }

    [Fact]
    public void Handshake_FirstFlightsLost_RetransmissionTimersRecover()
    {
        var fast = new DtlsContextOptions { InitialRetransmitTimeout = TimeSpan.FromMilliseconds(5) };
        using var pair = new Pair(serverOptions: fast, clientOptions: fast);

        pair.Client.Start();
        Assert.NotNull(pair.Client.NextTimeout);
        var lostClientHello = Drain(pair.Client);
        Assert.NotEmpty(lostClientHello);
        Assert.Equal(DtlsState.New, pair.Server.State);

        WaitForTimer(pair.Client);
        Assert.True(pair.Client.HandleTimeout());
        var retransmitted = Drain(pair.Client);
        Assert.Equal(lostClientHello.Count, retransmitted.Count);
        Assert.Equal(lostClientHello[0][0], retransmitted[0][0]); // handshake records again
        foreach (var datagram in retransmitted)
        {
            pair.Server.Feed(datagram);
        }

        // Now lose the server's whole first flight (ServerHello .. ServerHelloDone).
        var lostServerFlight = Drain(pair.Server);
        Assert.NotEmpty(lostServerFlight);
        Assert.NotNull(pair.Server.NextTimeout);
        WaitForTimer(pair.Server);
        Assert.True(pair.Server.HandleTimeout());
        Assert.True(pair.Server.PendingDatagrams > 0);

        Pump(pair.Client, pair.Server);

        Assert.Equal(DtlsState.Connected, pair.Server.State);
        Assert.Equal(DtlsState.Connected, pair.Client.State);
        Assert.Equal(pair.Client.SrtpKeys!.ServerKey, pair.Server.SrtpKeys!.ServerKey);
    }

    [Fact]
    public void Handshake_ServerFinishedLost_ClientRetransmitsAndServerAnswersAgain()
    {
        var fast = new DtlsContextOptions { InitialRetransmitTimeout = TimeSpan.FromMilliseconds(5) };
        using var pair = new Pair(serverOptions: fast, clientOptions: fast);
        pair.Client.Start();

        // Deliver everything except the server's last flight (ChangeCipherSpec + Finished).
        Pump(pair.Client, pair.Server, drop: (fromClient, _) => !fromClient && pair.Server.State == DtlsState.Connected);
        Assert.Equal(DtlsState.Connected, pair.Server.State);
        Assert.Equal(DtlsState.Connecting, pair.Client.State);

        WaitForTimer(pair.Client);
        Assert.True(pair.Client.HandleTimeout());
        Pump(pair.Client, pair.Server);

        Assert.Equal(DtlsState.Connected, pair.Client.State);
        Assert.Equal(pair.Client.SrtpKeys!.ClientKey, pair.Server.SrtpKeys!.ClientKey);
    }

    [Fact]
    public void HandleTimeout_BeforeExpiry_DoesNothing()
    {
        var slow = new DtlsContextOptions { InitialRetransmitTimeout = TimeSpan.FromSeconds(60) };
        using var pair = new Pair(clientOptions: slow);
        pair.Client.Start();
        Drain(pair.Client);

        Assert.True(pair.Client.NextTimeout > TimeSpan.FromSeconds(30));
        Assert.False(pair.Client.HandleTimeout());
        Assert.Equal(0, pair.Client.PendingDatagrams);
        Assert.Null(pair.Server.NextTimeout); // New: no timer
    }

    [Fact]
    public void Handshake_SmallMtu_EveryDatagramFitsAndTheHandshakeCompletes()
    {
        var small = new DtlsContextOptions { Mtu = 300 };
        using var pair = new Pair(serverOptions: small, clientOptions: small);
        var largest = 0;
        var count = 0;
        pair.Client.Start();

        Pump(pair.Client, pair.Server, drop: (_, datagram) =>
        {
            largest = Math.Max(largest, datagram.Length);
            count++;
            return false;
        });

        Assert.Equal(DtlsState.Connected, pair.Server.State);
        Assert.Equal(DtlsState.Connected, pair.Client.State);
        Assert.InRange(largest, 13, 300);
        Assert.True(count > 4, $"{count} datagrams");
    }

    [Fact]
    public void Handshake_DefaultMtu_ServerFlightFitsIn1200ByteDatagrams()
    {
        using var pair = new Pair();
        pair.Client.Start();

        Pump(pair.Client, pair.Server, drop: (_, datagram) =>
        {
            Assert.InRange(datagram.Length, 13, 1200);
            Assert.InRange(datagram[0], (byte)20, (byte)23); // RFC 7983: DTLS content types
            return false;
        });

        Assert.Equal(DtlsState.Connected, pair.Server.State);
    }

    [Fact]
    public void Close_Connected_SendsCloseNotifyAndThePeerCloses()
    {
        using var pair = new Pair();
        pair.Handshake();

        pair.Client.Close();

        Assert.Equal(DtlsState.Closed, pair.Client.State);
        var alert = Assert.Single(Drain(pair.Client));
        Assert.Equal(21, alert[0]); // content type alert
        Assert.Equal(0xFE, alert[1]);
        Assert.Equal(0xFD, alert[2]); // DTLS 1.2
        Assert.Equal(1, (alert[3] << 8) | alert[4]); // epoch 1: encrypted
        pair.Server.Feed(alert);
        Assert.Equal(DtlsState.Closed, pair.Server.State);
        Assert.Equal(21, Assert.Single(Drain(pair.Server))[0]); // its own close_notify answers
        Assert.NotNull(pair.Server.SrtpKeys); // keys stay readable

        pair.Client.Close();
        Assert.Equal(0, pair.Client.PendingDatagrams);
    }

    [Fact]
    public void Close_BeforeConnecting_ClosesWithoutSending()
    {
        using var pair = new Pair();

        pair.Server.Close();

        Assert.Equal(DtlsState.Closed, pair.Server.State);
        Assert.Equal(0, pair.Server.PendingDatagrams);
        pair.Server.Feed([0x16, 0xFE, 0xFF, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
        Assert.Equal(DtlsState.Closed, pair.Server.State);
    }

    [Fact]
    public void Feed_ClientBeforeStart_IsIgnored()
    {
        using var pair = new Pair();

        pair.Client.Feed([0x16, 0xFE, 0xFD, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);

        Assert.Equal(DtlsState.New, pair.Client.State);
        Assert.Equal(0, pair.Client.PendingDatagrams);
    }

    [Fact]
    public void Transport_ContextDisposedFirst_StillCompletes()
    {
        var serverContext = new DtlsContext(DtlsRole.Server, ServerCertificate);
        var clientContext = new DtlsContext(DtlsRole.Client, ClientCertificate);
        using var server = new DtlsTransport(serverContext, ClientCertificate.Fingerprint);
        using var client = new DtlsTransport(clientContext, ServerCertificate.Fingerprint);
        serverContext.Dispose();
        clientContext.Dispose();

        client.Start();
        Pump(client, server);

        Assert.Equal(DtlsState.Connected, server.State);
        Assert.Throws<ObjectDisposedException>(() => new DtlsTransport(serverContext, ClientCertificate.Fingerprint));
    }

    [Fact]
    public void Context_InvalidArguments_Throw()
    {
        Assert.Throws<ArgumentNullException>(() => new DtlsContext(DtlsRole.Server, null));
        Assert.Throws<ArgumentException>(() => new DtlsContext(DtlsRole.Server, ServerCertificate, Profiles()));
        Assert.Throws<ArgumentException>(() => new DtlsContext(DtlsRole.Server, ServerCertificate, Profiles((SrtpProfile)0x0002)));
        Assert.Throws<ArgumentException>(() => new DtlsContext(DtlsRole.Server, ServerCertificate, new DtlsContextOptions { Mtu = 100 }));
        Assert.Throws<ArgumentException>(() => new DtlsContext(
            DtlsRole.Client, ClientCertificate, new DtlsContextOptions { InitialRetransmitTimeout = TimeSpan.Zero }));
    }
}
