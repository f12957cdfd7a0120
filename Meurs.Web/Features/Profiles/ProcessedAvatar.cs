namespace Meurs.Web.Features.Profiles;

/// <summary>An avatar as stored by <see cref="AvatarStore.StoreAsync"/>.</summary>
/// <param name="FileName">Its stored name (the <c>Avatar</c> column).</param>
/// <param name="Image">The processed picture (size, frames).</param>
public sealed record ProcessedAvatar(string FileName, ProcessedImage Image);
