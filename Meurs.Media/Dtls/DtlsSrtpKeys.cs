using Meurs.Media.Srtp;

namespace Meurs.Media.Dtls;

/// <summary>
/// DtlsSrtpKeys is the SRTP keying material exported from a completed DTLS handshake
/// (RFC 5764 §4.2): the profile agreed in the use_srtp extension and the client's and server's
/// master keys and salts. The client protects what it sends with the client key and salt, the
/// server with the server key and salt; each side unprotects with the other's.
/// </summary>
/// <param name="Profile">The agreed profile; its value is the use_srtp identifier (RFC 5764 §4.1.2).</param>
/// <param name="ClientKey">client_write_SRTP_master_key (16 bytes for both profiles).</param>
/// <param name="ClientSalt">client_write_SRTP_master_salt (14 bytes for AES-CM, 12 for GCM).</param>
/// <param name="ServerKey">server_write_SRTP_master_key.</param>
/// <param name="ServerSalt">server_write_SRTP_master_salt.</param>
public sealed record DtlsSrtpKeys(SrtpProfile Profile, byte[] ClientKey, byte[] ClientSalt, byte[] ServerKey, byte[] ServerSalt)
{
    /// <summary>
    /// LocalKey is the master key this endpoint protects outgoing SRTP/SRTCP with.
    /// </summary>
    public byte[] LocalKey(DtlsRole role) => role == DtlsRole.Server ? ServerKey : ClientKey;

    /// <summary>LocalSalt is the master salt that goes with <see cref="LocalKey"/>.</summary>
    public byte[] LocalSalt(DtlsRole role) => role == DtlsRole.Server ? ServerSalt : ClientSalt;

    /// <summary>
    /// RemoteKey is the master key the peer protects its SRTP/SRTCP with, for unprotecting.
    /// </summary>
    public byte[] RemoteKey(DtlsRole role) => role == DtlsRole.Server ? ClientKey : ServerKey;

    /// <summary>RemoteSalt is the master salt that goes with <see cref="RemoteKey"/>.</summary>
    public byte[] RemoteSalt(DtlsRole role) => role == DtlsRole.Server ? ClientSalt : ServerSalt;

    /// <summary>
    /// FromExporterOutput splits the RFC 5705 exporter output (label
    /// <see cref="SrtpSession.DtlsSrtpExporterLabel"/>), laid out as
    /// client key | server key | client salt | server salt (RFC 5764 §4.2).
    /// </summary>
    /// <exception cref="ArgumentException">The profile is unsupported or the length is not
    /// <see cref="SrtpMasterKeys.DtlsKeyingMaterialLength"/>.</exception>
    public static DtlsSrtpKeys FromExporterOutput(SrtpProfile profile, ReadOnlySpan<byte> material)
    {
        if (!profile.IsSupported)
        {
            throw new ArgumentException($"Unsupported SRTP protection profile 0x{(ushort)profile:X4}.", nameof(profile));
        }

        // The split itself is SRTP's (RFC 5764 §4.2), written once.
        if (!SrtpMasterKeys.TrySplitDtlsKeyingMaterial(profile, material, out var client, out var server))
        {
            throw new ArgumentException(
                $"Keying material is {material.Length} bytes; profile {profile} needs {SrtpMasterKeys.DtlsKeyingMaterialLength(profile)}.",
                nameof(material));
        }

        return new DtlsSrtpKeys(
            profile,
            ClientKey: client.MasterKey.ToArray(),
            ClientSalt: client.MasterSalt.ToArray(),
            ServerKey: server.MasterKey.ToArray(),
            ServerSalt: server.MasterSalt.ToArray());
    }
}
