using System.Collections.Concurrent;
using Meurs.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Meurs.Web.Features.Profiles;

/// <summary>
/// Names and avatars by user id, for <see cref="PersonName"/> wherever a name is shown (pages, htmx fragments and socket
/// pushes rendered outside any request, hence a singleton with its own scope for the database). Features keep their
/// own snapshot of a name (a message's author name); this is what the person is called now. Entries are dropped by
/// the profile use cases when a person changes (<see cref="Forget"/>); unknown ids are not remembered, so probing ids
/// cannot grow it. One node only: several nodes would forget through the bus.
/// </summary>
public sealed class PeopleDirectory(IServiceScopeFactory scopes)
{
    private readonly ConcurrentDictionary<Guid, Person> people = new();

    /// <summary>The person with <paramref name="id"/>, or null when there is no such account (any more).</summary>
    public async ValueTask<Person?> FindAsync(Guid id, CancellationToken cancellationToken = default)
    {
        if (people.TryGetValue(id, out var known))
        {
            return known;
        }
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<MeursDbContext>();
        var person = await db.Users.AsNoTracking().Where(u => u.Id == id)
            .Select(u => new Person(u.Id, u.UserName ?? "", u.DisplayName, u.Avatar))
            .FirstOrDefaultAsync(cancellationToken);
        if (person is not null)
        {
            people[id] = person;
        }
        return person;
    }

    /// <summary>Drops what is known of <paramref name="id"/>: their profile changed or their account went.</summary>
    public void Forget(Guid id) => people.TryRemove(id, out _);
}
