namespace Meurs.Media.Rtp;

/// <summary>
/// RtpHeaderExtension is one RFC 8285 element to be written by <see cref="RtpHeaderExtensionWriter"/>:
/// a local identifier (negotiated with a=extmap, see <see cref="RtpHeaderExtensionMap"/>) and its data.
/// </summary>
/// <param name="Id">The local identifier, 1..14 for the one-byte form, 1..255 for the two-byte form.</param>
/// <param name="Data">The element data, 1..16 bytes for the one-byte form, 0..255 for the two-byte form.</param>
public readonly record struct RtpHeaderExtension(byte Id, ReadOnlyMemory<byte> Data);
