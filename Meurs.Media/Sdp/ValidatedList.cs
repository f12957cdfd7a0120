using System.Collections.ObjectModel;

namespace Meurs.Media.Sdp;

/// <summary>
/// ValidatedList is a list that runs each item through a check on the way in, so that lists the
/// model exposes for editing cannot be given items its writer could not write.
/// </summary>
internal sealed class ValidatedList<T>(Func<T, T> check) : Collection<T>
{
    protected override void InsertItem(int index, T item) => base.InsertItem(index, check(item));

    protected override void SetItem(int index, T item) => base.SetItem(index, check(item));
}
