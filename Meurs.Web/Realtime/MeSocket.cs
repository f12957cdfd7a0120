using System.Text.Json.Serialization;

namespace Meurs.Web.Realtime;

/// <summary>
/// <c>/ws/me</c>: the layout's personal socket on the person's <see cref="ChannelKind.User"/> channel, so every tab of
/// theirs is reachable. Being connected is being online (a view of <see cref="PresenceService"/>); badges, mentions and
/// everything else addressed to the person ride it. It takes <c>{"type":"ping"}</c> and <c>{"type":"active"}</c>: the
/// page saw input, which keeps the person from going idle (<see cref="UserActivity"/>). An arrival counts as input; a page
/// opened while the person was already present (another tab, a reload) says <c>active</c> itself.
/// </summary>
public class MeSocket(PresenceService presence, TimeProvider time) : ChannelSocket<MeCommand>
{
    /// <inheritdoc />
    public override SocketProtocol Protocol => SocketProtocol.Htmx;

    /// <inheritdoc />
    public override ChannelId? ChannelOf(HttpContext http) =>
        CurrentUser.Id(http?.User ?? throw new ArgumentNullException(nameof(http))) is { } id ? ChannelId.User(id) : null;

    /// <inheritdoc />
    public override object? InitialPresenceState(ChannelUser user) => new UserActivity(time.GetUtcNow().UtcDateTime);

    /// <inheritdoc />
    public override async Task<RealtimeRefusal?> HandleAsync(SocketSession session, MeCommand command)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (command is MeActive)
        {
            await InputAsync(session);
        }
        return null;
    }

    /// <inheritdoc />
    // Whatever else a page sends is ignored rather than answered: the layout's socket has nowhere to show an error.
    public override Task RefuseAsync(SocketSession session, RealtimeRefusal refusal, MeCommand? command) => Task.CompletedTask;

    private async Task InputAsync(SocketSession session) =>
        await presence.SetStateAsync(session.Channel, session.User.Id, new UserActivity(time.GetUtcNow().UtcDateTime));
}

/// <summary>
/// <c>/api/ws/me</c>: the same personal channel for programs (a bearer token), with every event addressed to the person
/// as a JSON envelope <c>{"type":"resource.action","data":{…}}</c> (the Chat system's <c>/ws</c> events).
/// </summary>
public sealed class MeApiSocket(PresenceService presence, TimeProvider time) : MeSocket(presence, time)
{
    /// <inheritdoc />
    public override SocketProtocol Protocol => SocketProtocol.Json;
}

/// <summary>What a page may send on <c>/ws/me</c>.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(MePing), "ping")]
[JsonDerivedType(typeof(MeActive), "active")]
public abstract record MeCommand;

/// <summary>A keep-alive from the page; nothing is answered.</summary>
public sealed record MePing : MeCommand;

/// <summary>The person gave input in this tab (pages send it at most about once a minute while input goes on).</summary>
public sealed record MeActive : MeCommand;
