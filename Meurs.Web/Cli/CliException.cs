namespace Meurs.Web.Cli;

/// <summary>
/// A command could not do what was asked, for a reason the person at the terminal can act on (unknown user, broken
/// rule, refused token). <see cref="MeursCli"/> prints the message as <c>meurs: …</c> on stderr and exits with 1.
/// </summary>
/// <param name="message">One or more sentences for the person, without the <c>meurs:</c> prefix.</param>
public sealed class CliException(string message) : Exception(message);
