using Meurs.Media.Dtls;
using Meurs.Media.Sdp;

namespace Meurs.Tests.Media.Sdp;

public sealed class SdpRemoteParametersTests
{
    [Fact]
    public void TryExtract_ChromiumOffer_GivesTransportAndSourcesPerMid()
    {
        Assert.True(SdpRemoteParameters.TryExtract(SdpAssert.Parse(SdpTestData.ChromiumOffer), out var remote, out var error), error);

        Assert.Equal("Jpbd", remote.IceUfrag);
        Assert.Equal("Fus4hRjMrpP46HRkXRz+RPdL", remote.IcePwd);
        Assert.Equal(SdpSetupRole.ActPass, remote.Setup);
        Assert.Equal("04:B3:84:B1:04:0A:C8:1B:1B:04:11:51:67:88:D1:FC:E1:A2:83:8A:E2:58:CC:A2:F0:09:31:3E:39:BF:76:B3", DtlsFingerprint.FormatHex(remote.Fingerprint.Digest));
        Assert.Equal(["0", "1", "2", "3", "4"], remote.Mids);
        Assert.Equal(2, remote.Candidates.Count);

        var audio = remote.FindByMid("0")!;
        Assert.Equal([4048541358u], audio.Ssrcs);
        Assert.Equal("UOXLvCjgl4OlGU+h", audio.Cname);
        Assert.Equal(new SdpMsid("r87hndGyheuxZxzoUgzDkwgPWKOFXQzv1NvD", "bc9d76ef-21f8-44b7-81ac-dfd096c2f1fe"), audio.Msid);
        Assert.Equal(SdpDirection.SendOnly, audio.Direction);

        var video = remote.FindByMid("1")!;
        Assert.Equal([1017728011u, 1258359703u, 2260225769u, 3236869373u, 943422434u, 2658954446u], video.Ssrcs);
        Assert.Equal(4, video.SsrcGroups.Count);
        Assert.Empty(remote.FindByMid("3")!.Ssrcs);
        Assert.Null(remote.FindByMid("9"));
    }

    [Fact]
    public void TryExtract_FirefoxOffer_TakesSessionLevelFingerprint()
    {
        Assert.True(SdpRemoteParameters.TryExtract(SdpAssert.Parse(SdpTestData.FirefoxOffer), out var remote, out var error), error);

        Assert.Equal("6c0579ea", remote.IceUfrag);
        Assert.Equal("59efe498b762e472067fa5e134df8722", remote.IcePwd);
        Assert.Equal(0x75, remote.Fingerprint.Digest[0]);
        Assert.Equal([7463831u, 2513307155u], remote.FindByMid("1")!.Ssrcs);
        Assert.Equal(new SdpMsid("-", "{73b368b6-4a66-409b-87ea-0ed7919bce82}"), remote.FindByMid("1")!.Msid);
    }

    [Fact]
    public void TryExtract_Simulcast_ListsRids()
    {
        var sdp = SessionDescriptionTests.Minimal(
            "a=group:BUNDLE 0", "m=video 9 UDP/TLS/RTP/SAVPF 96", "a=mid:0", "a=ice-ufrag:abcd", "a=ice-pwd:0123456789012345678901",
            "a=fingerprint:sha-256 " + DtlsFingerprint.FormatHex(new byte[32]), "a=rid:q send", "a=rid:h send", "a=simulcast:send q;h");

        Assert.True(SdpRemoteParameters.TryExtract(SdpAssert.Parse(sdp), out var remote, out var error), error);

        Assert.Equal(["q", "h"], remote.FindByMid("0")!.Rids);
    }

    [Fact]
    public void TryExtract_Sha1OnlyFingerprint_Fails()
    {
        var sdp = SessionDescriptionTests.Minimal(
            "m=audio 9 UDP/TLS/RTP/SAVPF 111", "a=mid:0", "a=ice-ufrag:abcd", "a=ice-pwd:0123456789012345678901",
            "a=fingerprint:sha-1 " + DtlsFingerprint.FormatHex(new byte[20]));

        Assert.False(SdpRemoteParameters.TryExtract(SdpAssert.Parse(sdp), out _, out var error));

        Assert.Contains("sha-1", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryExtract_AllRejected_Fails()
    {
        var sdp = SessionDescriptionTests.Minimal("m=audio 0 UDP/TLS/RTP/SAVPF 111", "a=mid:0");

        Assert.False(SdpRemoteParameters.TryExtract(SdpAssert.Parse(sdp), out var remote, out var error));

        Assert.Null(remote);
        Assert.Contains("no accepted m-section", error, StringComparison.Ordinal);
    }
}
