namespace Meurs.Web.Features.Messages;

/// <summary>
/// Messages of server text channels: markdown, replies, reactions, edits, attachments, mentions, pins, history by cursor,
/// read state and typing; and the message component rooms render with too.
/// </summary>
internal static class MessagesFeature
{
    /// <summary>Registers the message use cases, events and views.</summary>
    public static WebApplicationBuilder AddMessages(this WebApplicationBuilder builder) => builder;

    /// <summary>Maps the message API and the channel sockets.</summary>
    public static IEndpointRouteBuilder MapMessages(this IEndpointRouteBuilder app) => app;
}
