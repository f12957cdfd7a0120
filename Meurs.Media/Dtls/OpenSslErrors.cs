using System.Text;

namespace Meurs.Media.Dtls;

/// <summary>
/// OpenSslErrors reads OpenSSL's thread-local error queue. Every operation clears the queue
/// first, so what is drained after a failure belongs to that operation and not to whatever the
/// thread did earlier.
/// </summary>
internal static unsafe class OpenSslErrors
{
    // Bounded so a pathological queue can't make one failure message unbounded.
    private const int MaxErrors = 16;

    internal static void Clear() => LibCrypto.ERR_clear_error();

    /// <summary>
    /// Drain empties the queue and returns its entries joined with "; " (oldest first), or
    /// null when it was empty.
    /// </summary>
    internal static string? Drain()
    {
        StringBuilder? text = null;
        var buffer = stackalloc byte[256];
        var count = 0;
        while (true)
        {
            var error = LibCrypto.ERR_get_error();
            if (error.Value == 0)
            {
                break;
            }

            if (count++ >= MaxErrors)
            {
                continue;
            }

            LibCrypto.ERR_error_string_n(error, buffer, 256);
            var message = new string((sbyte*)buffer);
            text = text is null ? new StringBuilder(message) : text.Append("; ").Append(message);
        }

        return text?.ToString();
    }

    /// <summary>Describe prefixes <paramref name="what"/> to the drained queue, if any.</summary>
    internal static string Describe(string what)
    {
        var queue = Drain();
        return queue is null ? what : $"{what}: {queue}";
    }
}
