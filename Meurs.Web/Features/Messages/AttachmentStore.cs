using Meurs.Web.Data;
using Meurs.Web.Features.Rooms;
using Meurs.Web.Realtime;
using Microsoft.Extensions.Options;

namespace Meurs.Web.Features.Messages;

/// <summary>
/// Where message attachments live: the uploads folder (<c>data/uploads</c>), each under a server-generated name
/// (<c>m-{attachment id}</c>). A file's type comes from its magic bytes (<see cref="FileSignature.Sniff"/>), never from
/// the uploader: PNG, JPEG, GIF and WebP are images; MP3, Ogg, FLAC, WAV and M4A audio; MP4 and WebM video; anything
/// else is a file, sent as <c>application/octet-stream</c> for download (PDF and ZIP keep their type). Any file may be
/// attached, but an empty one, one over <see cref="MessagesOptions.MaxAttachmentBytes"/>, and one whose name claims an
/// image, audio or video type that its bytes are not (a disguised file) are refused.
/// </summary>
public sealed class AttachmentStore(IOptions<MessagesOptions> options, IOptions<DataOptions> data, IWebHostEnvironment environment)
{
    private static readonly HashSet<string> MediaExtensions =
        [".png", ".jpg", ".jpeg", ".gif", ".webp", ".mp3", ".ogg", ".opus", ".flac", ".wav", ".m4a", ".mp4", ".webm"];

    /// <summary>The uploads folder.</summary>
    public string UploadsPath => Path.Combine(data.Value.ResolvePath(environment.ContentRootPath), "uploads");

    /// <summary>Where attachment <paramref name="attachment"/> is stored.</summary>
    public string PathOf(MessageAttachment attachment)
    {
        ArgumentNullException.ThrowIfNull(attachment);
        return Path.Combine(UploadsPath, attachment.StoredName);
    }

    /// <summary>The stored name for a new attachment with id <paramref name="attachmentId"/>.</summary>
    public static string StoredNameFor(Guid attachmentId) => "m-" + attachmentId.ToString("N");

    /// <summary>
    /// Writes <paramref name="body"/> to a temporary file and decides its type. Refuses (nothing left on disk) an empty
    /// file (400), one over the limit (413) and a disguised one (400).
    /// </summary>
    public async Task<(StagedFile? File, RealtimeRefusal? Refusal)> StageAsync(string fileName, Stream body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        var limit = options.Value.MaxAttachmentBytes;
        Directory.CreateDirectory(UploadsPath);
        var temporary = Path.Combine(UploadsPath, $"staged-{Guid.NewGuid():N}.part");
        var header = new byte[FileSignature.HeaderLength];
        long size = 0;
        try
        {
            await using (var output = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            {
                var buffer = new byte[81920];
                int read;
                while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    if (size < header.Length)
                    {
                        buffer.AsSpan(0, (int)Math.Min(read, header.Length - size)).CopyTo(header.AsSpan((int)size));
                    }
                    size += read;
                    if (size > limit)
                    {
                        throw new AttachmentRefusedException(new RealtimeRefusal("file_too_large",
                            $"{fileName} is larger than {options.Value.MaxAttachmentText()}, the limit for one file.", StatusCodes.Status413PayloadTooLarge));
                    }
                    await output.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                }
            }
            if (size == 0)
            {
                throw new AttachmentRefusedException(new RealtimeRefusal("empty_file", $"{fileName} is empty."));
            }
            var sniffed = FileSignature.Sniff(header.AsSpan(0, (int)Math.Min(size, header.Length)));
            var claimed = Path.GetExtension(fileName).ToLowerInvariant();
            if (MediaExtensions.Contains(claimed) && (sniffed is null || Kind(sniffed) != Kind(claimed)))
            {
                throw new AttachmentRefusedException(new RealtimeRefusal("type_mismatch",
                    $"{fileName} is not the {claimed} file its name says; rename it to what it is."));
            }
            var kind = sniffed is null ? AttachmentKind.File : Kind(sniffed);
            var type = sniffed is null || (kind == AttachmentKind.File && sniffed is not (".pdf" or ".zip"))
                ? "application/octet-stream"
                : MediaTypes.For(sniffed) ?? "application/octet-stream";
            var (width, height) = kind == AttachmentKind.Image ? await MeasureAsync(temporary, cancellationToken) : (null, null);
            return (new StagedFile(temporary, fileName, type, kind, size, width, height), null);
        }
        catch (AttachmentRefusedException refused)
        {
            File.Delete(temporary);
            return (null, refused.Refusal);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    /// <summary>Moves <paramref name="file"/> to its final name and returns its row for message <paramref name="messageId"/>.</summary>
    public MessageAttachment Commit(StagedFile file, Guid messageId)
    {
        ArgumentNullException.ThrowIfNull(file);
        var id = Guid.CreateVersion7();
        var attachment = new MessageAttachment
        {
            Id = id, MessageId = messageId, FileName = file.FileName, ContentType = file.ContentType, Size = file.Size, Kind = file.Kind,
            StoredName = StoredNameFor(id), Width = file.Width, Height = file.Height,
        };
        File.Move(file.TemporaryPath, PathOf(attachment));
        return attachment;
    }

    /// <summary>Deletes the stored files of <paramref name="attachments"/> (after their rows were deleted, or a save failed).</summary>
    public void Delete(IEnumerable<MessageAttachment> attachments)
    {
        ArgumentNullException.ThrowIfNull(attachments);
        foreach (var attachment in attachments)
        {
            File.Delete(PathOf(attachment));
        }
    }

    /// <summary>Deletes staged files that were not used.</summary>
    public static void Discard(IEnumerable<StagedFile> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        foreach (var file in files)
        {
            File.Delete(file.TemporaryPath);
        }
    }

    private static AttachmentKind Kind(string extension) => extension switch
    {
        ".png" or ".jpg" or ".jpeg" or ".gif" or ".webp" => AttachmentKind.Image,
        ".mp3" or ".ogg" or ".opus" or ".flac" or ".wav" or ".m4a" => AttachmentKind.Audio,
        ".mp4" or ".webm" => AttachmentKind.Video,
        _ => AttachmentKind.File,
    };

    // An image's size, for the page's layout; a file ImageSharp cannot read is still an image by its signature.
    private static async Task<(int?, int?)> MeasureAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            var info = await SixLabors.ImageSharp.Image.IdentifyAsync(path, cancellationToken);
            return info is null ? (null, null) : (info.Width, info.Height);
        }
        catch (Exception ex) when (ex is SixLabors.ImageSharp.ImageFormatException or SixLabors.ImageSharp.UnknownImageFormatException or IOException or NotSupportedException)
        {
            return (null, null);
        }
    }

    private sealed class AttachmentRefusedException(RealtimeRefusal refusal) : Exception(refusal.Detail)
    {
        public RealtimeRefusal Refusal { get; } = refusal;
    }
}
