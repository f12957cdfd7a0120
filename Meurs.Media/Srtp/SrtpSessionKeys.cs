namespace Meurs.Media.Srtp;

/// <summary>
/// SrtpSessionKeys is one sender's derived session keys: encryption key, salt and (for HMAC
/// profiles) authentication key, for SRTP and for SRTCP (RFC 3711 §4.3, RFC 7714 §11).
/// </summary>
public sealed class SrtpSessionKeys
{
    private readonly byte[] srtpEncryptionKey;
    private readonly byte[] srtpSalt;
    private readonly byte[] srtpAuthenticationKey;
    private readonly byte[] srtcpEncryptionKey;
    private readonly byte[] srtcpSalt;
    private readonly byte[] srtcpAuthenticationKey;

    /// <summary>
    /// Creates session keys from given bytes (copied), for keys negotiated outside SRTP's KDF or
    /// for test vectors that start after derivation.
    /// </summary>
    /// <exception cref="ArgumentException">The profile is unsupported or a length does not match
    /// it (authentication keys are empty for AEAD profiles).</exception>
    public SrtpSessionKeys(
        SrtpProfile profile,
        ReadOnlySpan<byte> srtpEncryptionKey,
        ReadOnlySpan<byte> srtpSalt,
        ReadOnlySpan<byte> srtpAuthenticationKey,
        ReadOnlySpan<byte> srtcpEncryptionKey,
        ReadOnlySpan<byte> srtcpSalt,
        ReadOnlySpan<byte> srtcpAuthenticationKey)
    {
        if (!profile.IsSupported)
        {
            throw new ArgumentException($"Unsupported SRTP profile {profile}.", nameof(profile));
        }

        Profile = profile;
        this.srtpEncryptionKey = Checked(srtpEncryptionKey, profile.MasterKeyLength, nameof(srtpEncryptionKey));
        this.srtpSalt = Checked(srtpSalt, profile.MasterSaltLength, nameof(srtpSalt));
        this.srtpAuthenticationKey = Checked(srtpAuthenticationKey, profile.AuthenticationKeyLength, nameof(srtpAuthenticationKey));
        this.srtcpEncryptionKey = Checked(srtcpEncryptionKey, profile.MasterKeyLength, nameof(srtcpEncryptionKey));
        this.srtcpSalt = Checked(srtcpSalt, profile.MasterSaltLength, nameof(srtcpSalt));
        this.srtcpAuthenticationKey = Checked(srtcpAuthenticationKey, profile.AuthenticationKeyLength, nameof(srtcpAuthenticationKey));
    }

    /// <summary>Profile is the protection profile these keys are for.</summary>
    public SrtpProfile Profile { get; }

    /// <summary>SrtpEncryptionKey is k_e for SRTP (label 0x00), 16 bytes.</summary>
    public ReadOnlySpan<byte> SrtpEncryptionKey => srtpEncryptionKey;

    /// <summary>SrtpSalt is k_s for SRTP (label 0x02): 14 bytes for AES-CM, 12 for AES-GCM.</summary>
    public ReadOnlySpan<byte> SrtpSalt => srtpSalt;

    /// <summary>SrtpAuthenticationKey is k_a for SRTP (label 0x01): 20 bytes, empty for AEAD.</summary>
    public ReadOnlySpan<byte> SrtpAuthenticationKey => srtpAuthenticationKey;

    /// <summary>SrtcpEncryptionKey is the SRTCP encryption key (label 0x03), 16 bytes.</summary>
    public ReadOnlySpan<byte> SrtcpEncryptionKey => srtcpEncryptionKey;

    /// <summary>SrtcpSalt is the SRTCP salt (label 0x05), as long as <see cref="SrtpSalt"/>.</summary>
    public ReadOnlySpan<byte> SrtcpSalt => srtcpSalt;

    /// <summary>SrtcpAuthenticationKey is the SRTCP HMAC key (label 0x04): 20 bytes, empty for AEAD.</summary>
    public ReadOnlySpan<byte> SrtcpAuthenticationKey => srtcpAuthenticationKey;

    /// <summary>
    /// Derive runs the key derivation for every session key of <paramref name="master"/>'s
    /// profile, with kdr = 0 (RFC 3711 §4.3.1).
    /// </summary>
    public static SrtpSessionKeys Derive(SrtpMasterKeys master)
    {
        ArgumentNullException.ThrowIfNull(master);
        var profile = master.Profile;
        using var prf = new AesCounterMode(master.MasterKey);

        byte[] Make(SrtpKeyLabel label, int length)
        {
            var key = new byte[length];
            SrtpKeyDerivation.DeriveSessionKey(prf, master.MasterSalt, label, key);
            return key;
        }

        return new SrtpSessionKeys(
            profile,
            Make(SrtpKeyLabel.SrtpEncryption, profile.MasterKeyLength),
            Make(SrtpKeyLabel.SrtpSalt, profile.MasterSaltLength),
            Make(SrtpKeyLabel.SrtpAuthentication, profile.AuthenticationKeyLength),
            Make(SrtpKeyLabel.SrtcpEncryption, profile.MasterKeyLength),
            Make(SrtpKeyLabel.SrtcpSalt, profile.MasterSaltLength),
            Make(SrtpKeyLabel.SrtcpAuthentication, profile.AuthenticationKeyLength));
    }

    private static byte[] Checked(ReadOnlySpan<byte> bytes, int length, string name) =>
        bytes.Length == length
            ? bytes.ToArray()
            : throw new ArgumentException($"Expected {length} bytes.", name);
}
