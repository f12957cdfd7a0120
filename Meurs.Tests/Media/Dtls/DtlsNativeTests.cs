namespace Meurs.Tests.Media.Dtls;

/// <summary>
/// Tests that allocate OpenSSL objects run one at a time and apart from everything else, so the
/// process-wide live-handle count and the resident memory they assert on are theirs alone.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class DtlsNativeTests
{
    public const string Name = "Dtls native";
}
