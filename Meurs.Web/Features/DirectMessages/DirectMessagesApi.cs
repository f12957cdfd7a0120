using System.Security.Claims;
using Meurs.Web.Data;
using Meurs.Web.Features.Accounts;
using Meurs.Web.Features.Messages;
using Meurs.Web.Realtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Meurs.Web.Features.DirectMessages;

/// <summary>
/// The Chat system's direct message API, with a bearer token (<see cref="AccessTokenAuthentication.ApiPolicy"/>); direct
/// messages are <see cref="DirectMessageJson"/> objects; errors are problem details (400 bad input or oneself, 401
/// anonymous, 403 refused — blocked, friends only, someone else's message —, 404 an unknown person or a message one may
/// not see). The one-to-one conversation behind <c>{user_id}</c> is opened by the first message; its messages are also
/// a text channel's, so everything else (edit, reactions, pins, read state, typing) goes through
/// <c>/api/channels/{conversation_id}/…</c> and <c>/api/ws/channels/{conversation_id}</c>.
/// <list type="bullet">
/// <item><c>GET /api/dms</c> → 200 [{id, type ("dm"|"group_dm"), name, participants [{id, username}], last_activity, unread_count}], most recent first</item>
/// <item><c>GET /api/dms/{user_id}?before={message_id}&amp;limit=1..100</c> → 200 [direct messages] with that person, oldest first ([] when none)</item>
/// <item><c>POST /api/dms/{user_id}</c> <c>{content, reply_to_id?}</c> → 201 direct message</item>
/// <item><c>DELETE /api/dms/{message_id}</c> → 204 (own only)</item>
/// <item><c>POST /api/dms/{message_id}/attachments</c> multipart <c>file</c> parts → 200 direct message (own only)</item>
/// </list>
/// Live: <c>dm.created</c> and <c>dm.deleted</c> on <c>/api/ws/me</c>.
/// </summary>
internal static class DirectMessagesApi
{
    public static IEndpointRouteBuilder MapDirectMessagesApi(this IEndpointRouteBuilder app)
    {
        var dms = app.MapGroup("/api/dms").RequireAuthorization(AccessTokenAuthentication.ApiPolicy);
        dms.MapGet("/", ListConversationsAsync);
        dms.MapGet("/{userId:guid}", ListAsync);
        dms.MapPost("/{userId:guid}", SendAsync);
        dms.MapDelete("/{messageId:guid}", DeleteAsync);
        dms.MapPost("/{messageId:guid}/attachments", AttachAsync).DisableAntiforgery();
        return app;
    }

    private static async Task<IResult> ListConversationsAsync(ClaimsPrincipal user, Inboxes inboxes, CancellationToken cancellationToken)
    {
        var inbox = await inboxes.InboxAsync(CurrentUser.RequiredId(user), cancellationToken);
        return Results.Json(inbox.Conversations.Select(c => new ConversationData(
            c.ChannelId, c.IsGroup ? "group_dm" : "dm", c.Title, [.. c.People.Select(p => new AuthorData(p.Id, p.UserName))], c.LastActivity, c.Unread)), MessageJson.Options);
    }

    private static async Task<IResult> ListAsync(Guid userId, HttpRequest request, ClaimsPrincipal user, MeursDbContext db, ListMessages list, CancellationToken cancellationToken)
    {
        var me = CurrentUser.RequiredId(user);
        var (page, bad) = MessagesApi.ReadPage(request.Query);
        if (bad is not null)
        {
            return MessagesApi.Problem(bad);
        }
        if (userId == me)
        {
            return MessagesApi.Problem(new RealtimeRefusal("bad_request", "There are no direct messages with yourself."));
        }
        var other = await db.Users.Where(u => u.Id == userId).Select(u => new ConversationPerson(u.Id, u.UserName ?? "")).FirstOrDefaultAsync(cancellationToken);
        if (other is null)
        {
            return MessagesApi.Problem(ConversationOutcome.UserNotFound);
        }
        var key = Conversation.PairKeyOf(me, userId);
        if (await db.Conversations.Where(c => c.PairKey == key).Select(c => (Guid?)c.ChannelId).FirstOrDefaultAsync(cancellationToken) is not { } channelId)
        {
            return Results.Json(Array.Empty<DirectMessageData>(), MessageJson.Options);
        }
        var result = await list.HandleAsync(me, channelId, page!, cancellationToken);
        if (result.Refusal is { } refusal)
        {
            return MessagesApi.Problem(refusal);
        }
        var self = new ConversationPerson(me, user.Identity?.Name ?? "");
        return Results.Json(result.Messages.Select(m => DirectMessageJson.Of(m, m.Message.AuthorId == me ? other : self)), MessageJson.Options);
    }

    private static async Task<IResult> SendAsync(Guid userId, HttpRequest request, ClaimsPrincipal user, MeursDbContext db, OpenDirectConversation open, SendMessage send, CancellationToken cancellationToken)
    {
        var (body, refused) = await MessageBody.ReadAsync(request);
        if (refused is not null)
        {
            return MessagesApi.Problem(refused);
        }
        var (content, badContent) = body!.Text("content", required: true);
        var (replyTo, badReply) = body.Id("reply_to_id");
        if ((badContent ?? badReply) is { } bad)
        {
            return MessagesApi.Problem(bad);
        }
        var actor = MessagesApi.Actor(user);
        var opened = await open.HandleAsync(actor.Id, userId, cancellationToken);
        if (opened.Refusal is { } refusal)
        {
            return MessagesApi.Problem(refusal);
        }
        var outcome = await send.HandleAsync(actor, opened.ChannelId!.Value, content, replyTo, [], cancellationToken);
        if (outcome.Refusal is { } sendRefusal)
        {
            return MessagesApi.Problem(sendRefusal);
        }
        var recipient = await db.Users.Where(u => u.Id == userId).Select(u => new ConversationPerson(u.Id, u.UserName ?? "")).FirstAsync(cancellationToken);
        return Results.Json(DirectMessageJson.Of(outcome.Message!, recipient), MessageJson.Options, statusCode: StatusCodes.Status201Created);
    }

    private static async Task<IResult> DeleteAsync(Guid messageId, ClaimsPrincipal user, MeursDbContext db, DeleteMessage delete, CancellationToken cancellationToken)
    {
        if (await ConversationOfAsync(db, messageId, cancellationToken) is not { } channelId)
        {
            return MessagesApi.Problem(MessageOutcome.MessageNotFound);
        }
        return await delete.HandleAsync(MessagesApi.Actor(user), channelId, messageId, cancellationToken) is { } refusal ? MessagesApi.Problem(refusal) : Results.NoContent();
    }

    private static async Task<IResult> AttachAsync(Guid messageId, HttpRequest request, ClaimsPrincipal user, MeursDbContext db, Inboxes inboxes, AddAttachments attach, AttachmentStore store, IOptions<MessagesOptions> options, CancellationToken cancellationToken)
    {
        if (await ConversationOfAsync(db, messageId, cancellationToken) is not { } channelId)
        {
            return MessagesApi.Problem(MessageOutcome.MessageNotFound);
        }
        var (upload, refused) = await MessageUpload.ReadAsync(request, store, options.Value, cancellationToken);
        if (refused is not null)
        {
            return MessagesApi.Problem(refused);
        }
        var outcome = await attach.HandleAsync(MessagesApi.Actor(user), channelId, messageId, upload!.Files, cancellationToken);
        if (outcome.Refusal is { } refusal)
        {
            return MessagesApi.Problem(refusal);
        }
        var people = await inboxes.ParticipantsAsync(channelId, cancellationToken);
        var isGroup = await db.ServerChannels.AnyAsync(c => c.Id == channelId && c.Type == Servers.ChannelType.GroupDirectMessage, cancellationToken);
        return Results.Json(DirectMessageJson.Of(outcome.Message!, DirectMessageJson.RecipientOf(outcome.Message!, people, isGroup)), MessageJson.Options);
    }

    // The conversation a message is in, or null for an unknown message or one of a server channel (not a direct message);
    // whether the person may see it is the channel policy's to say, through the use case.
    private static async Task<Guid?> ConversationOfAsync(MeursDbContext db, Guid messageId, CancellationToken cancellationToken) =>
        await db.Messages.Where(m => m.Id == messageId)
            .Join(db.ServerChannels.Where(c => c.ServerId == null), m => m.ChannelId, c => c.Id, (m, _) => (Guid?)m.ChannelId)
            .FirstOrDefaultAsync(cancellationToken);
}

/// <summary>A conversation for programs (see <see cref="DirectMessagesApi"/>).</summary>
#pragma warning disable CS1591 // the fields are documented on DirectMessagesApi, in the order they are written
public sealed record ConversationData(Guid Id, string Type, string Name, IReadOnlyList<AuthorData> Participants, DateTime LastActivity, int UnreadCount);
#pragma warning restore CS1591
