namespace Meurs.Web.Features.Servers;

/// <summary>Reordering lists of positioned things (categories, channels): 0, 1, 2, … in the order given.</summary>
internal static class Ordering
{
    /// <summary>True when <paramref name="order"/> holds each of <paramref name="ids"/> exactly once and nothing else.</summary>
    public static bool IsPermutation(IReadOnlyList<Guid> order, IEnumerable<Guid> ids)
    {
        var set = ids.ToHashSet();
        return order.Count == set.Count && order.Distinct().Count() == set.Count && order.All(set.Contains);
    }

    /// <summary>Gives each item its index in <paramref name="order"/> as position; returns the items whose position changed.</summary>
    public static List<T> Apply<T>(IEnumerable<T> items, IReadOnlyList<Guid> order, Func<T, Guid> id, Func<T, int> position, Action<T, int> setPosition)
    {
        var moved = new List<T>();
        var byId = items.ToDictionary(id);
        for (var i = 0; i < order.Count; i++)
        {
            var item = byId[order[i]];
            if (position(item) != i)
            {
                setPosition(item, i);
                moved.Add(item);
            }
        }
        return moved;
    }
}
