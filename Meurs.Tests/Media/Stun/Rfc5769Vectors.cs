namespace Meurs.Tests.Media.Stun;

// RFC 5769 "Test Vectors for Session Traversal Utilities for NAT (STUN)", byte for byte. The
// padding bytes of 2.1-2.3 are 0x20 (spaces), those of 2.4 zeros: RFC 8489 §14 lets senders pick.
internal static class Rfc5769Vectors
{
    // §2.1, §2.2, §2.3: the short-term password.
    public const string Password = "VOkJxbRl1RmTxUk/WvJxBt";

    // §2.1 Sample Request: software "STUN test client", username "evtj:h6vY".
    public static readonly byte[] SampleRequest =
    [
        0x00, 0x01, 0x00, 0x58,                         // Request type (Binding) and message length 88
        0x21, 0x12, 0xA4, 0x42,                         // Magic cookie
        0xB7, 0xE7, 0xA7, 0x01,                         // }
        0xBC, 0x34, 0xD6, 0x86,                         // }  Transaction ID
        0xFA, 0x87, 0xDF, 0xAE,                         // }
        0x80, 0x22, 0x00, 0x10,                         // SOFTWARE attribute header, length 16
        0x53, 0x54, 0x55, 0x4E,                         // }
        0x20, 0x74, 0x65, 0x73,                         // }  User-agent...
        0x74, 0x20, 0x63, 0x6C,                         // }  ...name "STUN test client"
        0x69, 0x65, 0x6E, 0x74,                         // }
        0x00, 0x24, 0x00, 0x04,                         // PRIORITY attribute header
        0x6E, 0x00, 0x01, 0xFF,                         // ICE priority value 0x6E0001FF
        0x80, 0x29, 0x00, 0x08,                         // ICE-CONTROLLED attribute header
        0x93, 0x2F, 0xF9, 0xB1,                         // }  Pseudo-random tie breaker...
        0x51, 0x26, 0x3B, 0x36,                         // }   ...for ICE control
        0x00, 0x06, 0x00, 0x09,                         // USERNAME attribute header, length 9
        0x65, 0x76, 0x74, 0x6A,                         // }
        0x3A, 0x68, 0x36, 0x76,                         // }  Username "evtj:h6vY" (9 bytes)
        0x59, 0x20, 0x20, 0x20,                         // }  and padding (3 bytes, 0x20)
        0x00, 0x08, 0x00, 0x14,                         // MESSAGE-INTEGRITY attribute header
        0x9A, 0xEA, 0xA7, 0x0C,                         // }
        0xBF, 0xD8, 0xCB, 0x56,                         // }
        0x78, 0x1E, 0xF2, 0xB5,                         // }  HMAC-SHA1 fingerprint
        0xB2, 0xD3, 0xF2, 0x49,                         // }
        0xC1, 0xB5, 0x71, 0xA2,                         // }
        0x80, 0x28, 0x00, 0x04,                         // FINGERPRINT attribute header
        0xE5, 0x7A, 0x3B, 0xCF,                         // CRC32 fingerprint
    ];

    // §2.2 Sample IPv4 Response: software "test vector", mapped address 192.0.2.1 port 32853.
    public static readonly byte[] SampleIPv4Response =
    [
        0x01, 0x01, 0x00, 0x3C,                         // Response type (Binding success) and length 60
        0x21, 0x12, 0xA4, 0x42,                         // Magic cookie
        0xB7, 0xE7, 0xA7, 0x01,                         // }
        0xBC, 0x34, 0xD6, 0x86,                         // }  Transaction ID
        0xFA, 0x87, 0xDF, 0xAE,                         // }
        0x80, 0x22, 0x00, 0x0B,                         // SOFTWARE attribute header, length 11
        0x74, 0x65, 0x73, 0x74,                         // }
        0x20, 0x76, 0x65, 0x63,                         // }  UTF-8 server name "test vector"
        0x74, 0x6F, 0x72, 0x20,                         // }  and one byte of padding (0x20)
        0x00, 0x20, 0x00, 0x08,                         // XOR-MAPPED-ADDRESS attribute header
        0x00, 0x01, 0xA1, 0x47,                         // Address family (IPv4) and xor'd mapped port
        0xE1, 0x12, 0xA6, 0x43,                         // Xor'd mapped IPv4 address
        0x00, 0x08, 0x00, 0x14,                         // MESSAGE-INTEGRITY attribute header
        0x2B, 0x91, 0xF5, 0x99,                         // }
        0xFD, 0x9E, 0x90, 0xC3,                         // }
        0x8C, 0x74, 0x89, 0xF9,                         // }  HMAC-SHA1 fingerprint
        0x2A, 0xF9, 0xBA, 0x53,                         // }
        0xF0, 0x6B, 0xE7, 0xD7,                         // }
        0x80, 0x28, 0x00, 0x04,                         // FINGERPRINT attribute header
        0xC0, 0x7D, 0x4C, 0x96,                         // CRC32 fingerprint
    ];

    // §2.3 Sample IPv6 Response: mapped address 2001:db8:1234:5678:11:2233:4455:6677 port 32853.
    public static readonly byte[] SampleIPv6Response =
    [
        0x01, 0x01, 0x00, 0x48,                         // Response type (Binding success) and length 72
        0x21, 0x12, 0xA4, 0x42,                         // Magic cookie
        0xB7, 0xE7, 0xA7, 0x01,                         // }
        0xBC, 0x34, 0xD6, 0x86,                         // }  Transaction ID
        0xFA, 0x87, 0xDF, 0xAE,                         // }
        0x80, 0x22, 0x00, 0x0B,                         // SOFTWARE attribute header, length 11
        0x74, 0x65, 0x73, 0x74,                         // }
        0x20, 0x76, 0x65, 0x63,                         // }  UTF-8 server name "test vector"
        0x74, 0x6F, 0x72, 0x20,                         // }  and one byte of padding (0x20)
        0x00, 0x20, 0x00, 0x14,                         // XOR-MAPPED-ADDRESS attribute header
        0x00, 0x02, 0xA1, 0x47,                         // Address family (IPv6) and xor'd mapped port
        0x01, 0x13, 0xA9, 0xFA,                         // }
        0xA5, 0xD3, 0xF1, 0x79,                         // }  Xor'd mapped IPv6 address
        0xBC, 0x25, 0xF4, 0xB5,                         // }
        0xBE, 0xD2, 0xB9, 0xD9,                         // }
        0x00, 0x08, 0x00, 0x14,                         // MESSAGE-INTEGRITY attribute header
        0xA3, 0x82, 0x95, 0x4E,                         // }
        0x4B, 0xE6, 0x7B, 0xF1,                         // }
        0x17, 0x84, 0xC9, 0x7C,                         // }  HMAC-SHA1 fingerprint
        0x82, 0x92, 0xC2, 0x75,                         // }
        0xBF, 0xE3, 0xED, 0x41,                         // }
        0x80, 0x28, 0x00, 0x04,                         // FINGERPRINT attribute header
        0xC8, 0xFB, 0x0B, 0x4C,                         // CRC32 fingerprint
    ];

    // §2.4 Sample Request with Long-Term Authentication: username "マトリックス" (U+30DE U+30C8
    // U+30EA U+30C3 U+30AF U+30B9), password "The<U+00AD>M<U+00AA>tr<U+2168>" which SASLprep
    // turns into "TheMatrIX", nonce "f//499k954d6OL34oL9FSTvy64sA", realm "example.org".
    public static readonly byte[] SampleLongTermRequest =
    [
        0x00, 0x01, 0x00, 0x60,                         // Request type (Binding) and message length 96
        0x21, 0x12, 0xA4, 0x42,                         // Magic cookie
        0x78, 0xAD, 0x34, 0x33,                         // }
        0xC6, 0xAD, 0x72, 0xC0,                         // }  Transaction ID
        0x29, 0xDA, 0x41, 0x2E,                         // }
        0x00, 0x06, 0x00, 0x12,                         // USERNAME attribute header, length 18
        0xE3, 0x83, 0x9E, 0xE3,                         // }
        0x83, 0x88, 0xE3, 0x83,                         // }
        0xAA, 0xE3, 0x83, 0x83,                         // }  Username value (18 bytes) and padding (2 bytes)
        0xE3, 0x82, 0xAF, 0xE3,                         // }
        0x82, 0xB9, 0x00, 0x00,                         // }
        0x00, 0x15, 0x00, 0x1C,                         // NONCE attribute header, length 28
        0x66, 0x2F, 0x2F, 0x34,                         // }
        0x39, 0x39, 0x6B, 0x39,                         // }
        0x35, 0x34, 0x64, 0x36,                         // }
        0x4F, 0x4C, 0x33, 0x34,                         // }  Nonce value
        0x6F, 0x4C, 0x39, 0x46,                         // }
        0x53, 0x54, 0x76, 0x79,                         // }
        0x36, 0x34, 0x73, 0x41,                         // }
        0x00, 0x14, 0x00, 0x0B,                         // REALM attribute header, length 11
        0x65, 0x78, 0x61, 0x6D,                         // }
        0x70, 0x6C, 0x65, 0x2E,                         // }  Realm value "example.org" (11 bytes)
        0x6F, 0x72, 0x67, 0x00,                         // }  and padding (1 byte)
        0x00, 0x08, 0x00, 0x14,                         // MESSAGE-INTEGRITY attribute header
        0xF6, 0x70, 0x24, 0x65,                         // }
        0x6D, 0xD6, 0x4A, 0x3E,                         // }
        0x02, 0xB8, 0xE0, 0x71,                         // }  HMAC-SHA1 fingerprint
        0x2E, 0x85, 0xC9, 0xA2,                         // }
        0x8C, 0xA8, 0x96, 0x66,                         // }
    ];

    public static byte[][] All => [SampleRequest, SampleIPv4Response, SampleIPv6Response, SampleLongTermRequest];
}
