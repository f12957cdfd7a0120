using System.Net;

namespace Meurs.Web.Cli;

/// <summary>The Meurs server answered an API call with an error status.</summary>
/// <param name="status">The HTTP status, e.g. 401 for a token that does not work, 404 for a room that is gone.</param>
/// <param name="detail">The answer's <c>detail</c> sentence, or the status's reason phrase when it had none.</param>
public sealed class ApiRefusalException(HttpStatusCode status, string detail) : Exception($"{detail} ({(int)status})")
{
    /// <summary>The HTTP status.</summary>
    public HttpStatusCode Status { get; } = status;

    /// <summary>The server's sentence.</summary>
    public string Detail { get; } = detail;
}
