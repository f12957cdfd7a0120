using System.Text.Json.Serialization;

namespace Meurs.Web.Realtime;

/// <summary>
/// <c>/ws/me</c>: the layout's personal socket on the person's <see cref="ChannelKind.User"/> channel, so every tab of
/// theirs is reachable. Being connected is being online (a view of <see cref="PresenceService"/>); badges, mentions and
/// everything else addressed to the person ride it. It takes <c>{"type":"ping"}</c> and nothing else.
/// </summary>
public class MeSocket : ChannelSocket<MeCommand>
{
    /// <inheritdoc />
    public override SocketProtocol Protocol => SocketProtocol.Htmx;

    /// <inheritdoc />
    public override ChannelId? ChannelOf(HttpContext http) =>
        CurrentUser.Id(http?.User ?? throw new ArgumentNullException(nameof(http))) is { } id ? ChannelId.User(id) : null;

    /// <inheritdoc />
    public override Task<RealtimeRefusal?> HandleAsync(SocketSession session, MeCommand command) => Task.FromResult<RealtimeRefusal?>(null);

    /// <inheritdoc />
    // Whatever else a page sends is ignored rather than answered: the layout's socket has nowhere to show an error.
    public override Task RefuseAsync(SocketSession session, RealtimeRefusal refusal, MeCommand? command) => Task.CompletedTask;
}

/// <summary>
/// <c>/api/ws/me</c>: the same personal channel for programs (a bearer token), with every event addressed to the person
/// as a JSON envelope <c>{"type":"resource.action","data":{…}}</c> (the Chat system's <c>/ws</c> events).
/// </summary>
public sealed class MeApiSocket : MeSocket
{
    /// <inheritdoc />
    public override SocketProtocol Protocol => SocketProtocol.Json;
}

/// <summary>What a page may send on <c>/ws/me</c>.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(MePing), "ping")]
public abstract record MeCommand;

/// <summary>A keep-alive from the page; nothing is answered.</summary>
public sealed record MePing : MeCommand;
