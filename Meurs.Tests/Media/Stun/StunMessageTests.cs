using System.Buffers.Binary;
using System.Net;
using FsCheck;
using FsCheck.Fluent;
using Meurs.Media.Stun;
using Meurs.Tests.Support;

namespace Meurs.Tests.Media.Stun;

public sealed class StunMessageTests
{
    private static readonly StunTransactionId Id =
        new([0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0A, 0x0B, 0x0C]);

    private static readonly byte[] Key = "0123456789abcdefghijkl"u8.ToArray();

    [Theory]
    [InlineData(StunClass.Request, 0x001, 0x0001)]
    [InlineData(StunClass.Indication, 0x001, 0x0011)]
    [InlineData(StunClass.SuccessResponse, 0x001, 0x0101)]
    [InlineData(StunClass.ErrorResponse, 0x001, 0x0111)]
    [InlineData(StunClass.Request, 0x003, 0x0003)]           // TURN Allocate
    [InlineData(StunClass.ErrorResponse, 0x003, 0x0113)]
    [InlineData(StunClass.Request, 0xFFF, 0x3EEF)]           // every method bit, no class bit
    [InlineData(StunClass.ErrorResponse, 0x000, 0x0110)]     // the class bits alone
    public void StunMessageType_KnownTypes_EncodeAsRfc8489Figure3(StunClass @class, int method, int value)
    {
        var type = new StunMessageType(@class, (StunMethod)method);

        Assert.Equal((ushort)value, type.ToValue());
        Assert.True(StunMessageType.TryFromValue((ushort)value, out var parsed));
        Assert.Equal(type, parsed);
    }

    [Fact]
    public void StunMessageType_Every14BitValue_RoundTrips()
    {
        for (var value = 0; value < 0x4000; value++)
        {
            Assert.True(StunMessageType.TryFromValue((ushort)value, out var type));
            Assert.Equal((ushort)value, type.ToValue());
        }
    }

    [Theory]
    [InlineData(0x4001)]
    [InlineData(0x8001)]
    [InlineData(0xC000)]
    public void StunMessageType_TopBitSet_IsRejected(int value)
    {
        Assert.False(StunMessageType.TryFromValue((ushort)value, out _));
    }

    [Fact]
    public void StunMessageType_MethodOver12Bits_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new StunMessageType(StunClass.Request, (StunMethod)0x1000).ToValue());
    }

    [Fact]
    public void TryParse_HeaderOnly_HasNoAttributes()
    {
        byte[] header =
        [
            0x00, 0x11, 0x00, 0x00,                     // Binding indication, length 0
            0x21, 0x12, 0xA4, 0x42,                     // magic cookie
            0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0A, 0x0B, 0x0C,
        ];

        Assert.True(StunMessage.TryParse(header, out var message));
        Assert.Equal(StunMessageType.BindingIndication, message.Type);
        Assert.Equal(Id, message.TransactionId);
        Assert.Empty(message.Attributes);
        Assert.False(message.HasMessageIntegrity);
        Assert.False(message.VerifyMessageIntegrity(Key));
        Assert.False(message.VerifyFingerprint());
    }

    [Fact]
    public void TryParse_TrailingBytesAfterMessage_AreIgnored()
    {
        byte[] datagram = [.. Rfc5769Vectors.SampleIPv4Response, 0xDE, 0xAD, 0xBE, 0xEF];

        Assert.True(StunMessage.TryParse(datagram, out var message));
        Assert.Equal(Rfc5769Vectors.SampleIPv4Response, message.Raw.ToArray());
        Assert.True(message.VerifyFingerprint());
    }

    public static TheoryData<string, byte[]> Malformed => new()
    {
        { "empty", [] },
        { "19 bytes", Rfc5769Vectors.SampleRequest[..19] },
        { "top bit of type", With(Rfc5769Vectors.SampleRequest, 0, 0x80) },
        { "second bit of type", With(Rfc5769Vectors.SampleRequest, 0, 0x40) },
        { "wrong cookie", With(Rfc5769Vectors.SampleRequest, 7, 0x43) },
        { "length not multiple of 4", With(Rfc5769Vectors.SampleRequest, 3, 0x59) },
        { "length beyond datagram", With(Rfc5769Vectors.SampleRequest, 3, 0x5C) },
        { "length 0xFFFC", With(With(Rfc5769Vectors.SampleRequest, 2, 0xFF), 3, 0xFC) },
        { "truncated by 4", Rfc5769Vectors.SampleRequest[..^4] },
        // SOFTWARE's length 0x0010 becomes 0x0110, more than the 88-byte message holds.
        { "attribute longer than message", With(Rfc5769Vectors.SampleRequest, 22, 0x01) },
        { "attribute after fingerprint", Append(Rfc5769Vectors.SampleIPv4Response, [0x80, 0x22, 0x00, 0x00]) },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void TryParse_Malformed_ReturnsFalse(string why, byte[] datagram)
    {
        Assert.False(StunMessage.TryParse(datagram, out var message), why);
        Assert.Null(message);
    }

    [Fact]
    public void TryParse_AttributeAfterMessageIntegrity_IsIgnored()
    {
        // RFC 8489 §14.5: receivers ignore everything after MESSAGE-INTEGRITY except
        // MESSAGE-INTEGRITY-SHA256 and FINGERPRINT; here a USE-CANDIDATE slipped in after it
        // would otherwise nominate a pair without being authenticated.
        var buffer = new byte[256];
        var writer = new StunWriter(buffer, StunMessageType.BindingRequest, Id);
        writer.AddUsername("a:b");
        writer.AddMessageIntegrity(Key);
        var withoutTail = writer.ToArray();
        byte[] datagram = [.. withoutTail, 0x00, 0x25, 0x00, 0x00];
        BinaryPrimitives.WriteUInt16BigEndian(datagram.AsSpan(2), (ushort)(datagram.Length - 20));

        Assert.True(StunMessage.TryParse(datagram, out var message));
        Assert.False(message.HasUseCandidate);
        Assert.Equal([StunAttributeType.Username, StunAttributeType.MessageIntegrity], message.Attributes.Select(a => a.Type));
        Assert.True(message.VerifyMessageIntegrity(Key));
        Assert.False(StunReader.TryFindAttribute(datagram, StunAttributeType.UseCandidate, out _));
    }

    [Fact]
    public void StunWriter_IntegritySha256ThenFingerprint_AllVerify()
    {
        var buffer = new byte[256];
        var writer = new StunWriter(buffer, StunMessageType.BindingRequest, Id);
        writer.AddUsername("a:b");
        writer.AddMessageIntegrity(Key);
        writer.AddMessageIntegritySha256(Key);
        writer.AddFingerprint();

        Assert.True(StunMessage.TryParse(writer.Written, out var message));
        Assert.True(message.VerifyMessageIntegrity(Key));
        Assert.True(message.VerifyMessageIntegritySha256(Key));
        Assert.True(message.VerifyFingerprint());
        Assert.False(message.VerifyMessageIntegritySha256("other"u8));
    }

    [Fact]
    public void VerifyMessageIntegritySha256_Truncated16Bytes_Verifies()
    {
        // §14.6 allows truncation to 16 bytes: compute the full HMAC then keep the first 16.
        var full = new byte[256];
        var writer = new StunWriter(full, StunMessageType.BindingRequest, Id);
        writer.AddUsername("a:b");
        writer.AddMessageIntegritySha256(Key);
        var fullMessage = writer.ToArray();

        var header = fullMessage[..20];
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(2), (ushort)(fullMessage.Length - 20 - 16));
        var body = fullMessage[20..^36];
        var hmac = System.Security.Cryptography.HMACSHA256.HashData(Key, (byte[])[.. header, .. body]);
        byte[] truncated = [.. header, .. body, 0x00, 0x1C, 0x00, 0x10, .. hmac[..16]];

        Assert.True(StunMessage.TryParse(truncated, out var message));
        Assert.True(message.VerifyMessageIntegritySha256(Key));
    }

    [Fact]
    public void VerifyMessageIntegrity_WrongLengthAttribute_IsFalse()
    {
        var buffer = new byte[256];
        var writer = new StunWriter(buffer, StunMessageType.BindingRequest, Id);
        writer.AddAttribute(StunAttributeType.MessageIntegrity, new byte[16]);

        Assert.True(StunMessage.TryParse(writer.Written, out var message));
        Assert.True(message.HasMessageIntegrity);
        Assert.False(message.VerifyMessageIntegrity(Key));
    }

    [Fact]
    public void StunWriter_AttributeAfterIntegrity_Throws()
    {
        var buffer = new byte[256];
        var writer = new StunWriter(buffer, StunMessageType.BindingRequest, Id);
        writer.AddMessageIntegrity(Key);
        var threw = false;
        try
        {
            writer.AddUseCandidate();
        }
        catch (InvalidOperationException)
        {
            threw = true;
        }

        Assert.True(threw);
    }

    [Fact]
    public void StunWriter_AnythingAfterFingerprint_Throws()
    {
        var buffer = new byte[256];
        var writer = new StunWriter(buffer, StunMessageType.BindingRequest, Id);
        writer.AddFingerprint();
        var threw = false;
        try
        {
            writer.AddMessageIntegrity(Key);
        }
        catch (InvalidOperationException)
        {
            threw = true;
        }

        Assert.True(threw);
    }

    [Fact]
    public void StunWriter_BufferTooSmall_Throws()
    {
        var buffer = new byte[27];
        var writer = new StunWriter(buffer, StunMessageType.BindingRequest, Id);
        var threw = false;
        try
        {
            writer.AddPriority(1);
        }
        catch (ArgumentException)
        {
            threw = true;
        }

        Assert.True(threw);
        Assert.Equal(20, writer.Length);
    }

    [Fact]
    public void StunWriter_ErrorCodeAndUnknownAttributes_AnnotatedBytes()
    {
        var buffer = new byte[256];
        var writer = new StunWriter(buffer, StunMessageType.BindingErrorResponse, Id);
        writer.AddErrorCode(420, "Unknown Attribute");
        writer.AddUnknownAttributes([(StunAttributeType)0x0031, (StunAttributeType)0x7FFF, (StunAttributeType)0x0002]);

        byte[] expected =
        [
            0x01, 0x11, 0x00, 0x28,                     // Binding error response, length 40
            0x21, 0x12, 0xA4, 0x42,                     // magic cookie
            0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0A, 0x0B, 0x0C,
            0x00, 0x09, 0x00, 0x15,                     // ERROR-CODE, length 21
            0x00, 0x00, 0x04, 0x14,                     // class 4, number 20
            0x55, 0x6E, 0x6B, 0x6E,                     // "Unkn"
            0x6F, 0x77, 0x6E, 0x20,                     // "own "
            0x41, 0x74, 0x74, 0x72,                     // "Attr"
            0x69, 0x62, 0x75, 0x74,                     // "ibut"
            0x65, 0x00, 0x00, 0x00,                     // "e" + 3 bytes padding
            0x00, 0x0A, 0x00, 0x06,                     // UNKNOWN-ATTRIBUTES, length 6
            0x00, 0x31, 0x7F, 0xFF,                     // 0x0031, 0x7FFF
            0x00, 0x02, 0x00, 0x00,                     // 0x0002 + 2 bytes padding
        ];
        Assert.Equal(Convert.ToHexString(expected), Convert.ToHexString(writer.Written));

        Assert.True(StunMessage.TryParse(expected, out var message));
        Assert.True(message.TryGetErrorCode(out var code, out var reason));
        Assert.Equal(420, code);
        Assert.Equal("Unknown Attribute", reason);
        Assert.True(message.TryGetUnknownAttributes(out var unknown));
        Assert.Equal([(StunAttributeType)0x0031, (StunAttributeType)0x7FFF, (StunAttributeType)0x0002], unknown);
    }

    [Theory]
    [InlineData(new byte[] { 0x00, 0x00, 0x02, 0x63 }, false)] // class 2: below 3
    [InlineData(new byte[] { 0x00, 0x00, 0x07, 0x00 }, false)] // class 7: above 6
    [InlineData(new byte[] { 0x00, 0x00, 0x04, 0x64 }, false)] // number 100
    [InlineData(new byte[] { 0x00, 0x00, 0x04 }, false)]       // 3 bytes
    [InlineData(new byte[] { 0x00, 0x00, 0x04, 0x01, 0xFF }, false)] // reason not UTF-8
    [InlineData(new byte[] { 0xFF, 0xFF, 0xFE, 0x01 }, true)]  // reserved bits ignored: 601
    public void TryGetErrorCode_EdgeValues(byte[] value, bool valid)
    {
        var buffer = new byte[64];
        var writer = new StunWriter(buffer, StunMessageType.BindingErrorResponse, Id);
        writer.AddAttribute(StunAttributeType.ErrorCode, value);

        Assert.True(StunMessage.TryParse(writer.Written, out var message));
        Assert.Equal(valid, message.TryGetErrorCode(out var code, out _));
        if (valid)
        {
            Assert.Equal(601, code);
        }
    }

    [Theory]
    [InlineData(new byte[] { 0x00, 0x01, 0x00, 0x50, 0x7F, 0x00, 0x00, 0x01 }, "127.0.0.1:80")]
    [InlineData(new byte[] { 0xAB, 0x01, 0xFF, 0xFF, 0xC0, 0xA8, 0x00, 0x01 }, "192.168.0.1:65535")] // first byte ignored
    [InlineData(new byte[] { 0x00, 0x02, 0x00, 0x00, 0x20, 0x01, 0x0D, 0xB8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1 }, "[2001:db8::1]:0")]
    public void TryGetMappedAddress_Values(byte[] value, string expected)
    {
        var buffer = new byte[64];
        var writer = new StunWriter(buffer, StunMessageType.BindingSuccessResponse, Id);
        writer.AddAttribute(StunAttributeType.MappedAddress, value);

        Assert.True(StunMessage.TryParse(writer.Written, out var message));
        Assert.True(message.TryGetMappedAddress(out var endPoint));
        Assert.Equal(expected, endPoint.ToString());
    }

    [Theory]
    [InlineData(new byte[] { 0x00, 0x03, 0x00, 0x50, 0x7F, 0x00, 0x00, 0x01 })]       // family 3
    [InlineData(new byte[] { 0x00, 0x01, 0x00, 0x50, 0x7F, 0x00, 0x00 })]             // IPv4, 3-byte address
    [InlineData(new byte[] { 0x00, 0x02, 0x00, 0x50, 0x7F, 0x00, 0x00, 0x01 })]       // IPv6 family, 4 bytes
    [InlineData(new byte[] { 0x00, 0x01, 0x00, 0x50, 0x7F, 0x00, 0x00, 0x01, 0x00 })] // IPv4, 5-byte address
    [InlineData(new byte[] { 0x00, 0x01, 0x00 })]
    public void TryGetXorMappedAddress_MalformedValues_ReturnFalse(byte[] value)
    {
        var buffer = new byte[64];
        var writer = new StunWriter(buffer, StunMessageType.BindingSuccessResponse, Id);
        writer.AddAttribute(StunAttributeType.XorMappedAddress, value);
        writer.AddAttribute(StunAttributeType.MappedAddress, value);

        Assert.True(StunMessage.TryParse(writer.Written, out var message));
        Assert.False(message.TryGetXorMappedAddress(out _));
        Assert.False(message.TryGetMappedAddress(out _));
    }

    [Fact]
    public void StunWriter_IPv4MappedIPv6Address_IsWrittenAsIPv4()
    {
        var buffer = new byte[64];
        var writer = new StunWriter(buffer, StunMessageType.BindingSuccessResponse, Id);
        writer.AddXorMappedAddress(new IPEndPoint(IPAddress.Parse("::ffff:192.0.2.1"), 32853));

        Assert.True(StunMessage.TryParse(writer.Written, out var message));
        Assert.True(message.TryGetXorMappedAddress(out var endPoint));
        Assert.Equal(new IPEndPoint(IPAddress.Parse("192.0.2.1"), 32853), endPoint);
        Assert.Equal(0x01, writer.Written[25]);
    }

    [Fact]
    public void TryGet_DuplicateAttributes_FirstWins()
    {
        var buffer = new byte[64];
        var writer = new StunWriter(buffer, StunMessageType.BindingRequest, Id);
        writer.AddPriority(1);
        writer.AddPriority(2);

        Assert.True(StunMessage.TryParse(writer.Written, out var message));
        Assert.True(message.TryGetPriority(out var priority));
        Assert.Equal(1u, priority);
        Assert.Equal(2, message.Attributes.Count);
    }

    [Theory]
    [InlineData(StunAttributeType.Priority, 3)]
    [InlineData(StunAttributeType.Priority, 5)]
    [InlineData(StunAttributeType.IceControlling, 7)]
    [InlineData(StunAttributeType.IceControlled, 9)]
    [InlineData(StunAttributeType.UnknownAttributes, 3)]
    public void TryGet_FixedSizeAttributeOfWrongLength_ReturnsFalse(StunAttributeType type, int length)
    {
        var buffer = new byte[64];
        var writer = new StunWriter(buffer, StunMessageType.BindingRequest, Id);
        writer.AddAttribute(type, new byte[length]);

        Assert.True(StunMessage.TryParse(writer.Written, out var message));
        Assert.False(message.TryGetPriority(out _));
        Assert.False(message.TryGetIceControlling(out _));
        Assert.False(message.TryGetIceControlled(out _));
        Assert.False(message.TryGetUnknownAttributes(out _));
    }

    [Fact]
    public void TryGetUsername_InvalidUtf8_ReturnsFalse()
    {
        var buffer = new byte[64];
        var writer = new StunWriter(buffer, StunMessageType.BindingRequest, Id);
        writer.AddAttribute(StunAttributeType.Username, [0x61, 0xC3, 0x28]);

        Assert.True(StunMessage.TryParse(writer.Written, out var message));
        Assert.False(message.TryGetUsername(out _));
    }

    [Fact]
    public void TryFindAttribute_SampleRequest_FindsUsernameWithoutPadding()
    {
        Assert.True(StunReader.TryFindAttribute(Rfc5769Vectors.SampleRequest, StunAttributeType.Username, out var value));
        Assert.Equal("evtj:h6vY"u8.ToArray(), value.ToArray());
        Assert.False(StunReader.TryFindAttribute(Rfc5769Vectors.SampleRequest, StunAttributeType.UseCandidate, out _));
        Assert.False(StunReader.TryFindAttribute(Rfc5769Vectors.SampleRequest.AsSpan(0, 50), StunAttributeType.Username, out _));
    }

    [Theory]
    [InlineData(0x0000, true)]
    [InlineData(0x7FFF, true)]
    [InlineData(0x8000, false)]
    [InlineData(0xFFFF, false)]
    public void IsComprehensionRequired_SplitsAt0x8000(int type, bool required)
    {
        Assert.Equal(required, ((StunAttributeType)type).IsComprehensionRequired());
    }

    [Fact]
    public void StunTransactionId_BytesRoundTripAndFormat()
    {
        Assert.Equal([0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0A, 0x0B, 0x0C], Id.ToArray());
        Assert.Equal("0102030405060708090A0B0C", Id.ToString());
        Assert.NotEqual(StunTransactionId.NewRandom(), StunTransactionId.NewRandom());
        Assert.Throws<ArgumentException>(() => new StunTransactionId(new byte[11]));
    }

    // ---- Properties ----

    private static readonly Gen<byte[]> Bytes =
        Gen.Sized(size => Gen.Choose(0, Math.Min(size, 40)).SelectMany(n => Gen.ArrayOf(Gen.Choose(0, 255).Select(i => (byte)i), n)));

    // Attribute types other than the three that close a message, any value.
    private static readonly Gen<StunAttribute> Attributes =
        from type in Gen.Choose(0, 0xFFFF).Where(t => t is not (0x0008 or 0x001C or 0x8028))
        from value in Bytes
        select new StunAttribute((StunAttributeType)type, value);

    private static readonly Gen<StunTransactionId> TransactionIds =
        Gen.ArrayOf(Gen.Choose(0, 255).Select(i => (byte)i), 12).Select(b => new StunTransactionId(b));

    [Fact]
    public void Write_ThenParse_GivesSameMessage()
    {
        var messages =
            from typeValue in Gen.Choose(0, 0x3FFF)
            from id in TransactionIds
            from attributes in Gen.Sized(s => Gen.Choose(0, Math.Min(s, 8)).SelectMany(n => Gen.ArrayOf(Attributes, n)))
            from key in Bytes
            from integrity in Gen.Elements(0, 1, 2, 3)
            from padding in Gen.Choose(0, 255)
            select (typeValue, id, attributes, key, integrity, padding);

        var property = Prop.ForAll(Arb.From(messages), m =>
        {
            StunMessageType.TryFromValue((ushort)m.typeValue, out var type);
            var buffer = new byte[4096];
            var writer = new StunWriter(buffer, type, m.id, (byte)m.padding);
            foreach (var attribute in m.attributes)
            {
                writer.AddAttribute(attribute.Type, attribute.Value.Span);
            }

            if ((m.integrity & 1) != 0)
            {
                writer.AddMessageIntegrity(m.key);
            }

            if ((m.integrity & 2) != 0)
            {
                writer.AddFingerprint();
            }

            var written = writer.ToArray();
            if (!StunMessage.TryParse(written, out var message))
            {
                return false;
            }

            var body = message.Attributes
                .Where(a => a.Type is not (StunAttributeType.MessageIntegrity or StunAttributeType.Fingerprint));
            return message.Type == type
                && message.TransactionId == m.id
                && body.SequenceEqual(m.attributes)
                && message.HasMessageIntegrity == ((m.integrity & 1) != 0)
                && message.VerifyMessageIntegrity(m.key) == ((m.integrity & 1) != 0)
                && message.VerifyFingerprint() == ((m.integrity & 2) != 0)
                && written.Length % 4 == 0;
        });

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(1_000), property);
    }

    [Fact]
    public void XorMappedAddress_AnyEndPoint_RoundTrips()
    {
        var endPoints =
            from v6 in Gen.Elements(false, true)
            from address in Gen.ArrayOf(Gen.Choose(0, 255).Select(i => (byte)i), v6 ? 16 : 4)
            from port in Gen.Choose(0, 65535)
            select new IPEndPoint(new IPAddress(address), port);
        var cases = from endPoint in endPoints from id in TransactionIds select (endPoint, id);

        var property = Prop.ForAll(Arb.From(cases), c =>
        {
            // A v6 address in the ::ffff:0:0/96 range goes out as IPv4 (see the writer).
            var expected = c.endPoint.Address.IsIPv4MappedToIPv6
                ? new IPEndPoint(c.endPoint.Address.MapToIPv4(), c.endPoint.Port)
                : c.endPoint;
            var buffer = new byte[128];
            var writer = new StunWriter(buffer, StunMessageType.BindingSuccessResponse, c.id);
            writer.AddXorMappedAddress(c.endPoint);
            writer.AddMappedAddress(c.endPoint);
            return StunMessage.TryParse(writer.Written, out var message)
                && message.TryGetXorMappedAddress(out var xored) && xored.Equals(expected)
                && message.TryGetMappedAddress(out var plain) && plain.Equals(expected);
        });

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(1_000), property);
    }

    [Fact]
    public void ErrorCode_AnyCodeAndReason_RoundTrips()
    {
        var cases =
            from code in Gen.Choose(300, 699)
            from reason in Gen.ArrayOf(Gen.Choose(0x20, 0x7E).Select(i => (char)i)).Select(c => new string(c))
            select (code, reason);

        var property = Prop.ForAll(Arb.From(cases), c =>
        {
            var buffer = new byte[1024];
            var writer = new StunWriter(buffer, StunMessageType.BindingErrorResponse, Id);
            writer.AddErrorCode(c.code, c.reason);
            return StunMessage.TryParse(writer.Written, out var message)
                && message.TryGetErrorCode(out var code, out var reason)
                && code == c.code && reason == c.reason;
        });

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(500), property);
    }

    [Fact]
    public void TryParse_RandomBytes_NeverThrows()
    {
        var bytes = Gen.Choose(0, 255).Select(i => (byte)i);
        var packets = Gen.Sized(size => Gen.Choose(0, size).SelectMany(n => Gen.ArrayOf(bytes, n)));
        // Most random bytes fail the cookie; graft a valid header onto half of them.
        var grafted = packets.Select(p => p.Length >= 20 ? Graft(p) : p);
        var property = Prop.ForAll(Arb.From(Gen.OneOf(packets, grafted)), packet => Exercise(packet));

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(5_000).WithEndSize(120), property);
    }

    [Fact]
    public void TryParse_MutatedVectors_NeverThrow()
    {
        // The message length (RFC 8489 §5), and the length of an attribute at any 4-byte boundary after the header.
        LengthField[] lengths = [new(2, 2, CountedFrom: 20), .. Enumerable.Range(0, 48).Select(k => new LengthField(20 + (4 * k) + 2, 2))];
        MutatedPackets.NeverThrow(MutatedPackets.From(Rfc5769Vectors.All, lengths), Exercise);
    }

    // Parses and calls every getter and verifier; whatever the answer, nothing may throw, and
    // a message that parses must re-serialize from its own attributes to the same length.
    private static bool Exercise(byte[] packet)
    {
        StunReader.TryFindAttribute(packet, StunAttributeType.Username, out _);
        if (!StunMessage.TryParse(packet, out var message))
        {
            return true;
        }

        message.TryGetUsername(out _);
        message.TryGetSoftware(out _);
        message.TryGetXorMappedAddress(out _);
        message.TryGetMappedAddress(out _);
        message.TryGetErrorCode(out _, out _);
        message.TryGetUnknownAttributes(out _);
        message.TryGetPriority(out _);
        message.TryGetIceControlling(out _);
        message.TryGetIceControlled(out _);
        message.VerifyMessageIntegrity(Key);
        message.VerifyMessageIntegritySha256(Key);
        message.VerifyFingerprint();
        _ = message.ToString();

        var buffer = new byte[message.Raw.Length];
        var writer = new StunWriter(buffer, message.Type, message.TransactionId);
        foreach (var attribute in message.Attributes)
        {
            writer.AddAttribute(attribute.Type, attribute.Value.Span);
        }

        return writer.Length <= message.Raw.Length && message.Raw.Length % 4 == 0;
    }

    private static byte[] Graft(byte[] packet)
    {
        var copy = packet.ToArray();
        copy[0] &= 0x3F;
        BinaryPrimitives.WriteUInt32BigEndian(copy.AsSpan(4), StunMessage.MagicCookie);
        BinaryPrimitives.WriteUInt16BigEndian(copy.AsSpan(2), (ushort)((copy.Length - 20) & ~3));
        return copy;
    }

    private static byte[] With(byte[] template, int index, byte value)
    {
        var copy = template.ToArray();
        copy[index] = value;
        return copy;
    }

    private static byte[] Append(byte[] message, byte[] attribute)
    {
        byte[] result = [.. message, .. attribute];
        BinaryPrimitives.WriteUInt16BigEndian(result.AsSpan(2), (ushort)(result.Length - 20));
        return result;
    }
}
