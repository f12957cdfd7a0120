namespace Meurs.Web.Realtime;

/// <summary>The JSON view of <see cref="ConnectionReplaced"/>: <c>{"type":"replaced"}</c>, as the call protocol has always sent.</summary>
public sealed class ConnectionReplacedView : IEventView<ConnectionReplaced>
{
    /// <inheritdoc />
    public Task<IReadOnlyList<string>> HtmxAsync(ConnectionReplaced e) => Task.FromResult<IReadOnlyList<string>>([]);

    /// <inheritdoc />
    public IReadOnlyList<string> Json(ConnectionReplaced e) => ["""{"type":"replaced"}"""];
}
