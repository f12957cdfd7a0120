using System.Threading.RateLimiting;

namespace Meurs.Web.Realtime;

/// <summary>
/// What one socket endpoint adds to the <see cref="SocketPipeline"/>: which channel its URL names, which protocol it
/// speaks, and what its typed commands do. The pipeline does the rest, in the same order for every endpoint: origin and
/// authentication, the channel's policy, accept, replay, presence, commands, leave. Register with
/// <see cref="SocketPipeline.MapChannelSocket{TSocket, TCommand}"/>.
/// </summary>
/// <typeparam name="TCommand">
/// The base of this socket's commands: an abstract record with <c>[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]</c>
/// and one <c>[JsonDerivedType]</c> per command; properties are snake_case.
/// </typeparam>
public abstract class ChannelSocket<TCommand> where TCommand : class
{
    /// <summary>What this endpoint's connections speak.</summary>
    public abstract SocketProtocol Protocol { get; }

    /// <summary>The channel the request's URL names, or null when the id is malformed (answered 404).</summary>
    public abstract ChannelId? ChannelOf(HttpContext http);

    /// <summary>True when the endpoint takes <c>?after=seq</c> to resume after a sequence number.</summary>
    public virtual bool AcceptsResume => false;

    /// <summary>True when the endpoint takes binary messages (else one closes the socket with 1003).</summary>
    public virtual bool AcceptsBinary => false;

    /// <summary>
    /// The command type assumed for a message with no <c>"type"</c>: an hx-ws form sends its fields and nothing else.
    /// Null: such a message is refused.
    /// </summary>
    public virtual string? DefaultCommandType => null;

    /// <summary>Other channels this connection also receives (a room page shows its call's participants); each is authorized by its own policy.</summary>
    public virtual IReadOnlyList<ChannelId> AlsoReceives(ChannelId channel) => [];

    /// <summary>The feature's presence state for a person arriving (a call participant's media state), or null.</summary>
    public virtual object? InitialPresenceState(ChannelUser user) => null;

    /// <summary>A rate limiter for one connection's commands, or null for none; past it a command is refused with <c>rate_limited</c>.</summary>
    public virtual RateLimiter? CreateCommandLimiter() => null;

    /// <summary>Called once the connection is subscribed and present, before its first command.</summary>
    public virtual Task OnOpenedAsync(SocketSession session) => Task.CompletedTask;

    /// <summary>Carries out <paramref name="command"/>, already authorized by the channel's policy. Returns null, or why it was refused.</summary>
    public abstract Task<RealtimeRefusal?> HandleAsync(SocketSession session, TCommand command);

    /// <summary>Carries out a binary message (only when <see cref="AcceptsBinary"/>). Returns null, or why it was refused.</summary>
    public virtual Task<RealtimeRefusal?> HandleBinaryAsync(SocketSession session, ReadOnlyMemory<byte> bytes) =>
        Task.FromResult<RealtimeRefusal?>(new RealtimeRefusal("bad_request", "Binary messages are not accepted here."));

    /// <summary>
    /// Tells the sender that <paramref name="command"/> (null when it could not be read) was refused. By default the
    /// JSON error <c>{"type":"error","code","detail"}</c>; a page may show it in place instead.
    /// </summary>
    public virtual Task RefuseAsync(SocketSession session, RealtimeRefusal refusal, TCommand? command)
    {
        ArgumentNullException.ThrowIfNull(session);
        session.Send(RealtimeJson.Error(refusal));
        return Task.CompletedTask;
    }

    /// <summary>Called when the connection has closed, after it was unsubscribed and before its presence ends.</summary>
    public virtual Task OnClosedAsync(SocketSession session) => Task.CompletedTask;
}
