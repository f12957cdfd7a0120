using Meurs.Web.Features.Jobs;
using Meurs.Web.Realtime;

namespace Meurs.Web.Features.Messages;

/// <summary>
/// Messages of text channels (a server's, or a direct message conversation's: a text channel with no server): markdown, replies, reactions, edits, attachments, mentions, pins, history by cursor,
/// read state and typing; and the message component rooms render with too. On the fabric: the history of the
/// <see cref="ChannelKind.Channel"/> kind (<see cref="ChannelLog"/>), its events' views, and two sockets authorized by the
/// kind's policy: <c>/ws/channels/{id}</c> for pages, <c>/api/ws/channels/{id}</c> for programs.
/// </summary>
internal static class MessagesFeature
{
    /// <summary>Registers the message options, use cases, events and views.</summary>
    public static WebApplicationBuilder AddMessages(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<MessagesOptions>().BindConfiguration(MessagesOptions.SectionName);
        builder.Services.AddSingleton<AttachmentStore>();
        builder.Services.AddSingleton<MessageFragments>();
        builder.Services.AddScoped<MessageQueries>();
        builder.Services.AddScoped<SendMessage>();
        builder.Services.AddScoped<EditMessage>();
        builder.Services.AddScoped<DeleteMessage>();
        builder.Services.AddScoped<AddReaction>();
        builder.Services.AddScoped<RemoveReaction>();
        builder.Services.AddScoped<ToggleReaction>();
        builder.Services.AddScoped<PinMessage>();
        builder.Services.AddScoped<UnpinMessage>();
        builder.Services.AddScoped<ListMessages>();
        builder.Services.AddScoped<MarkRead>();
        builder.Services.AddScoped<UnreadMarker>();
        builder.Services.AddScoped<ListPinnedMessages>();
        builder.Services.AddScoped<StartTyping>();
        builder.Services.AddScoped<AddAttachments>();
        // Files of messages deleted with their channel or server (the rows go with them, the files do not).
        builder.Services.AddRecurringJob<SweepOrphanAttachments>("23 * * * *");

        builder.Services.AddChannelLog<ChannelLog>();
        builder.Services.AddEventView<MessageSent, MessageSentView>();
        builder.Services.AddEventView<MessageEdited, MessageEditedView>();
        builder.Services.AddEventView<MessageDeleted, MessageDeletedView>();
        builder.Services.AddEventView<ReactionAdded, ReactionAddedView>();
        builder.Services.AddEventView<ReactionRemoved, ReactionRemovedView>();
        builder.Services.AddEventView<MessagePinned, MessagePinnedView>();
        builder.Services.AddEventView<TypingStarted, TypingStartedView>();
        builder.Services.AddEventView<ChannelHistoryShown, ChannelHistoryShownView>();
        builder.Services.AddEventView<ChannelResumed, ChannelResumedView>();
        builder.Services.AddSingleton<ChannelPageSocket>();
        builder.Services.AddSingleton<ChannelApiSocket>();
        return builder;
    }

    /// <summary>Maps the message API, the page's message endpoints and the channel sockets.</summary>
    public static IEndpointRouteBuilder MapMessages(this IEndpointRouteBuilder app)
    {
        app.MapMessagesApi();
        app.MapMessagesPages();
        app.MapPinsPage();
        app.MapChannelSocket<ChannelPageSocket, ChannelCommand>("/ws/channels/{id}");
        app.MapChannelSocket<ChannelApiSocket, ChannelCommand>("/api/ws/channels/{id}");
        return app;
    }
}
