namespace Meurs.Media.Sdp;

/// <summary>
/// SdpLine is a line the model keeps but does not interpret: u=, e=, p=, b=, r=, z= and k=
/// (RFC 8866 §5.5-5.12). WebRTC ignores them; they are written back in RFC order.
/// </summary>
public sealed record SdpLine
{
    /// <summary>
    /// Creates a line.
    /// </summary>
    /// <param name="type">The type letter: one of u, e, p, b, r, z, k.</param>
    /// <param name="value">The text after '=', verbatim.</param>
    /// <exception cref="ArgumentException">type is another letter, or value holds CR, LF or NUL.</exception>
    public SdpLine(char type, string value)
    {
        if (type is not ('u' or 'e' or 'p' or 'b' or 'r' or 'z' or 'k'))
        {
            throw new ArgumentException($"'{type}=' has a typed property or is not an SDP line.", nameof(type));
        }

        Type = type;
        Value = SdpText.RequireLineSafe(value, nameof(value));
    }

    /// <summary>Type is the line's type letter.</summary>
    public char Type { get; }

    /// <summary>Value is the text after '='.</summary>
    public string Value { get; }

    /// <summary>ToString gives "type=value" without the line ending.</summary>
    public override string ToString() => Type + "=" + Value;
}
