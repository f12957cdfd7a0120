namespace Meurs.Web.Realtime;

/// <summary>
/// <c>/ws/me</c>: the layout's personal socket. Today it tells the page it is live (the connection indicator);
/// badges, presence and mentions will ride it. Topic <c>me/{userId}</c>, so every tab of a user is reachable.
/// </summary>
internal static class MeSocketEndpoint
{
    public static string Topic(Guid userId) => $"me/{userId:N}";

    public static IEndpointRouteBuilder MapMeSocket(this IEndpointRouteBuilder app)
    {
        app.Map("/ws/me", async (HttpContext http, SocketAcceptor acceptor, TopicHub hub) =>
        {
            if (acceptor.Check(http) is { } refusal)
            {
                return refusal;
            }
            var connection = await acceptor.AcceptAsync(http);
            var topic = Topic(connection.UserId);
            hub.Join(topic, connection);
            try
            {
                // Nothing is expected from the client yet; whatever it sends is ignored rather than trusted.
                await connection.RunAsync(_ => Task.CompletedTask, http.RequestAborted);
            }
            finally
            {
                hub.Leave(topic, connection);
            }
            return Results.Empty;
        });
        return app;
    }
}
