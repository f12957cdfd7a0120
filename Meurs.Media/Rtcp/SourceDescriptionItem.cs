namespace Meurs.Media.Rtcp;

/// <summary>
/// SourceDescriptionItem is one SDES item (RFC 3550 §6.5): a type and UTF-8 text of at most 255
/// bytes. Text that is not valid UTF-8 is decoded with replacement characters.
/// </summary>
/// <param name="Type">The item type; never <see cref="SourceDescriptionItemType.End"/>.</param>
/// <param name="Text">The item text.</param>
public readonly record struct SourceDescriptionItem(SourceDescriptionItemType Type, string Text);
