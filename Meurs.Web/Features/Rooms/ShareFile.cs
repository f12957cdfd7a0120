using System.Security.Claims;
using Meurs.Web.Data;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Meurs.Web.Features.Rooms;

/// <summary>
/// A member shares a file in a room: the multipart body is streamed to disk (never buffered whole), checked against
/// <see cref="RoomsOptions.MaxSharedFileBytes"/> as it arrives and by its magic bytes, stored under a generated name,
/// and announced to the room as a <see cref="RoomMessageKind.FileShared"/> event. Each person is held to
/// <see cref="RoomsOptions.SharedFileQuotaBytes"/> stored at once (413) and to an upload rate (429, see
/// <see cref="RoomRateLimits.TryUpload"/>); a refused upload leaves nothing on disk or in the database.
/// </summary>
public sealed class ShareFile(MeursDbContext db, JoinRoom membership, RoomEventLog log, RoomRateLimits limits, TimeProvider clock, IOptions<RoomsOptions> options, IOptions<DataOptions> data, IWebHostEnvironment environment)
{
    // Checking the quota and recording the file happen under this gate, so two uploads of one person finishing together
    // cannot both fit in the space that was left for one.
    private static readonly SemaphoreSlim QuotaGate = new(1, 1);

    /// <summary>The outcome: the stored file, or an HTTP status with a reason.</summary>
    /// <param name="File">The shared file on success.</param>
    /// <param name="Status">The status to answer: 201 on success, else 400, 404, 413, 415 or 429.</param>
    /// <param name="Detail">Why it was refused, for people.</param>
    /// <param name="RetryAfter">With 429: how long until the next upload is allowed.</param>
    public sealed record Result(SharedFile? File, int Status, string? Detail, TimeSpan? RetryAfter = null);

    /// <summary>The folder shared files are stored in.</summary>
    public string UploadsPath => Path.Combine(data.Value.ResolvePath(environment.ContentRootPath), "uploads");

    /// <summary>Reads the request's <c>file</c> part and shares it in <paramref name="roomId"/> for <paramref name="user"/>.</summary>
    public async Task<Result> HandleAsync(string roomId, ClaimsPrincipal user, HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(request);
        var userId = CurrentUser.RequiredId(user);
        var room = await db.Rooms.AsNoTracking().FindOpenAsync(roomId, cancellationToken);
        if (room is null || !await membership.IsMemberAsync(roomId, userId, cancellationToken))
        {
            return new Result(null, StatusCodes.Status404NotFound, "Room not found");
        }
        if (!limits.TryUpload(userId, out var retryAfter))
        {
            var seconds = RateLimits.Seconds(retryAfter);
            return new Result(null, StatusCodes.Status429TooManyRequests,
                $"You are sharing files faster than {options.Value.SharedFileUploadsPerMinute} a minute; try again in {seconds} s.", TimeSpan.FromSeconds(seconds));
        }
        var left = options.Value.SharedFileQuotaBytes - await StoredBytesAsync(userId, cancellationToken);
        var overQuota = new Result(null, StatusCodes.Status413PayloadTooLarge, QuotaText(left));
        if (left <= 0)
        {
            return overQuota;
        }
        var limit = Math.Min(options.Value.MaxSharedFileBytes, left);
        var tooLarge = limit < options.Value.MaxSharedFileBytes ? overQuota : new Result(null, StatusCodes.Status413PayloadTooLarge, options.Value.FileTooLargeText());
        // Multipart framing adds a little; anything declared well past the limit is refused before reading a byte.
        const long framing = 64 * 1024;
        if (request.ContentLength > limit + framing)
        {
            return tooLarge;
        }
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodyLimit)
        {
            bodyLimit.MaxRequestBodySize = limit + framing;
        }
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var contentType)
            || !contentType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(contentType.Boundary).Value is not { Length: > 0 and <= 70 } boundary)
        {
            return new Result(null, StatusCodes.Status400BadRequest, "Send the file as multipart/form-data in a part named \"file\".");
        }

        var reader = new MultipartReader(boundary, request.Body);
        try
        {
            while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                    || !disposition.DispositionType.Equals("form-data") || disposition.Name.Value != "file")
                {
                    continue; // other fields (an antiforgery token, say) are not needed here
                }
                var name = FileSignature.CleanName(HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value);
                if (name is null)
                {
                    return new Result(null, StatusCodes.Status400BadRequest, "The file needs a name.");
                }
                return await StoreAsync(room, userId, user.Identity?.Name ?? "", name, section.Body, limit, tooLarge, overQuota, cancellationToken);
            }
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return tooLarge;
        }
        catch (IOException)
        {
            return new Result(null, StatusCodes.Status400BadRequest, "The upload was malformed or cut short.");
        }
        return new Result(null, StatusCodes.Status400BadRequest, "No part named \"file\" was sent.");
    }

    /// <summary>Bytes of shared files <paramref name="userId"/> has stored now (expired ones no longer count).</summary>
    public async Task<long> StoredBytesAsync(Guid userId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return await db.SharedFiles.Where(f => f.UploaderId == userId && f.ExpiresAt > now).SumAsync(f => (long?)f.Size, cancellationToken) ?? 0;
    }

    private string QuotaText(long left) =>
        $"Your shared files may take {options.Value.QuotaText()} at most; "
        + (left <= 0 ? "that is used up" : $"only {RoomsOptions.Bytes(left)} is left")
        + $". Space comes back as your files expire, {options.Value.SharedFileLifetime.TotalHours:0.#} hours after sharing.";

    private async Task<Result> StoreAsync(Room room, Guid userId, string userName, string name, Stream body, long limit, Result tooLarge, Result overQuota, CancellationToken cancellationToken)
    {
        var header = new byte[FileSignature.HeaderLength];
        var headerLength = await body.ReadAtLeastAsync(header, header.Length, throwOnEndOfStream: false, cancellationToken);
        if (headerLength == 0)
        {
            return new Result(null, StatusCodes.Status400BadRequest, "The file is empty.");
        }
        if (FileSignature.Detect(name, header.AsSpan(0, headerLength)) is not { } type)
        {
            return new Result(null, StatusCodes.Status415UnsupportedMediaType,
                $"The file's content does not match its extension, or the type is not shared here. Allowed: {string.Join(", ", FileSignature.Extensions.Order())}.");
        }

        Directory.CreateDirectory(UploadsPath);
        var now = clock.GetUtcNow().UtcDateTime;
        var file = new SharedFile
        {
            RoomId = room.Id, UploaderId = userId, UploaderName = userName, FileName = name, ContentType = type,
            CreatedAt = now, ExpiresAt = now + options.Value.SharedFileLifetime,
        };
        var path = Path.Combine(UploadsPath, file.StoredName);
        var temporary = path + ".part";
        long size = headerLength;
        try
        {
            await using (var output = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            {
                await output.WriteAsync(header.AsMemory(0, headerLength), cancellationToken);
                var buffer = new byte[81920];
                int read;
                while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    size += read;
                    if (size > limit)
                    {
                        return tooLarge;
                    }
                    await output.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                }
            }
            await QuotaGate.WaitAsync(cancellationToken);
            try
            {
                if (await StoredBytesAsync(userId, cancellationToken) + size > options.Value.SharedFileQuotaBytes)
                {
                    return overQuota; // another upload of theirs finished first
                }
                File.Move(temporary, path);
                db.SharedFiles.Add(new SharedFile
                {
                    Id = file.Id, RoomId = file.RoomId, UploaderId = userId, UploaderName = userName, FileName = name, ContentType = type,
                    Size = size, CreatedAt = file.CreatedAt, ExpiresAt = file.ExpiresAt,
                });
                await db.SaveChangesAsync(cancellationToken);
            }
            catch
            {
                File.Delete(path);
                throw;
            }
            finally
            {
                QuotaGate.Release();
            }
        }
        finally
        {
            File.Delete(temporary);
        }

        if (await log.AppendAsync(room.Id, RoomMessageKind.FileShared, userId, userName, name, cancellationToken, fileId: file.Id) is null)
        {
            // The room was closed while the file arrived: its files are gone, this one too.
            await db.SharedFiles.Where(f => f.Id == file.Id).ExecuteDeleteAsync(CancellationToken.None);
            File.Delete(path);
            return new Result(null, StatusCodes.Status404NotFound, "Room not found");
        }
        return new Result(await db.SharedFiles.AsNoTracking().SingleAsync(f => f.Id == file.Id, cancellationToken), StatusCodes.Status201Created, null);
    }
}
