namespace Meurs.Media.Stun;

/// <summary>
/// StunErrorCode names the ERROR-CODE values ICE answers with (RFC 8489 §14.8, RFC 8445 §7.3.1.1)
/// and their recommended reason phrases.
/// </summary>
public static class StunErrorCode
{
    /// <summary>BadRequest (400): the request was malformed, e.g. lacked USERNAME or MESSAGE-INTEGRITY (RFC 8489 §9.1.3).</summary>
    public const int BadRequest = 400;

    /// <summary>Unauthorized (401): unknown USERNAME or wrong MESSAGE-INTEGRITY (RFC 8489 §9.1.3).</summary>
    public const int Unauthorized = 401;

    /// <summary>UnknownAttribute (420): a comprehension-required attribute was not understood; the response lists them in UNKNOWN-ATTRIBUTES (RFC 8489 §6.3.1).</summary>
    public const int UnknownAttribute = 420;

    /// <summary>RoleConflict (487): both agents claim the same ICE role (RFC 8445 §7.3.1.1).</summary>
    public const int RoleConflict = 487;

    /// <summary>
    /// ReasonPhrase gives the phrase RFC 8489 §14.8 (and RFC 8445 §16.2 for 487) suggests for a code.
    /// </summary>
    /// <param name="code">An error code, 300..699.</param>
    /// <returns>The suggested phrase, or "Error" for codes without one.</returns>
    public static string ReasonPhrase(int code) => code switch
    {
        300 => "Try Alternate",
        BadRequest => "Bad Request",
        Unauthorized => "Unauthorized",
        403 => "Forbidden",
        UnknownAttribute => "Unknown Attribute",
        438 => "Stale Nonce",
        RoleConflict => "Role Conflict",
        500 => "Server Error",
        _ => "Error",
    };
}
