using Meurs.Media.Dtls;
using Meurs.Media.Srtp;
using static Meurs.Tests.Media.Dtls.DtlsTestPeers;

namespace Meurs.Tests.Media.Dtls;

/// <summary>From a completed handshake to SRTP: the one path, <see cref="DtlsTransport.CreateSrtpSession"/>.</summary>
[Collection(DtlsNativeTests.Name)]
public sealed class DtlsSrtpSessionTests
{
    [Theory]
    [InlineData(SrtpProfile.AeadAes128Gcm)]
    [InlineData(SrtpProfile.Aes128CmHmacSha1_80)]
    public void CreateSrtpSession_BothSides_ReadEachOthersPacketsWithTheNegotiatedProfile(SrtpProfile offered)
    {
        using var serverContext = new DtlsContext(DtlsRole.Server, ServerCertificate);
        using var clientContext = new DtlsContext(DtlsRole.Client, ClientCertificate, Profiles(offered));
        using var server = new DtlsTransport(serverContext, ClientCertificate.Fingerprint);
        using var client = new DtlsTransport(clientContext, ServerCertificate.Fingerprint);
        client.Start();
        Pump(client, server);
        Assert.Equal((DtlsState.Connected, DtlsState.Connected), (client.State, server.State));

        using var clientSrtp = client.CreateSrtpSession();
        using var serverSrtp = server.CreateSrtpSession();

        Assert.Equal(offered, clientSrtp.Profile);
        Assert.Equal(offered, serverSrtp.Profile);
        byte[] rtp = [0x80, 111, 0, 1, 0, 0, 0, 160, 0x11, 0x22, 0x33, 0x44, 1, 2, 3, 4];
        var wire = new byte[64];
        var plain = new byte[64];
        Assert.True(clientSrtp.TryProtectRtp(rtp, wire, out var length));
        Assert.True(serverSrtp.TryUnprotectRtp(wire.AsSpan(0, length), plain, out var plainLength));
        Assert.Equal(rtp, plain[..plainLength]);
        Assert.True(serverSrtp.TryProtectRtp(rtp, wire, out length));
        Assert.True(clientSrtp.TryUnprotectRtp(wire.AsSpan(0, length), plain, out plainLength));
        Assert.Equal(rtp, plain[..plainLength]);
    }

    [Fact]
    public void CreateSrtpSession_BeforeTheHandshake_Throws()
    {
        using var context = new DtlsContext(DtlsRole.Server, ServerCertificate);
        using var transport = new DtlsTransport(context, ClientCertificate.Fingerprint);

        Assert.Throws<InvalidOperationException>(() => transport.CreateSrtpSession());
        Assert.Throws<InvalidOperationException>(() => transport.ExportKeyingMaterial(SrtpSession.DtlsSrtpExporterLabel, 56));
    }
}
