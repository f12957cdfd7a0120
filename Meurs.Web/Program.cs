using Meurs.Web.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddMeurs();

var app = builder.Build();
app.MapMeurs();
app.Run();

/// <summary>The web app's entry point; public so integration tests can host it with <c>WebApplicationFactory&lt;Program&gt;</c>.</summary>
public partial class Program;
