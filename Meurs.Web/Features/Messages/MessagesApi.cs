using System.Globalization;
using System.Security.Claims;
using Meurs.Web.Features.Accounts;
using Meurs.Web.Realtime;
using Microsoft.Extensions.Options;

namespace Meurs.Web.Features.Messages;

/// <summary>
/// The Chat system's message API, with a bearer token (<see cref="AccessTokenAuthentication.ApiPolicy"/>); messages are
/// <see cref="MessageJson"/> objects; errors are problem details (400 bad input, 401 anonymous, 403 a permission
/// missing, 404 a channel or message one may not see, 413 too large, 415 not JSON).
/// <list type="bullet">
/// <item><c>GET /api/channels/{id}/messages?before|after|around={message_id}&amp;limit=1..100</c> → 200 [messages], oldest first (default: the newest 50)</item>
/// <item><c>POST /api/channels/{id}/messages</c> JSON <c>{content, reply_to_id?}</c> or multipart (<c>content</c>, <c>reply_to_id</c>, <c>file</c> parts) → 201 message</item>
/// <item><c>PATCH /api/channels/{id}/messages/{message_id}</c> <c>{content}</c> → 200 message (own only)</item>
/// <item><c>DELETE /api/channels/{id}/messages/{message_id}</c> → 204 (own, or ManageMessages)</item>
/// <item><c>POST|DELETE /api/channels/{id}/messages/{message_id}/reactions/{emoji}</c> → 204, idempotent</item>
/// <item><c>POST /api/channels/{id}/messages/{message_id}/attachments</c> multipart <c>file</c> parts → 200 message (own only)</item>
/// <item><c>POST /api/channels/{id}/messages/{message_id}/pin</c> → 200 message; <c>DELETE …/pin</c> → 204 (ManageMessages)</item>
/// <item><c>POST /api/channels/{id}/read</c> <c>{message_id?}</c> → 204; <c>POST /api/channels/{id}/typing</c> → 204</item>
/// </list>
/// </summary>
internal static class MessagesApi
{
    public static IEndpointRouteBuilder MapMessagesApi(this IEndpointRouteBuilder app)
    {
        var channel = app.MapGroup("/api/channels/{channelId:guid}").RequireAuthorization(AccessTokenAuthentication.ApiPolicy);
        channel.MapGet("/messages", ListAsync);
        channel.MapGet("/messages/", ListAsync);
        channel.MapPost("/messages", SendAsync).DisableAntiforgery();
        channel.MapPost("/messages/", SendAsync).DisableAntiforgery();
        channel.MapPatch("/messages/{messageId:guid}", EditAsync);
        channel.MapDelete("/messages/{messageId:guid}", DeleteAsync);
        channel.MapPost("/messages/{messageId:guid}/reactions/{emoji}", AddReactionAsync);
        channel.MapDelete("/messages/{messageId:guid}/reactions/{emoji}", RemoveReactionAsync);
        channel.MapPost("/messages/{messageId:guid}/attachments", AttachAsync).DisableAntiforgery();
        channel.MapPost("/messages/{messageId:guid}/pin", PinAsync);
        channel.MapDelete("/messages/{messageId:guid}/pin", UnpinAsync);
        channel.MapPost("/read", ReadAsync);
        channel.MapPost("/typing", TypingAsync);
        return app;
    }

    /// <summary>A refusal as a problem detail with its status.</summary>
    public static IResult Problem(RealtimeRefusal refusal) =>
        Results.Problem(detail: refusal.Detail, statusCode: refusal.Status, extensions: new Dictionary<string, object?> { ["code"] = refusal.Code });

    /// <summary>The signed-in person as the fabric names them.</summary>
    public static ChannelUser Actor(ClaimsPrincipal user) => new(CurrentUser.RequiredId(user), user?.Identity?.Name ?? "");

    /// <summary>Reads <c>before</c>, <c>after</c>, <c>around</c> and <c>limit</c> from the query string.</summary>
    public static (ListMessages.Page? Page, RealtimeRefusal? Refusal) ReadPage(IQueryCollection query)
    {
        ArgumentNullException.ThrowIfNull(query);
        Guid? Cursor(string name, out RealtimeRefusal? refusal)
        {
            refusal = null;
            if (!query.TryGetValue(name, out var values))
            {
                return null;
            }
            if (values.Count == 1 && Guid.TryParse(values[0], out var id))
            {
                return id;
            }
            refusal = new RealtimeRefusal("bad_request", $"{name} must be a message id.");
            return null;
        }
        var before = Cursor("before", out var r1);
        var after = Cursor("after", out var r2);
        var around = Cursor("around", out var r3);
        if ((r1 ?? r2 ?? r3) is { } bad)
        {
            return (null, bad);
        }
        var limit = ListMessages.DefaultLimit;
        if (query.TryGetValue("limit", out var limitText)
            && (limitText.Count != 1 || !int.TryParse(limitText[0], NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > ListMessages.MaxLimit))
        {
            return (null, new RealtimeRefusal("bad_request", $"limit must be a whole number from 1 to {ListMessages.MaxLimit}."));
        }
        return (new ListMessages.Page(before, after, around, limit), null);
    }

    private static async Task<IResult> ListAsync(Guid channelId, HttpRequest request, ClaimsPrincipal user, ListMessages list, CancellationToken cancellationToken)
    {
        var (page, bad) = ReadPage(request.Query);
        if (bad is not null)
        {
            return Problem(bad);
        }
        var result = await list.HandleAsync(CurrentUser.RequiredId(user), channelId, page!, cancellationToken);
        return result.Refusal is { } refusal ? Problem(refusal) : Results.Json(result.Messages.Select(MessageJson.Of), MessageJson.Options);
    }

    private static async Task<IResult> SendAsync(Guid channelId, HttpRequest request, ClaimsPrincipal user, SendMessage send, AttachmentStore store, IOptions<MessagesOptions> options, CancellationToken cancellationToken)
    {
        string? content;
        string? replyText = null;
        Guid? replyTo = null;
        IReadOnlyList<StagedFile> files = [];
        if (MessageUpload.IsMultipart(request))
        {
            var (upload, refused) = await MessageUpload.ReadAsync(request, store, options.Value, cancellationToken);
            if (refused is not null)
            {
                return Problem(refused);
            }
            (content, replyText, files) = (upload!.Content, upload.ReplyTo, upload.Files);
            if (!string.IsNullOrWhiteSpace(replyText))
            {
                if (!Guid.TryParse(replyText, out var id))
                {
                    AttachmentStore.Discard(files);
                    return Problem(new RealtimeRefusal("bad_request", "'reply_to_id' must be a message id."));
                }
                replyTo = id;
            }
        }
        else
        {
            var (body, refused) = await MessageBody.ReadAsync(request);
            if (refused is not null)
            {
                return Problem(refused);
            }
            (content, var badContent) = body!.Text("content", required: true);
            (replyTo, var badReply) = body.Id("reply_to_id");
            if ((badContent ?? badReply) is { } bad)
            {
                return Problem(bad);
            }
        }
        var outcome = await send.HandleAsync(Actor(user), channelId, content, replyTo, files, cancellationToken);
        return outcome.Refusal is { } refusal ? Problem(refusal) : Results.Json(MessageJson.Of(outcome.Message!), MessageJson.Options, statusCode: StatusCodes.Status201Created);
    }

    private static async Task<IResult> EditAsync(Guid channelId, Guid messageId, HttpRequest request, ClaimsPrincipal user, EditMessage edit, CancellationToken cancellationToken)
    {
        var (body, refused) = await MessageBody.ReadAsync(request);
        if (refused is not null)
        {
            return Problem(refused);
        }
        var (content, bad) = body!.Text("content", required: true);
        if (bad is not null)
        {
            return Problem(bad);
        }
        var outcome = await edit.HandleAsync(Actor(user), channelId, messageId, content, cancellationToken);
        return outcome.Refusal is { } refusal ? Problem(refusal) : Results.Json(MessageJson.Of(outcome.Message!), MessageJson.Options);
    }

    private static async Task<IResult> DeleteAsync(Guid channelId, Guid messageId, ClaimsPrincipal user, DeleteMessage delete, CancellationToken cancellationToken) =>
        await delete.HandleAsync(Actor(user), channelId, messageId, cancellationToken) is { } refusal ? Problem(refusal) : Results.NoContent();

    private static async Task<IResult> AddReactionAsync(Guid channelId, Guid messageId, string emoji, ClaimsPrincipal user, AddReaction add, CancellationToken cancellationToken) =>
        await add.HandleAsync(Actor(user), channelId, messageId, emoji, cancellationToken) is { } refusal ? Problem(refusal) : Results.NoContent();

    private static async Task<IResult> RemoveReactionAsync(Guid channelId, Guid messageId, string emoji, ClaimsPrincipal user, RemoveReaction remove, CancellationToken cancellationToken) =>
        await remove.HandleAsync(Actor(user), channelId, messageId, emoji, cancellationToken) is { } refusal ? Problem(refusal) : Results.NoContent();

    private static async Task<IResult> AttachAsync(Guid channelId, Guid messageId, HttpRequest request, ClaimsPrincipal user, AddAttachments attach, AttachmentStore store, IOptions<MessagesOptions> options, CancellationToken cancellationToken)
    {
        var (upload, refused) = await MessageUpload.ReadAsync(request, store, options.Value, cancellationToken);
        if (refused is not null)
        {
            return Problem(refused);
        }
        var outcome = await attach.HandleAsync(Actor(user), channelId, messageId, upload!.Files, cancellationToken);
        return outcome.Refusal is { } refusal ? Problem(refusal) : Results.Json(MessageJson.Of(outcome.Message!), MessageJson.Options);
    }

    private static async Task<IResult> PinAsync(Guid channelId, Guid messageId, ClaimsPrincipal user, PinMessage pin, CancellationToken cancellationToken)
    {
        var outcome = await pin.HandleAsync(Actor(user), channelId, messageId, cancellationToken);
        return outcome.Refusal is { } refusal ? Problem(refusal) : Results.Json(MessageJson.Of(outcome.Message!), MessageJson.Options);
    }

    private static async Task<IResult> UnpinAsync(Guid channelId, Guid messageId, ClaimsPrincipal user, UnpinMessage unpin, CancellationToken cancellationToken) =>
        (await unpin.HandleAsync(Actor(user), channelId, messageId, cancellationToken)).Refusal is { } refusal ? Problem(refusal) : Results.NoContent();

    private static async Task<IResult> ReadAsync(Guid channelId, HttpRequest request, ClaimsPrincipal user, MarkRead read, CancellationToken cancellationToken)
    {
        var (body, refused) = await MessageBody.ReadAsync(request, optional: true);
        if (refused is not null)
        {
            return Problem(refused);
        }
        var (messageId, bad) = body!.Id("message_id");
        if (bad is not null)
        {
            return Problem(bad);
        }
        return await read.HandleAsync(CurrentUser.RequiredId(user), channelId, messageId, cancellationToken) is { } refusal ? Problem(refusal) : Results.NoContent();
    }

    private static async Task<IResult> TypingAsync(Guid channelId, ClaimsPrincipal user, StartTyping typing, CancellationToken cancellationToken) =>
        await typing.HandleAsync(Actor(user), channelId, null, cancellationToken) is { } refusal ? Problem(refusal) : Results.NoContent();
}
