using System.Net;
using System.Security.Cryptography;
using System.Text;
using Meurs.Media.Stun;

namespace Meurs.Tests.Media.Stun;

public sealed class StunRfc5769Tests
{
    private static readonly StunTransactionId SampleTransactionId =
        new([0xB7, 0xE7, 0xA7, 0x01, 0xBC, 0x34, 0xD6, 0x86, 0xFA, 0x87, 0xDF, 0xAE]);

    private static byte[] Key => Encoding.UTF8.GetBytes(Rfc5769Vectors.Password);

    [Fact]
    public void TryParse_SampleRequest_ReadsEveryAttribute()
    {
        Assert.True(StunMessage.TryParse(Rfc5769Vectors.SampleRequest, out var message));

        Assert.Equal(StunMessageType.BindingRequest, message.Type);
        Assert.Equal(SampleTransactionId, message.TransactionId);
        Assert.Equal(
            [
                StunAttributeType.Software, StunAttributeType.Priority, StunAttributeType.IceControlled,
                StunAttributeType.Username, StunAttributeType.MessageIntegrity, StunAttributeType.Fingerprint,
            ],
            message.Attributes.Select(a => a.Type));
        Assert.True(message.TryGetSoftware(out var software));
        Assert.Equal("STUN test client", software);
        Assert.True(message.TryGetPriority(out var priority));
        Assert.Equal(0x6E0001FFu, priority);
        Assert.True(message.TryGetIceControlled(out var tieBreaker));
        Assert.Equal(0x932FF9B151263B36ul, tieBreaker);
        Assert.False(message.TryGetIceControlling(out _));
        Assert.True(message.TryGetUsername(out var username));
        Assert.Equal("evtj:h6vY", username);
        Assert.False(message.HasUseCandidate);
    }

    [Theory]
    [MemberData(nameof(ShortTermVectors))]
    public void Verify_ShortTermVector_IntegrityAndFingerprintHold(byte[] vector)
    {
        Assert.True(StunMessage.TryParse(vector, out var message));

        Assert.True(message.VerifyMessageIntegrity(Key));
        Assert.True(message.VerifyFingerprint());
        Assert.False(message.VerifyMessageIntegrity("VOkJxbRl1RmTxUk/WvJxBu"u8));
        Assert.False(message.VerifyMessageIntegritySha256(Key));
    }

    [Fact]
    public void TryParse_SampleIPv4Response_ReadsMappedAddress()
    {
        Assert.True(StunMessage.TryParse(Rfc5769Vectors.SampleIPv4Response, out var message));

        Assert.Equal(StunMessageType.BindingSuccessResponse, message.Type);
        Assert.Equal(SampleTransactionId, message.TransactionId);
        Assert.True(message.TryGetSoftware(out var software));
        Assert.Equal("test vector", software);
        Assert.True(message.TryGetXorMappedAddress(out var mapped));
        Assert.Equal(new IPEndPoint(IPAddress.Parse("192.0.2.1"), 32853), mapped);
    }

    [Fact]
    public void TryParse_SampleIPv6Response_ReadsMappedAddress()
    {
        Assert.True(StunMessage.TryParse(Rfc5769Vectors.SampleIPv6Response, out var message));

        Assert.Equal(StunMessageType.BindingSuccessResponse, message.Type);
        Assert.True(message.TryGetXorMappedAddress(out var mapped));
        Assert.Equal(new IPEndPoint(IPAddress.Parse("2001:db8:1234:5678:11:2233:4455:6677"), 32853), mapped);
    }

    [Fact]
    public void StunWriter_SampleRequestAttributes_ReproducesVector()
    {
        var buffer = new byte[256];
        var writer = new StunWriter(buffer, StunMessageType.BindingRequest, SampleTransactionId, paddingByte: 0x20);
        writer.AddSoftware("STUN test client");
        writer.AddPriority(0x6E0001FF);
        writer.AddIceControlled(0x932FF9B151263B36);
        writer.AddUsername("evtj:h6vY");
        writer.AddMessageIntegrity(Key);
        writer.AddFingerprint();

        Assert.Equal(Convert.ToHexString(Rfc5769Vectors.SampleRequest), Convert.ToHexString(writer.Written));
    }

    [Fact]
    public void StunWriter_SampleIPv4ResponseAttributes_ReproducesVector()
    {
        var buffer = new byte[256];
        var writer = new StunWriter(buffer, StunMessageType.BindingSuccessResponse, SampleTransactionId, paddingByte: 0x20);
        writer.AddSoftware("test vector");
        writer.AddXorMappedAddress(new IPEndPoint(IPAddress.Parse("192.0.2.1"), 32853));
        writer.AddMessageIntegrity(Key);
        writer.AddFingerprint();

        Assert.Equal(Convert.ToHexString(Rfc5769Vectors.SampleIPv4Response), Convert.ToHexString(writer.Written));
    }

    [Fact]
    public void StunWriter_SampleIPv6ResponseAttributes_ReproducesVector()
    {
        var buffer = new byte[256];
        var writer = new StunWriter(buffer, StunMessageType.BindingSuccessResponse, SampleTransactionId, paddingByte: 0x20);
        writer.AddSoftware("test vector");
        writer.AddXorMappedAddress(new IPEndPoint(IPAddress.Parse("2001:db8:1234:5678:11:2233:4455:6677"), 32853));
        writer.AddMessageIntegrity(Key);
        writer.AddFingerprint();

        Assert.Equal(Convert.ToHexString(Rfc5769Vectors.SampleIPv6Response), Convert.ToHexString(writer.Written));
    }

    [Fact]
    public void TryParse_SampleLongTermRequest_VerifiesWithLongTermKey()
    {
        Assert.True(StunMessage.TryParse(Rfc5769Vectors.SampleLongTermRequest, out var message));

        Assert.True(message.TryGetUsername(out var username));
        Assert.Equal("\u30DE\u30C8\u30EA\u30C3\u30AF\u30B9", username);
        Assert.True(message.TryGetAttribute(StunAttributeType.Realm, out var realm));
        Assert.Equal("example.org", Encoding.UTF8.GetString(realm.Span));
        Assert.True(message.TryGetAttribute(StunAttributeType.Nonce, out var nonce));
        Assert.Equal("f//499k954d6OL34oL9FSTvy64sA", Encoding.UTF8.GetString(nonce.Span));
        Assert.False(message.HasFingerprint);
        Assert.False(message.VerifyFingerprint());
        Assert.True(message.VerifyMessageIntegrity(LongTermKey(username, "example.org", "TheMatrIX")));
        Assert.False(message.VerifyMessageIntegrity(LongTermKey(username, "example.org", "TheMatrix")));
    }

    [Fact]
    public void StunWriter_SampleLongTermRequestAttributes_ReproducesVector()
    {
        var username = "\u30DE\u30C8\u30EA\u30C3\u30AF\u30B9";
        var buffer = new byte[256];
        var writer = new StunWriter(
            buffer,
            StunMessageType.BindingRequest,
            new StunTransactionId([0x78, 0xAD, 0x34, 0x33, 0xC6, 0xAD, 0x72, 0xC0, 0x29, 0xDA, 0x41, 0x2E]));
        writer.AddUsername(username);
        writer.AddAttribute(StunAttributeType.Nonce, "f//499k954d6OL34oL9FSTvy64sA"u8);
        writer.AddAttribute(StunAttributeType.Realm, "example.org"u8);
        writer.AddMessageIntegrity(LongTermKey(username, "example.org", "TheMatrIX"));

        Assert.Equal(Convert.ToHexString(Rfc5769Vectors.SampleLongTermRequest), Convert.ToHexString(writer.Written));
    }

    [Theory]
    [MemberData(nameof(ShortTermVectors))]
    public void Verify_AnyByteFlippedBeforeFingerprint_FailsIntegrityOrFingerprint(byte[] vector)
    {
        // Every byte before FINGERPRINT is covered by it, and every byte before
        // MESSAGE-INTEGRITY by both; a flip must be caught unless it breaks parsing outright.
        for (var i = 0; i < vector.Length - 8; i++)
        {
            var copy = vector.ToArray();
            copy[i] ^= 0x01;
            if (!StunMessage.TryParse(copy, out var message))
            {
                continue;
            }

            Assert.False(message.VerifyFingerprint(), $"byte {i}");
            if (i < vector.Length - 32)
            {
                Assert.False(message.VerifyMessageIntegrity(Key), $"byte {i}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(ShortTermVectors))]
    public void Verify_PaddingBytesChanged_FingerprintFailsButParsingAgrees(byte[] vector)
    {
        // Padding is covered by the CRC and HMAC like any byte, yet its value means nothing:
        // the parsed attributes must be the same whichever padding the sender chose.
        var zeroPadded = vector.ToArray();
        for (var i = 0; i < zeroPadded.Length; i++)
        {
            if (zeroPadded[i] == 0x20 && IsPadding(vector, i))
            {
                zeroPadded[i] = 0x00;
            }
        }

        Assert.True(StunMessage.TryParse(vector, out var original));
        Assert.True(StunMessage.TryParse(zeroPadded, out var changed));
        Assert.Equal(original.Attributes.Where(a => a.Type != StunAttributeType.MessageIntegrity && a.Type != StunAttributeType.Fingerprint),
            changed.Attributes.Where(a => a.Type != StunAttributeType.MessageIntegrity && a.Type != StunAttributeType.Fingerprint));
        if (!zeroPadded.SequenceEqual(vector))
        {
            Assert.False(changed.VerifyFingerprint());
        }
    }

    public static TheoryData<byte[]> ShortTermVectors => new()
    {
        Rfc5769Vectors.SampleRequest,
        Rfc5769Vectors.SampleIPv4Response,
        Rfc5769Vectors.SampleIPv6Response,
    };

    // RFC 8489 §9.2.2: key = MD5(username ":" OpaqueString(realm) ":" OpaqueString(password)).
#pragma warning disable CA5351 // MD5 is what the long-term mechanism specifies; tests only.
    private static byte[] LongTermKey(string username, string realm, string password) =>
        MD5.HashData(Encoding.UTF8.GetBytes($"{username}:{realm}:{password}"));
#pragma warning restore CA5351

    // Whether byte i of a vector lies in an attribute's padding, by walking the attributes.
    private static bool IsPadding(byte[] vector, int index)
    {
        var position = 20;
        while (position + 4 <= vector.Length)
        {
            var length = (vector[position + 2] << 8) | vector[position + 3];
            var valueEnd = position + 4 + length;
            var paddedEnd = position + 4 + ((length + 3) & ~3);
            if (index >= valueEnd && index < paddedEnd)
            {
                return true;
            }

            position = paddedEnd;
        }

        return false;
    }
}
