using System.Text;
using Meurs.Web.Features.Rooms;
using Meurs.Web.Realtime;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Meurs.Web.Features.Messages;

/// <summary>
/// A <c>multipart/form-data</c> message, streamed (files go to disk as they arrive, never buffered whole): text fields
/// <c>content</c> and <c>reply_to_id</c> (or <c>reply_to</c>), and up to <see cref="MessagesOptions.MaxAttachments"/>
/// file parts named <c>file</c>, <c>files</c> or <c>attachments</c>. Other fields (an antiforgery token) are skipped.
/// </summary>
/// <param name="Content">The text, or null.</param>
/// <param name="ReplyTo">The reply_to_id field as sent, or null.</param>
/// <param name="Files">The staged files, in order.</param>
public sealed record MessageUpload(string? Content, string? ReplyTo, IReadOnlyList<StagedFile> Files)
{
    private const int MaxFieldChars = Message.MaxContentLength * 2 + 64;

    /// <summary>True when <paramref name="request"/> is multipart/form-data.</summary>
    public static bool IsMultipart(HttpRequest request) =>
        MediaTypeHeaderValue.TryParse(request?.ContentType, out var type) && type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase);

    /// <summary>Reads the request, or says why not (nothing staged is left behind on a refusal).</summary>
    public static async Task<(MessageUpload? Upload, RealtimeRefusal? Refusal)> ReadAsync(HttpRequest request, AttachmentStore store, MessagesOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        const long framing = 64 * 1024;
        var limit = options.MaxAttachments * options.MaxAttachmentBytes + framing;
        if (request.ContentLength > limit)
        {
            return (null, new RealtimeRefusal("too_large", $"At most {options.MaxAttachments} files of {options.MaxAttachmentText()} each.", StatusCodes.Status413PayloadTooLarge));
        }
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodyLimit)
        {
            bodyLimit.MaxRequestBodySize = limit;
        }
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var contentType)
            || !contentType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(contentType.Boundary).Value is not { Length: > 0 and <= 70 } boundary)
        {
            return (null, new RealtimeRefusal("bad_request", "Send multipart/form-data with a \"content\" field and \"file\" parts."));
        }
        var files = new List<StagedFile>();
        string? content = null;
        string? replyTo = null;
        try
        {
            var reader = new MultipartReader(boundary, request.Body);
            while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition) || !disposition.DispositionType.Equals("form-data"))
                {
                    continue;
                }
                var name = disposition.Name.Value;
                if (disposition.IsFileDisposition())
                {
                    if (name is not ("file" or "files" or "attachments"))
                    {
                        continue;
                    }
                    var fileName = FileSignature.CleanName(HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value);
                    if (fileName is null)
                    {
                        // An empty file input sends a part with no name and no bytes: nothing was chosen.
                        await section.Body.CopyToAsync(Stream.Null, cancellationToken);
                        continue;
                    }
                    if (files.Count == options.MaxAttachments)
                    {
                        return Refuse(files, new RealtimeRefusal("too_many_files", $"A message takes at most {options.MaxAttachments} files."));
                    }
                    var (staged, refusal) = await store.StageAsync(fileName, section.Body, cancellationToken);
                    if (refusal is not null)
                    {
                        return Refuse(files, refusal);
                    }
                    files.Add(staged!);
                    continue;
                }
                if (name is "content" or "reply_to_id" or "reply_to")
                {
                    var value = await ReadFieldAsync(section.Body, cancellationToken);
                    if (value is null)
                    {
                        return Refuse(files, new RealtimeRefusal("message_too_long", $"Messages are limited to {Message.MaxContentLength:N0} characters."));
                    }
                    if (name == "content")
                    {
                        content = value;
                    }
                    else
                    {
                        replyTo = value;
                    }
                }
            }
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return Refuse(files, new RealtimeRefusal("too_large", $"At most {options.MaxAttachments} files of {options.MaxAttachmentText()} each.", StatusCodes.Status413PayloadTooLarge));
        }
        catch (IOException)
        {
            return Refuse(files, new RealtimeRefusal("bad_request", "The upload was malformed or cut short."));
        }
        catch (InvalidDataException)
        {
            return Refuse(files, new RealtimeRefusal("bad_request", "The upload was malformed."));
        }
        catch
        {
            AttachmentStore.Discard(files);
            throw;
        }
        return (new MessageUpload(content, replyTo, files), null);
    }

    private static (MessageUpload?, RealtimeRefusal?) Refuse(List<StagedFile> files, RealtimeRefusal refusal)
    {
        AttachmentStore.Discard(files);
        return (null, refusal);
    }

    // Null when the field is longer than any message may be; invalid UTF-8 becomes U+FFFD.
    private static async Task<string?> ReadFieldAsync(Stream body, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(body, new UTF8Encoding(false, false), detectEncodingFromByteOrderMarks: false);
        var buffer = new char[MaxFieldChars + 1];
        var total = 0;
        int read;
        while (total < buffer.Length && (read = await reader.ReadAsync(buffer.AsMemory(total), cancellationToken)) > 0)
        {
            total += read;
        }
        return total > MaxFieldChars ? null : new string(buffer, 0, total);
    }
}
