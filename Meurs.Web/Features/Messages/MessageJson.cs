using System.Text.Json;
using System.Text.Json.Serialization;

namespace Meurs.Web.Features.Messages;

/// <summary>
/// A message as programs read it, with the Chat system's field names (snake_case; absent values are <c>null</c>, not left
/// out, as the Chat system sent them): <c>{id, channel_id, seq, content, author {id, username}, created_at, edited_at,
/// reply_to_id, reply_to {id, author {id, username}, content}, attachments [{id, filename, file_type, content_type, url,
/// size, width, height}], reactions [{emoji, count, users [{id, username}]}], mentions [{mentioned_user_id,
/// mentioned_username, mentioned_role_id, mentioned_role_name}], mentions_everyone, is_deleted, pinned, pinned_at}</c>.
/// Times are ISO 8601 UTC.
/// </summary>
public static class MessageJson
{
    /// <summary>The serializer options of the message API and its events: snake_case, nulls written.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    /// <summary>The JSON shape of <paramref name="message"/>.</summary>
    public static MessageData Of(ChannelMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var m = message.Message;
        return new MessageData(
            m.Id, m.ChannelId, m.Seq, m.Content, new AuthorData(m.AuthorId, m.AuthorName), m.CreatedAt, m.EditedAt, m.ReplyToId,
            message.ReplyTo is { } quote ? new ReplyData(quote.Id, new AuthorData(quote.AuthorId, quote.AuthorName), quote.Excerpt) : null,
            [.. m.Attachments.Select(a => new AttachmentData(a.Id, a.FileName, FileType(a.Kind), a.ContentType, AttachmentUrl(m.ChannelId, a.Id), a.Size, a.Width, a.Height))],
            [.. message.Reactions.Select(g => new ReactionData(g.Emoji, g.Users.Count, [.. g.Users.Select(u => new AuthorData(u.Id, u.UserName))]))],
            [.. m.Mentions.Select(x => new MentionData(x.UserId, x.UserName, x.RoleId, x.RoleName))],
            m.MentionsEveryone, false, m.PinnedAt is not null, m.PinnedAt);
    }

    /// <summary>The envelope <c>{"type":<paramref name="type"/>,"data":<paramref name="data"/>}</c> in these options.</summary>
    public static string Envelope<T>(string type, T data) => JsonSerializer.Serialize(new { type, data }, Options);

    /// <summary>Where an attachment is downloaded: <c>/channels/{channel_id}/attachments/{attachment_id}</c> (ids "N").</summary>
    public static string AttachmentUrl(Guid channelId, Guid attachmentId) => $"/channels/{channelId:N}/attachments/{attachmentId:N}";

    /// <summary>The Chat system's <c>file_type</c>: image, audio, video or file.</summary>
    public static string FileType(AttachmentKind kind) => kind switch
    {
        AttachmentKind.Image => "image",
        AttachmentKind.Audio => "audio",
        AttachmentKind.Video => "video",
        _ => "file",
    };
}

/// <summary>A message for programs (see <see cref="MessageJson"/>).</summary>
#pragma warning disable CS1591 // the fields are documented on MessageJson, in the order they are written
public sealed record MessageData(
    Guid Id, Guid ChannelId, long Seq, string Content, AuthorData Author, DateTime CreatedAt, DateTime? EditedAt, Guid? ReplyToId, ReplyData? ReplyTo,
    IReadOnlyList<AttachmentData> Attachments, IReadOnlyList<ReactionData> Reactions, IReadOnlyList<MentionData> Mentions,
    bool MentionsEveryone, bool IsDeleted, bool Pinned, DateTime? PinnedAt);

/// <summary>An author or reacting person: <c>{id, username}</c>.</summary>
public sealed record AuthorData(Guid? Id, string Username);

/// <summary>A quoted message: <c>{id, author, content}</c> (content is an excerpt).</summary>
public sealed record ReplyData(Guid Id, AuthorData Author, string Content);

/// <summary>An attachment.</summary>
public sealed record AttachmentData(Guid Id, [property: JsonPropertyName("filename")] string FileName, string FileType, string ContentType, string Url, long Size, int? Width, int? Height);

/// <summary>One emoji's reactions.</summary>
public sealed record ReactionData(string Emoji, int Count, IReadOnlyList<AuthorData> Users);

/// <summary>A mention: a person's or a role's fields are set, the other two are null.</summary>
public sealed record MentionData(Guid? MentionedUserId, string? MentionedUsername, Guid? MentionedRoleId, string? MentionedRoleName);
#pragma warning restore CS1591
