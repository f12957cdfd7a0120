using System.Net;
using System.Text;
using Meurs.Media.Dtls;
using Meurs.Media.Sdp;

namespace Meurs.Fuzz.Targets;

/// <summary>
/// SdpTarget takes the bytes as UTF-8 text and does what the call socket does with a publish offer (CallRouter):
/// parse (RFC 8866), extract the remote transport parameters, and build the SFU's answer (RFC 8829 §5.3). A description
/// that parses must also survive its own <c>ToString</c>: written and read again it is the same text.
/// </summary>
internal static class SdpTarget
{
    private static readonly SdpLocalTransport Local = SdpLocalTransport.WithHostCandidates(
        "sfu1", "0123456789abcdefABCDEF+/", DtlsFingerprint.Compute(DtlsFingerprint.Sha256, "abc"u8), [new IPEndPoint(IPAddress.Loopback, 40000)]);

    /// <inheritdoc cref="FuzzAction"/>
    public static void Run(ReadOnlySpan<byte> input)
    {
        var text = Encoding.UTF8.GetString(input);
        if (!SessionDescription.TryParse(text, out var description, out var error))
        {
            InvariantViolationException.Check(!string.IsNullOrEmpty(error), "a refusal without a reason");
            return;
        }

        var written = description.ToString();
        if (!SessionDescription.TryParse(written, out var again, out error))
        {
            throw new InvariantViolationException($"its own output does not parse: {error}");
        }

        InvariantViolationException.Check(again.ToString() == written, "writing is not stable");
        if (SdpRemoteParameters.TryExtract(description, out var remote, out _))
        {
            _ = remote.FindByMid("0");
            if (new SdpAnswerBuilder(SdpServerCapabilities.Sfu, Local) { SessionId = 1, SessionVersion = 1 }.TryBuild(description, out var answer, out _))
            {
                InvariantViolationException.Check(SessionDescription.TryParse(answer.ToString(), out _, out error), $"the answer does not parse: {error}");
            }
        }
    }
}
