namespace Meurs.Web.Realtime;

/// <summary>
/// The seam between publishing and delivery (DESIGN.md §3, §8). In-process now (<see cref="InProcessRealtimeBus"/>); a
/// backplane can carry <see cref="Publication"/>s between nodes later without any feature changing.
/// </summary>
public interface IRealtimeBus
{
    /// <summary>Sends <paramref name="publication"/> to every node's delivery, in publishing order per channel.</summary>
    Task SendAsync(Publication publication);

    /// <summary>Sets where this node's deliveries go (the hub); called once at start-up.</summary>
    void OnDeliver(Func<Publication, Task> deliver);
}

/// <summary>The bus of a single node: delivery happens on the publisher's call, so order is the publisher's order.</summary>
public sealed class InProcessRealtimeBus : IRealtimeBus
{
    private Func<Publication, Task>? deliver;

    /// <inheritdoc />
    public Task SendAsync(Publication publication) => deliver is { } d ? d(publication) : Task.CompletedTask;

    /// <inheritdoc />
    public void OnDeliver(Func<Publication, Task> deliver) => this.deliver = deliver;
}
