namespace Meurs.Fuzz;

/// <summary>One parser's harness: it runs the parser on any bytes and throws only when the parser broke its contract.</summary>
/// <param name="input">What afl-fuzz wrote: a datagram, a description or a socket message.</param>
internal delegate void FuzzAction(ReadOnlySpan<byte> input);

/// <summary>
/// FuzzTarget names a harness for <c>fuzz/run.sh</c>. Every exception that escapes <see cref="Run"/> is a finding: the
/// parsers answer bad input with false or a refusal and never throw, and the harness turns a broken round trip or a
/// length that does not add up into <see cref="InvariantViolationException"/>.
/// </summary>
/// <param name="Name">The name on the command line (<c>stun</c>, <c>rtp</c>, ...).</param>
/// <param name="Assemblies">The assemblies sharpfuzz instruments for this target: only their branches guide afl.</param>
/// <param name="Run">The harness.</param>
internal sealed record FuzzTarget(string Name, string[] Assemblies, FuzzAction Run)
{
    /// <summary>All harnesses, one per parser.</summary>
    public static readonly FuzzTarget[] All =
    [
        new("stun", ["Meurs.Media.dll"], Targets.StunTarget.Run),
        new("rtp", ["Meurs.Media.dll"], Targets.RtpTarget.Run),
        new("rtcp", ["Meurs.Media.dll"], Targets.RtcpTarget.Run),
        new("sdp", ["Meurs.Media.dll"], Targets.SdpTarget.Run),
        new("dtls", ["Meurs.Media.dll"], Targets.DtlsRecordTarget.Run),
        new("json", ["meurs.dll"], Targets.JsonCommandTarget.Run),
    ];

    /// <summary>Find is the harness called <paramref name="name"/>, or null.</summary>
    public static FuzzTarget? Find(string name) => All.FirstOrDefault(t => t.Name == name);
}
