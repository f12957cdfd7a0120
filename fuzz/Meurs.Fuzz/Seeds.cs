using System.Net;
using System.Text;
using Meurs.Media.Dtls;
using Meurs.Media.Sdp;
using Meurs.Tests.Media.Rtcp;
using Meurs.Tests.Media.Rtp;
using Meurs.Tests.Media.Sdp;
using Meurs.Tests.Media.Stun;

namespace Meurs.Fuzz;

/// <summary>
/// Seeds writes the starting corpora (fuzz/corpus/&lt;target&gt;/): small valid inputs from the tests' annotated samples
/// and from our own writers (a real DTLS handshake between two of our transports, the SFU's SDP answers). afl mutates
/// from these, so each should be small and reach a different part of its parser.
/// </summary>
internal static class Seeds
{
    /// <summary>Write replaces each target's folder under <paramref name="root"/> and says how many seeds it holds.</summary>
    public static IEnumerable<(string Target, int Count)> Write(string root)
    {
        var corpora = new Dictionary<string, IReadOnlyList<byte[]>>
        {
            ["stun"] = Rfc5769Vectors.All,
            ["rtp"] = RtpSamples.All,
            ["rtcp"] = [.. RtcpSamples.All, RtcpSamples.SenderReport.Concat(RtcpSamples.SourceDescription).Concat(RtcpSamples.Goodbye).ToArray()],
            ["sdp"] = Sdp(),
            ["dtls"] = Dtls(),
            ["json"] = Json(),
        };
        foreach (var (target, seeds) in corpora)
        {
            var folder = Path.Combine(root, target);
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
            Directory.CreateDirectory(folder);
            var distinct = seeds.DistinctBy(Convert.ToHexString).ToList();
            for (var i = 0; i < distinct.Count; i++)
            {
                File.WriteAllBytes(Path.Combine(folder, $"seed-{i:D2}"), distinct[i]);
            }
            yield return (target, distinct.Count);
        }
    }

    // The browsers' offers as captured (CRLF, as on the wire) and the answers our builder gives them.
    private static List<byte[]> Sdp()
    {
        var local = SdpLocalTransport.WithHostCandidates(
            "sfu1", "0123456789abcdefABCDEF+/", DtlsFingerprint.Compute(DtlsFingerprint.Sha256, "abc"u8), [new IPEndPoint(IPAddress.Loopback, 40000)]);
        var seeds = new List<byte[]>();
        foreach (var sample in SdpTestData.All)
        {
            var offer = SdpTestData.Crlf(sample);
            seeds.Add(Encoding.UTF8.GetBytes(offer));
            if (SessionDescription.TryParse(offer, out var parsed, out _)
                && new SdpAnswerBuilder(SdpServerCapabilities.Sfu, local) { SessionId = 1, SessionVersion = 1 }.TryBuild(parsed, out var answer, out _))
            {
                seeds.Add(Encoding.UTF8.GetBytes(answer.ToString()));
            }
        }
        return seeds;
    }

    // Every datagram of a real handshake between our client and server transports, each behind the two MTU bytes the
    // harness reads first (1200, the transport's usual MTU).
    private static List<byte[]> Dtls()
    {
        using var serverCertificate = DtlsCertificate.Create();
        using var clientCertificate = DtlsCertificate.Create();
        using var serverContext = new DtlsContext(DtlsRole.Server, serverCertificate);
        using var clientContext = new DtlsContext(DtlsRole.Client, clientCertificate);
        using var server = new DtlsTransport(serverContext, clientCertificate.Fingerprint);
        using var client = new DtlsTransport(clientContext, serverCertificate.Fingerprint);
        var seeds = new List<byte[]>();
        client.Start();
        for (var round = 0; round < 20; round++)
        {
            var moved = false;
            while (client.TryDequeue(out var datagram))
            {
                moved = true;
                seeds.Add([0x04, 0xB0, .. datagram]);
                server.Feed(datagram);
            }
            while (server.TryDequeue(out var datagram))
            {
                moved = true;
                seeds.Add([0x04, 0xB0, .. datagram]);
                client.Feed(datagram);
            }
            if (!moved)
            {
                break;
            }
        }
        return seeds;
    }

    // One message of every type each socket knows, plus the form a page's hx-ws form sends (no "type": a chat).
    private static List<byte[]> Json() => [.. JsonMessages.Select(Encoding.UTF8.GetBytes)];

    private static readonly string[] JsonMessages =
    [
        """{"type":"chat","text":"hello"}""",
        """{"text":"from a form"}""",
        """{"type":"pm","to":"alice","text":"psst"}""",
        """{"type":"file","transfer_id":"a4","filename":"report.pdf","size":984,"mime":"application/pdf"}""",
        """{"type":"leave"}""",
        """{"type":"state","muted":true,"deafened":false,"camera":false,"screen":false}""",
        """{"type":"publish","sdp":"v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\n","sources":{"0":"mic","1":"camera"}}""",
        """{"type":"subscribe-answer","sdp":"v=0\r\n"}""",
    ];
}
