namespace Meurs.Web.Features.Messages;

/// <summary>
/// An uploaded file written to a temporary name under the uploads folder, its type decided from its first bytes, waiting
/// for its message to be saved (<see cref="AttachmentStore.Commit"/>) or thrown away (<see cref="AttachmentStore.Discard"/>).
/// </summary>
/// <param name="TemporaryPath">Where it is now.</param>
/// <param name="FileName">The cleaned name it was uploaded with.</param>
/// <param name="ContentType">The type its bytes show (<c>application/octet-stream</c> when they show none).</param>
/// <param name="Kind">How it will be shown.</param>
/// <param name="Size">Bytes.</param>
/// <param name="Width">An image's width in pixels, or null.</param>
/// <param name="Height">An image's height in pixels, or null.</param>
public sealed record StagedFile(string TemporaryPath, string FileName, string ContentType, AttachmentKind Kind, long Size, int? Width, int? Height);
