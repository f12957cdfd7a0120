namespace Meurs.Media.Stun;

/// <summary>
/// StunMessageType is the 14-bit message type of a STUN header: a <see cref="StunClass"/> and a
/// <see cref="StunMethod"/> interleaved (RFC 8489 §5, Figure 3).
/// </summary>
/// <param name="Class">The class, bits C1 and C0.</param>
/// <param name="Method">The method, 12 bits (0x000..0xFFF).</param>
public readonly record struct StunMessageType(StunClass Class, StunMethod Method)
{
    /// <summary>MaxMethod is the largest method value the 12 method bits can hold.</summary>
    public const int MaxMethod = 0xFFF;

    /// <summary>BindingRequest is the type 0x0001 of an ICE connectivity check.</summary>
    public static StunMessageType BindingRequest => new(StunClass.Request, StunMethod.Binding);

    /// <summary>BindingIndication is the type 0x0011 of an ICE keepalive.</summary>
    public static StunMessageType BindingIndication => new(StunClass.Indication, StunMethod.Binding);

    /// <summary>BindingSuccessResponse is the type 0x0101 of a successful check's answer.</summary>
    public static StunMessageType BindingSuccessResponse => new(StunClass.SuccessResponse, StunMethod.Binding);

    /// <summary>BindingErrorResponse is the type 0x0111 of a failed check's answer.</summary>
    public static StunMessageType BindingErrorResponse => new(StunClass.ErrorResponse, StunMethod.Binding);

    /// <summary>
    /// FromValue splits the first 16 bits of a STUN header into class and method.
    /// </summary>
    /// <param name="value">Header bytes 0..1, big-endian. The two most significant bits must be
    /// zero (RFC 8489 §6.3 drops the message otherwise).</param>
    /// <param name="type">The class and method, or default when <paramref name="value"/> has a
    /// top bit set.</param>
    /// <returns>False when either of the two most significant bits is set.</returns>
    public static bool TryFromValue(ushort value, out StunMessageType type)
    {
        if ((value & 0xC000) != 0)
        {
            type = default;
            return false;
        }

        // RFC 8489 §5, Figure 3: the type is M11..M7 C1 M6..M4 C0 M3..M0, so the method is cut
        // into three runs around the two class bits.
        //
        //   0                 1
        //   2  3  4 5 6 7 8 9 0 1 2 3 4 5
        //  +--+--+-+-+-+-+-+-+-+-+-+-+-+-+
        //  |M |M |M|M|M|C|M|M|M|C|M|M|M|M|
        //  |11|10|9|8|7|1|6|5|4|0|3|2|1|0|
        //  +--+--+-+-+-+-+-+-+-+-+-+-+-+-+
        var method = (value & 0x000F) | ((value & 0x00E0) >> 1) | ((value & 0x3E00) >> 2);
        var @class = ((value & 0x0010) >> 4) | ((value & 0x0100) >> 7);
        type = new StunMessageType((StunClass)@class, (StunMethod)method);
        return true;
    }

    /// <summary>
    /// ToValue interleaves class and method into the 14-bit type written at header bytes 0..1.
    /// </summary>
    /// <returns>The type, with the two most significant bits zero.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The method exceeds 12 bits or the class is
    /// not one of the four defined values.</exception>
    public ushort ToValue()
    {
        var method = (int)Method;
        var @class = (int)Class;
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)method, (uint)MaxMethod, nameof(Method));
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)@class, 3u, nameof(Class));
        return (ushort)((method & 0x000F) | ((method & 0x0070) << 1) | ((method & 0x0F80) << 2)
            | ((@class & 0b01) << 4) | ((@class & 0b10) << 7));
    }

    /// <summary>ToString gives the type as RFC text names it, e.g. "Binding Request (0x0001)".</summary>
    /// <returns>The method, class and hexadecimal type value.</returns>
    public override string ToString() =>
        (uint)Method <= MaxMethod && (uint)Class <= 3
            ? $"{Method} {Class} (0x{ToValue():X4})"
            : $"{Method} {Class} (invalid)";
}
