namespace Meurs.Media.Srtp;

/// <summary>
/// SrtpKeyDerivation is the SRTP key derivation function with the AES-CM PRF and a key
/// derivation rate of zero (RFC 3711 §4.3.1, §4.3.3), which RFC 7714 §11 reuses for AES-GCM.
/// </summary>
public static class SrtpKeyDerivation
{
    /// <summary>MaxMasterSaltLength is the widest master salt the KDF takes, 112 bits.</summary>
    public const int MaxMasterSaltLength = 14;

    /// <summary>
    /// DeriveSessionKey fills <paramref name="output"/> with the session key or salt that
    /// <paramref name="label"/> selects: the AES-CM keystream under the master key with
    /// IV = (master_salt XOR (label || r)) * 2^16, where r = 0 because kdr = 0.
    /// </summary>
    /// <param name="masterKey">The 16, 24 or 32-byte master key.</param>
    /// <param name="masterSalt">Up to 14 bytes; a 12-byte GCM salt is left-aligned and
    /// zero-padded, as RFC 7714 §11 has it.</param>
    /// <param name="label">Which key to derive.</param>
    /// <param name="output">Receives as many bytes as it is long.</param>
    /// <exception cref="ArgumentException">The key or salt has a length the KDF does not take.</exception>
    public static void DeriveSessionKey(
        ReadOnlySpan<byte> masterKey, ReadOnlySpan<byte> masterSalt, SrtpKeyLabel label, Span<byte> output)
    {
        using var prf = new AesCounterMode(masterKey);
        DeriveSessionKey(prf, masterSalt, label, output);
    }

    internal static void DeriveSessionKey(
        AesCounterMode prf, ReadOnlySpan<byte> masterSalt, SrtpKeyLabel label, Span<byte> output)
    {
        if (masterSalt.Length > MaxMasterSaltLength)
        {
            throw new ArgumentException("The master salt is at most 14 bytes.", nameof(masterSalt));
        }

        // key_id = label || r is 56 bits wide and right-aligned in the 112-bit x, so with r = 0
        // the label lands on byte 7; the low 16 bits stay zero for the block counter.
        Span<byte> iv = stackalloc byte[AesCounterMode.BlockSize];
        iv.Clear();
        masterSalt.CopyTo(iv);
        iv[7] ^= (byte)label;

        output.Clear();
        prf.Transform(iv, output, output);
    }
}
