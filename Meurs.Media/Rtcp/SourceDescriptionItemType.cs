namespace Meurs.Media.Rtcp;

/// <summary>
/// SourceDescriptionItemType is the type octet of an SDES item (RFC 3550 §6.5, §12.2). Values
/// outside the list are carried through unchanged.
/// </summary>
public enum SourceDescriptionItemType : byte
{
    /// <summary>End terminates a chunk's item list; never an item itself.</summary>
    End = 0,

    /// <summary>Cname is CNAME, the canonical end-point identifier (§6.5.1); WebRTC sends only this.</summary>
    Cname = 1,

    /// <summary>Name is NAME, the user name (§6.5.2).</summary>
    Name = 2,

    /// <summary>Email is EMAIL (§6.5.3).</summary>
    Email = 3,

    /// <summary>Phone is PHONE (§6.5.4).</summary>
    Phone = 4,

    /// <summary>Location is LOC (§6.5.5).</summary>
    Location = 5,

    /// <summary>Tool is TOOL, the application name (§6.5.6).</summary>
    Tool = 6,

    /// <summary>Note is NOTE (§6.5.7).</summary>
    Note = 7,

    /// <summary>Private is PRIV (§6.5.8); its prefix length and prefix stay inside the text.</summary>
    Private = 8,
}
