using Meurs.Web.Cli;

// `meurs` and `meurs serve` run the web app; the other verbs are operator commands and a terminal client (see Cli/).
return await MeursCli.RunAsync(args);

/// <summary>The web app's entry point; public so integration tests can host it with <c>WebApplicationFactory&lt;Program&gt;</c>.</summary>
public partial class Program;
