using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Meurs.Media.Sdp;

namespace Meurs.Tests.Media.Sdp;

public sealed class SdpFuzzTests
{
    private static readonly string[] TemplateLines =
    [
        "v=0", "o=- 1 1 IN IP4 127.0.0.1", "s=-", "t=0 0", "c=IN IP4 0.0.0.0", "b=AS:30", "i=info",
        "a=group:BUNDLE 0 1", "a=ice-lite", "a=ice-ufrag:abcd", "a=ice-pwd:0123456789012345678901", "a=setup:actpass",
        "a=fingerprint:sha-256 04:B3:84:B1:04:0A:C8:1B:1B:04:11:51:67:88:D1:FC:E1:A2:83:8A:E2:58:CC:A2:F0:09:31:3E:39:BF:76:B3",
        "m=audio 9 UDP/TLS/RTP/SAVPF 111 0", "m=video 9 UDP/TLS/RTP/SAVPF 96 97", "m=application 9 UDP/DTLS/SCTP webrtc-datachannel",
        "a=mid:0", "a=mid:1", "a=rtcp-mux", "a=sendonly", "a=recvonly", "a=rtpmap:111 opus/48000/2", "a=rtpmap:96 VP8/90000",
        "a=rtpmap:97 rtx/90000", "a=fmtp:97 apt=96", "a=rtcp-fb:96 nack pli", "a=extmap:3 urn:ietf:params:rtp-hdrext:sdes:mid",
        "a=ssrc:1 cname:x", "a=ssrc-group:FID 1 2", "a=msid:s t", "a=candidate:1 1 udp 1 1.2.3.4 5 typ host", "a=sctp-port:5000",
    ];

    private static readonly string[] AttributeNames =
    [
        "group", "ice-ufrag", "ice-pwd", "ice-options", "fingerprint", "setup", "mid", "rtpmap", "fmtp", "rtcp-fb", "extmap",
        "ssrc", "ssrc-group", "msid", "rid", "simulcast", "candidate", "sctp-port", "max-message-size", "msid-semantic", "x",
    ];

    private const string Alphabet = "0123456789 :/;=,~*-.abcXYZ{}\t\r\n\0é";

    [Fact]
    public void TryParse_RandomLines_NeverThrowsAndRoundTripsWhatItAccepts()
    {
        var text = Gen.Choose(0, 24).SelectMany(n => Gen.ArrayOf(Gen.Elements(Alphabet.ToCharArray()), n)).Select(c => new string(c));
        var line = Gen.Frequency(
            (6, Gen.Elements(TemplateLines)),
            (4, from name in Gen.Elements(AttributeNames) from value in text select "a=" + name + ":" + value),
            (2, from type in Gen.Elements("vosiuepcbtrzkamxV1=".ToCharArray()) from value in text select type + "=" + value),
            (1, text));
        var documents =
            from head in Gen.Elements(true, true, true, false)
            from lines in Gen.Sized(size => Gen.Choose(0, size).SelectMany(n => Gen.ArrayOf(line, n)))
            from crlf in Gen.Elements(true, false)
            select string.Join(crlf ? "\r\n" : "\n", head ? ["v=0", "o=- 1 1 IN IP4 127.0.0.1", "s=-", .. lines] : lines);

        var property = Prop.ForAll(Arb.From(documents), sdp => HoldsInvariants(sdp));

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(3_000).WithEndSize(40), property);
    }

    [Fact]
    public void TryParse_MutatedBrowserOffers_NeverThrowAndRoundTripWhatItAccepts()
    {
        // Fixed seed so a failure reproduces; the failing text is in the assertion message.
        var random = new Random(8866);
        var accepted = 0;
        for (var i = 0; i < 20_000; i++)
        {
            var seed = SdpTestData.All[random.Next(SdpTestData.All.Length)];
            var sdp = Mutate(SdpTestData.Crlf(seed), random);

            Assert.True(HoldsInvariants(sdp), $"mutation {i}: {sdp}");
            accepted += SessionDescription.TryParse(sdp, out _, out _) ? 1 : 0;
        }

        // Most single mutations hit an unknown attribute or a value the parser ignores; both
        // outcomes must be exercised for the loop to mean anything.
        Assert.InRange(accepted, 2_000, 18_000);
    }

    [Fact]
    public void TryParse_AttributeValuesOfEveryKnownKind_NeverThrow()
    {
        var random = new Random(4566);
        foreach (var name in AttributeNames)
        {
            for (var i = 0; i < 500; i++)
            {
                var value = RandomText(random, random.Next(0, 40));
                var sdp = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nm=video 9 UDP/TLS/RTP/SAVPF 96\r\na=" + name + ":" + value + "\r\n";

                Assert.True(HoldsInvariants(sdp), sdp);
            }
        }
    }

    // Parse never throws; what parses writes back to text that parses to the same model and the
    // same text; the answer builder and the extractor never throw on it.
    private static bool HoldsInvariants(string sdp)
    {
        if (!SessionDescription.TryParse(sdp, out var first, out var error))
        {
            Assert.False(string.IsNullOrEmpty(error));
            Assert.Null(first);
            return true;
        }

        var written = first.ToString();
        Assert.True(SessionDescription.TryParse(written, out var second, out error), $"{error} in\n{written}\nfrom\n{sdp}");
        SdpAssert.SameModel(first, second);
        Assert.Equal(written, second.ToString());

        var builder = new SdpAnswerBuilder(SdpAnswerBuilderTests.SfuWithRtx(googRemb: true), SdpAnswerBuilderTests.Transport()) { SessionId = 1 };
        if (builder.TryBuild(first, out var answer, out _))
        {
            Assert.True(SessionDescription.TryParse(answer.ToString(), out _, out error), $"{error} in answer\n{answer}\nto\n{sdp}");
        }

        _ = SdpRemoteParameters.TryExtract(first, out _, out _);
        return true;
    }

    private static string Mutate(string sdp, Random random)
    {
        var lines = sdp.Split("\r\n").ToList();
        var count = random.Next(1, 4);
        for (var m = 0; m < count && lines.Count > 0; m++)
        {
            var at = random.Next(lines.Count);
            switch (random.Next(10))
            {
                case 0:
                    lines.RemoveAt(at);
                    break;
                case 1:
                    lines.Insert(random.Next(lines.Count), lines[at]);
                    break;
                case 2:
                    (lines[at], lines[0]) = (lines[0], lines[at]);
                    break;
                case 3:
                    lines[at] = ReplaceChar(lines[at], random);
                    break;
                case 4:
                    lines[at] = lines[at].Insert(random.Next(lines[at].Length + 1), RandomText(random, random.Next(1, 6)));
                    break;
                case 5:
                    lines[at] = lines[at][..random.Next(lines[at].Length + 1)];
                    break;
                case 6:
                    lines[at] = ReplaceNumber(lines[at], random);
                    break;
                case 7:
                    lines[at] = lines[at].Replace(' ', random.Next(2) == 0 ? '\t' : ':');
                    break;
                case 8:
                    lines.Insert(at, "m=" + RandomText(random, random.Next(0, 20)));
                    break;
                default:
                    var joined = string.Join(random.Next(2) == 0 ? "\n" : "\r\n", lines);
                    return joined[..random.Next(joined.Length + 1)];
            }
        }

        return string.Join("\r\n", lines);
    }

    private static string ReplaceChar(string line, Random random)
    {
        if (line.Length == 0)
        {
            return line;
        }

        var chars = line.ToCharArray();
        chars[random.Next(chars.Length)] = Alphabet[random.Next(Alphabet.Length)];
        return new string(chars);
    }

    private static string ReplaceNumber(string line, Random random)
    {
        var digits = line.AsSpan().IndexOfAnyInRange('0', '9');
        if (digits < 0)
        {
            return line;
        }

        var end = digits;
        while (end < line.Length && char.IsAsciiDigit(line[end]))
        {
            end++;
        }

        string[] extremes = ["0", "-1", "65535", "65536", "127", "128", "255", "256", "4294967295", "4294967296", "18446744073709551616", "99999999999999999999999999"];
        return line[..digits] + extremes[random.Next(extremes.Length)] + line[end..];
    }

    private static string RandomText(Random random, int length)
    {
        var text = new StringBuilder(length);
        for (var i = 0; i < length; i++)
        {
            text.Append(random.Next(4) == 0 ? (char)random.Next(0, 0x250) : Alphabet[random.Next(Alphabet.Length)]);
        }

        return text.ToString();
    }
}
