using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Meurs.Web.Data;

/// <summary>
/// Every <see cref="DateTime"/> Meurs stores is UTC; SQLite keeps it as text without a zone, so reading it back would
/// give <see cref="DateTimeKind.Unspecified"/> and JSON without the <c>Z</c>. This converter, applied to every DateTime
/// property by convention (<see cref="MeursDbContext"/>), marks what is read as UTC: the one place that fact lives.
/// Writing a local time throws <see cref="ArgumentException"/>: it would otherwise be stored shifted.
/// </summary>
public sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(v => ToStore(v), v => DateTime.SpecifyKind(v, DateTimeKind.Utc))
{
    private static DateTime ToStore(DateTime value) =>
        value.Kind == DateTimeKind.Local ? throw new ArgumentException("Meurs stores UTC times only.", nameof(value)) : value;
}
