namespace Meurs.Fuzz;

/// <summary>
/// Thrown by a harness when a parser accepted input but what it returned contradicts itself (a round trip that changes
/// the packet, lengths that do not add up): afl-fuzz records it as a crash like any other escaped exception.
/// </summary>
internal sealed class InvariantViolationException(string message) : Exception(message)
{
    /// <summary>Check throws when <paramref name="condition"/> is false.</summary>
    public static void Check(bool condition, string message)
    {
        if (!condition)
        {
            throw new InvariantViolationException(message);
        }
    }
}
