using System.Net;
using System.Security.Claims;
using Htmx;
using Meurs.Web.Hosting;
using Meurs.Web.Features.Servers;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Meurs.Web.Features.Messages;

/// <summary>
/// What the channel page asks over HTTP (cookie, or a bearer token):
/// <list type="bullet">
/// <item><c>GET /channels/{id}/messages?before={message_id}</c> → the older page as HTML (<see cref="MessageHistoryPage"/>:
/// a new "load older" sentinel when there are more, then the messages), swapped in place of the sentinel that asked;
/// <c>?after={message_id}</c> → the newer page likewise (the messages, then a "load newer" sentinel when there are
/// more), for a list opened at an old message.</item>
/// <item><c>POST /channels/{id}/messages</c> multipart (<c>content</c>, <c>reply_to_id</c>, <c>file</c> parts; the
/// antiforgery token in the <c>RequestVerificationToken</c> header, so the body is streamed) → a status line for htmx
/// (the message itself arrives over the socket), or the message JSON (201) for a program.</item>
/// <item><c>GET /channels/{id}/attachments/{attachment_id}</c> → the file (ViewChannel; 404 otherwise): images, audio and
/// video inline (the page shows them), anything else as an attachment; always <c>nosniff</c> and a sandboxing
/// Content-Security-Policy, so no uploaded HTML or SVG ever runs in Meurs' origin.</item>
/// </list>
/// </summary>
internal static class MessagesPageEndpoints
{
    public static IEndpointRouteBuilder MapMessagesPages(this IEndpointRouteBuilder app)
    {
        var channel = app.MapGroup("/channels/{channelId:guid}").RequireAuthorization();
        channel.MapGet("/messages", OlderAsync);
        channel.MapPost("/messages", UploadAsync).DisableAntiforgery();
        channel.MapGet("/attachments/{attachmentId:guid}", DownloadAsync).WithMetadata(EndpointContentSecurityPolicy.Sandbox);
        return app;
    }

    /// <summary>True for the page's message upload (a program's or htmx's call, answered 401 rather than redirected when signed out).</summary>
    public static bool IsUpload(HttpRequest request) =>
        HttpMethods.IsPost(request.Method) && request.Path.StartsWithSegments("/channels", out var rest)
        && rest.Value?.Split('/') is [_, _, "messages"];

    private static async Task<IResult> OlderAsync(Guid channelId, HttpContext http, ListMessages list, CancellationToken cancellationToken)
    {
        var (page, bad) = MessagesApi.ReadPage(http.Request.Query);
        if (bad is not null)
        {
            return Results.Problem(bad.Detail, statusCode: bad.Status);
        }
        var result = await list.HandleAsync(CurrentUser.RequiredId(http.User), channelId, page!, cancellationToken);
        if (result.Refusal is { } refusal)
        {
            return Results.Problem(refusal.Detail, statusCode: refusal.Status);
        }
        http.Response.Htmx(h => h.WithVary());
        return new RazorComponentResult<MessageHistoryPage>(new Dictionary<string, object?>
        {
            [nameof(MessageHistoryPage.ChannelId)] = channelId,
            [nameof(MessageHistoryPage.Messages)] = result.Messages,
            // A page after a message is appended below the list: only a page before one has older ones to offer above.
            [nameof(MessageHistoryPage.HasOlder)] = page!.After is null && result.HasOlder,
            [nameof(MessageHistoryPage.HasNewer)] = page.After is not null && result.HasNewer,
        });
    }

    private static async Task<IResult> UploadAsync(Guid channelId, HttpContext http, SendMessage send, AttachmentStore store, IAntiforgery antiforgery, IOptions<MessagesOptions> options)
    {
        // A browser's cookie is ambient, so its posts must carry the antiforgery token; bearer tokens are not ambient.
        if (http.User.Identity?.AuthenticationType == IdentityConstants.ApplicationScheme && !await antiforgery.IsRequestValidAsync(http))
        {
            return Answer(http, StatusCodes.Status400BadRequest, "The form expired; reload the page and try again.", null);
        }
        var (upload, refused) = await MessageUpload.ReadAsync(http.Request, store, options.Value, http.RequestAborted);
        if (refused is not null)
        {
            return Answer(http, refused.Status, refused.Detail, null);
        }
        Guid? replyTo = null;
        if (!string.IsNullOrWhiteSpace(upload!.ReplyTo))
        {
            if (!Guid.TryParse(upload.ReplyTo, out var id))
            {
                AttachmentStore.Discard(upload.Files);
                return Answer(http, StatusCodes.Status400BadRequest, "reply_to_id must be a message id.", null);
            }
            replyTo = id;
        }
        var outcome = await send.HandleAsync(MessagesApi.Actor(http.User), channelId, upload.Content, replyTo, upload.Files, http.RequestAborted);
        return outcome.Refusal is { } refusal
            ? Answer(http, refusal.Status, refusal.Detail, null)
            : Answer(http, StatusCodes.Status201Created, null, outcome.Message);
    }

    private static IResult Answer(HttpContext http, int status, string? detail, ChannelMessage? message)
    {
        if (http.Request.IsHtmx())
        {
            http.Response.Htmx(htmx => htmx.WithVary());
            var text = message is null ? detail ?? "The message could not be sent." : "Sent.";
            return Results.Content($"<span class=\"{(message is null ? "error" : "ok")}\">{WebUtility.HtmlEncode(text)}</span>", "text/html", statusCode: status);
        }
        return message is null
            ? Results.Problem(detail, statusCode: status)
            : Results.Json(MessageJson.Of(message), MessageJson.Options, statusCode: status);
    }

    private static async Task<IResult> DownloadAsync(Guid channelId, Guid attachmentId, ClaimsPrincipal user, MessageQueries queries, Data.MeursDbContext db, AttachmentStore store, CancellationToken cancellationToken)
    {
        var (_, refusal) = await queries.AccessAsync(channelId, CurrentUser.RequiredId(user), Permissions.None, cancellationToken);
        var attachment = refusal is null
            ? await db.MessageAttachments.AsNoTracking()
                .Where(a => a.Id == attachmentId)
                .Join(db.Messages.Where(m => m.ChannelId == channelId), a => a.MessageId, m => m.Id, (a, _) => a)
                .FirstOrDefaultAsync(cancellationToken)
            : null;
        var path = attachment is null ? null : store.PathOf(attachment);
        if (attachment is null || !File.Exists(path))
        {
            return Results.Problem("File not found", statusCode: StatusCodes.Status404NotFound);
        }
        // Media the page shows inline is served inline; anything else downloads ("Content-Disposition: attachment").
        return attachment.Kind == AttachmentKind.File
            ? Results.File(path!, attachment.ContentType, fileDownloadName: attachment.FileName, enableRangeProcessing: true)
            : Results.File(path!, attachment.ContentType, enableRangeProcessing: true);
    }
}
