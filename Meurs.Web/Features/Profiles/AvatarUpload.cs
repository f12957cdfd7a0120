using Meurs.Web.Features.Accounts;

namespace Meurs.Web.Features.Profiles;

/// <summary>
/// Reads an avatar upload (a multipart form's <c>file</c> part) for the API and the settings page, answering before
/// the image is decoded: 415 not multipart, 413 over <see cref="AvatarStore.MaxBytes"/> (by the declared length when
/// there is one, else by what arrives), 400 no file. What the bytes are is <see cref="SetAvatar"/>'s to judge.
/// </summary>
public static class AvatarUpload
{
    /// <summary>The bytes of the request's <c>file</c> part, or the problem to answer.</summary>
    public static async Task<(byte[]? Bytes, IResult? Refusal)> ReadAsync(HttpRequest request, AvatarStore avatars)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(avatars);
        if (!request.HasFormContentType)
        {
            return (null, ApiCredentials.Refuse("Send the image as multipart/form-data with a part named \"file\".", StatusCodes.Status415UnsupportedMediaType));
        }
        // The form's own parts and boundaries take a little room beyond the image.
        if (request.ContentLength > avatars.MaxBytes + 64 * 1024)
        {
            return (null, TooLarge(avatars));
        }
        IFormFile? file;
        try
        {
            file = (await request.ReadFormAsync(request.HttpContext.RequestAborted)).Files.GetFile("file");
        }
        catch (InvalidDataException)
        {
            return (null, ApiCredentials.Refuse("The form could not be read."));
        }
        return await BytesAsync(file, avatars, request.HttpContext.RequestAborted);
    }

    /// <summary>The bytes of <paramref name="file"/>, or the problem to answer (400 none or empty, 413 too large).</summary>
    public static async Task<(byte[]? Bytes, IResult? Refusal)> BytesAsync(IFormFile? file, AvatarStore avatars, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(avatars);
        if (file is null || file.Length == 0)
        {
            return (null, ApiCredentials.Refuse("Send an image (PNG, JPEG, GIF or WebP) in a part named \"file\"."));
        }
        if (file.Length > avatars.MaxBytes)
        {
            return (null, TooLarge(avatars));
        }
        using var buffer = new MemoryStream((int)file.Length);
        await file.CopyToAsync(buffer, cancellationToken);
        return (buffer.ToArray(), null);
    }

    private static IResult TooLarge(AvatarStore avatars) => ApiCredentials.Refuse(avatars.TooLargeSentence, StatusCodes.Status413PayloadTooLarge);
}
