using Meurs.Web.Features.Calls;
using Meurs.Web.Features.Messages;
using Meurs.Web.Features.Servers;
using Meurs.Web.Realtime;

namespace Meurs.Web.Features.DirectMessages;

/// <summary>
/// Direct messages, one-to-one and in groups of up to ten. A conversation is a text channel with no server (Discord's
/// DM channel): its messages, attachments, reactions, pins, read state, typing and call are the Messages and Calls
/// features', reached through the same <c>/ws/channels/{id}</c>, <c>/api/channels/{id}/…</c> and <c>/ws/voice/{id}</c>,
/// authorized by the <see cref="ChannelKind.Channel"/> policy (participants only; 404 for anyone else). This feature
/// owns who is in which conversation (<see cref="Conversation"/>, <see cref="ConversationMember"/>), the rules for
/// starting one (<see cref="OpenDirectConversation"/>, <see cref="CreateGroupConversation"/>, <see cref="AddToGroup"/>,
/// <see cref="LeaveGroup"/>, <see cref="RenameGroup"/>), the block checked at send time
/// (<see cref="DirectMessageSendRule"/>), the conversation list with unread counts, the navigation's badge, the pages
/// <c>/dms</c> and <c>/dms/{id}</c>, the Chat system's <c>/api/dms</c>, and <c>dm.created</c> / <c>dm.deleted</c> on
/// <c>/api/ws/me</c> (<see cref="DirectMessageObserver"/>).
/// </summary>
internal static class DirectMessagesFeature
{
    /// <summary>Registers the use cases, the send rule, the observer of message events and the views.</summary>
    public static WebApplicationBuilder AddDirectMessages(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddScoped<Inboxes>();
        services.AddScoped<OpenDirectConversation>();
        services.AddScoped<DirectMessageRule>();
        services.AddScoped<CreateGroupConversation>();
        services.AddScoped<AddToGroup>();
        services.AddScoped<LeaveGroup>();
        services.AddScoped<RenameGroup>();
        services.AddScoped<ISendRule, DirectMessageSendRule>();

        services.AddSingleton<DirectMessageObserver>();
        services.AddSingleton<IEventObserver<MessageSent>>(s => s.GetRequiredService<DirectMessageObserver>());
        services.AddSingleton<IEventObserver<MessageDeleted>>(s => s.GetRequiredService<DirectMessageObserver>());
        services.AddSingleton<IEventObserver<ConversationRead>>(s => s.GetRequiredService<DirectMessageObserver>());
        services.AddSingleton<IEventObserver<CallParticipantsChanged>>(s => s.GetRequiredService<DirectMessageObserver>());

        services.AddSingleton<DirectMessageViews>();
        services.AddSingleton<IEventView<DirectMessageCreated>>(s => s.GetRequiredService<DirectMessageViews>());
        services.AddSingleton<IEventView<DirectMessageDeleted>>(s => s.GetRequiredService<DirectMessageViews>());
        services.AddSingleton<IEventView<InboxChanged>>(s => s.GetRequiredService<DirectMessageViews>());
        services.AddSingleton<IEventView<ConversationCallChanged>>(s => s.GetRequiredService<DirectMessageViews>());
        return builder;
    }

    /// <summary>Maps <c>/api/dms</c> (the pages are routed components).</summary>
    public static IEndpointRouteBuilder MapDirectMessages(this IEndpointRouteBuilder app)
    {
        app.MapDirectMessagesApi();
        return app;
    }
}
