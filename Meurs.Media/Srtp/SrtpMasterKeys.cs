using System.Diagnostics.CodeAnalysis;

namespace Meurs.Media.Srtp;

/// <summary>
/// SrtpMasterKeys is one sender's master key and master salt under a protection profile
/// (RFC 3711 §3.2.1); the session keys are derived from it (RFC 3711 §4.3).
/// </summary>
public sealed class SrtpMasterKeys
{
    private readonly byte[] masterKey;
    private readonly byte[] masterSalt;

    /// <summary>
    /// Creates master keys, copying the bytes.
    /// </summary>
    /// <exception cref="ArgumentException">The profile is unsupported or a length does not match
    /// <see cref="SrtpProfileExtensions"/>.</exception>
    public SrtpMasterKeys(SrtpProfile profile, ReadOnlySpan<byte> masterKey, ReadOnlySpan<byte> masterSalt)
    {
        if (!profile.IsSupported)
        {
            throw new ArgumentException($"Unsupported SRTP profile {profile}.", nameof(profile));
        }

        if (masterKey.Length != profile.MasterKeyLength)
        {
            throw new ArgumentException($"{profile} needs a {profile.MasterKeyLength}-byte master key.", nameof(masterKey));
        }

        if (masterSalt.Length != profile.MasterSaltLength)
        {
            throw new ArgumentException($"{profile} needs a {profile.MasterSaltLength}-byte master salt.", nameof(masterSalt));
        }

        Profile = profile;
        this.masterKey = masterKey.ToArray();
        this.masterSalt = masterSalt.ToArray();
    }

    /// <summary>Profile is the protection profile these keys are for.</summary>
    public SrtpProfile Profile { get; }

    /// <summary>MasterKey is the master key, <see cref="SrtpProfileExtensions"/> MasterKeyLength bytes.</summary>
    public ReadOnlySpan<byte> MasterKey => masterKey;

    /// <summary>MasterSalt is the master salt, MasterSaltLength bytes.</summary>
    public ReadOnlySpan<byte> MasterSalt => masterSalt;

    /// <summary>
    /// DtlsKeyingMaterialLength is how many bytes to export from DTLS with the label
    /// "EXTRACTOR-dtls_srtp" for <paramref name="profile"/>: 2 * (key + salt) (RFC 5764 §4.2).
    /// </summary>
    public static int DtlsKeyingMaterialLength(SrtpProfile profile) =>
        2 * (profile.MasterKeyLength + profile.MasterSaltLength);

    /// <summary>
    /// TrySplitDtlsKeyingMaterial cuts exported DTLS keying material into the client's and the
    /// server's write keys. The layout is client_write_SRTP_master_key | server_write_SRTP_master_key
    /// | client_write_SRTP_master_salt | server_write_SRTP_master_salt (RFC 5764 §4.2).
    /// </summary>
    /// <returns>False if the profile is unsupported or the material is not exactly
    /// <see cref="DtlsKeyingMaterialLength"/> bytes.</returns>
    public static bool TrySplitDtlsKeyingMaterial(
        SrtpProfile profile,
        ReadOnlySpan<byte> material,
        [NotNullWhen(true)] out SrtpMasterKeys? client,
        [NotNullWhen(true)] out SrtpMasterKeys? server)
    {
        client = null;
        server = null;
        if (!profile.IsSupported || material.Length != DtlsKeyingMaterialLength(profile))
        {
            return false;
        }

        var keyLength = profile.MasterKeyLength;
        var saltLength = profile.MasterSaltLength;
        var salts = material[(2 * keyLength)..];
        client = new SrtpMasterKeys(profile, material[..keyLength], salts[..saltLength]);
        server = new SrtpMasterKeys(profile, material.Slice(keyLength, keyLength), salts[saltLength..]);
        return true;
    }
}
