using System.Buffers.Binary;
using System.Numerics;
using System.Security.Cryptography;

namespace Meurs.Media.Srtp;

/// <summary>
/// AesCounterMode is AES in counter mode as SRTP uses it (RFC 3711 §4.1.1): block i of the
/// keystream is AES_k(IV + i mod 2^128), XORed onto the data. It is also the PRF of the SRTP key
/// derivation (RFC 3711 §4.3.3).
/// </summary>
/// <remarks>
/// Counter blocks go through one reusable ECB transform in chunks, because <c>Aes.EncryptEcb</c>
/// creates a native cipher context per call and this runs once per packet. An instance is not
/// thread-safe.
/// </remarks>
public sealed class AesCounterMode : IDisposable
{
    /// <summary>BlockSize is the AES block and counter size in bytes.</summary>
    public const int BlockSize = 16;

    private const int ChunkBlocks = 64;

    private readonly Aes aes;
    private readonly ICryptoTransform ecb;
    private readonly byte[] counters = new byte[ChunkBlocks * BlockSize];
    private readonly byte[] keystream = new byte[ChunkBlocks * BlockSize];

    /// <summary>
    /// Creates a counter-mode cipher for an AES key of 16, 24 or 32 bytes.
    /// </summary>
    /// <exception cref="ArgumentException">The key is not 16, 24 or 32 bytes.</exception>
    public AesCounterMode(ReadOnlySpan<byte> key)
    {
        if (key.Length is not (16 or 24 or 32))
        {
            throw new ArgumentException("An AES key is 16, 24 or 32 bytes.", nameof(key));
        }

        aes = Aes.Create();
        aes.Mode = CipherMode.ECB;
        aes.Padding = PaddingMode.None;
        var keyCopy = key.ToArray();
        ecb = aes.CreateEncryptor(keyCopy, null);
        CryptographicOperations.ZeroMemory(keyCopy);
    }

    /// <summary>
    /// Transform XORs the keystream that starts at <paramref name="initialCounter"/> onto
    /// <paramref name="input"/>, writing <c>input.Length</c> bytes to <paramref name="output"/>.
    /// Encryption and decryption are the same operation.
    /// </summary>
    /// <param name="initialCounter">The 16-byte IV, big-endian; block i uses IV + i.</param>
    /// <param name="input">The data; may be the very same memory as <paramref name="output"/>.</param>
    /// <param name="output">At least <c>input.Length</c> bytes.</param>
    /// <exception cref="ArgumentException">The IV is not 16 bytes or the output is too short.</exception>
    public void Transform(ReadOnlySpan<byte> initialCounter, ReadOnlySpan<byte> input, Span<byte> output)
    {
        if (initialCounter.Length != BlockSize)
        {
            throw new ArgumentException("The initial counter is one 16-byte block.", nameof(initialCounter));
        }

        if (output.Length < input.Length)
        {
            throw new ArgumentException("The output is shorter than the input.", nameof(output));
        }

        var counter = BinaryPrimitives.ReadUInt128BigEndian(initialCounter);
        var offset = 0;
        while (offset < input.Length)
        {
            var count = Math.Min(input.Length - offset, counters.Length);
            var blocks = (count + BlockSize - 1) / BlockSize;
            for (var block = 0; block < blocks; block++)
            {
                BinaryPrimitives.WriteUInt128BigEndian(counters.AsSpan(block * BlockSize), counter);
                counter++;
            }

            ecb.TransformBlock(counters, 0, blocks * BlockSize, keystream, 0);
            Xor(input.Slice(offset, count), keystream, output.Slice(offset, count));
            offset += count;
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        ecb.Dispose();
        aes.Dispose();
        CryptographicOperations.ZeroMemory(keystream);
    }

    private static void Xor(ReadOnlySpan<byte> data, ReadOnlySpan<byte> key, Span<byte> output)
    {
        var index = 0;
        var width = Vector<byte>.Count;
        if (Vector.IsHardwareAccelerated)
        {
            for (; index + width <= data.Length; index += width)
            {
                var mixed = new Vector<byte>(data[index..]) ^ new Vector<byte>(key[index..]);
                mixed.CopyTo(output[index..]);
            }
        }

        for (; index < data.Length; index++)
        {
            output[index] = (byte)(data[index] ^ key[index]);
        }
    }
}
