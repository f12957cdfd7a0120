using System.Net;
using System.Text.Json;
using Meurs.Tests.Web.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Meurs.Tests.Web.Hosting;

/// <summary>
/// An exception no handler caught is answered 500 with problem details (RFC 9457) for programs, htmx and JSON, and with
/// the styled error page for a browser's page (GET or form POST); never with the exception's text or a stack trace.
/// The throwing endpoint exists only in this test's host.
/// </summary>
public sealed class UnexpectedErrorTests : IDisposable
{
    private const string Secret = "secret-detail-7f3a";
    private readonly MeursFactory factory = MeursFactory.With(services => services.AddSingleton<IStartupFilter>(new ThrowingEndpoint()));

    [Theory]
    [InlineData("/api/test/throws")]
    [InlineData("/test/throws")]
    public async Task Get_ThrowingEndpointAsAProgram_Returns500ProblemDetailsWithoutTheException(string path)
    {
        using var client = factory.CreateDefaultClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Accept", "application/json");

        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(body);
        Assert.Equal(500, problem.RootElement.GetProperty("status").GetInt32());
        AssertNothingLeaks(body);
    }

    [Fact]
    public async Task Get_ThrowingEndpointFromHtmx_Returns500ProblemDetails()
    {
        using var client = factory.CreateDefaultClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/test/throws");
        request.Headers.Add("HX-Request", "true");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        AssertNothingLeaks(await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Get_ThrowingPageInABrowser_Returns500StyledErrorPage()
    {
        using var browser = factory.NewBrowser();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/test/throws");
        request.Headers.Add("Accept", "text/html,application/xhtml+xml,*/*;q=0.8");

        using var response = await browser.Client.SendAsync(request);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Something went wrong", html, StringComparison.Ordinal);
        Assert.Contains("/css/", html, StringComparison.Ordinal); // in the site's layout
        AssertNothingLeaks(html);
    }

    [Fact]
    public async Task PostForm_ThrowingInABrowser_Returns500StyledErrorPage()
    {
        using var browser = factory.NewBrowser();

        var (response, html) = await browser.PostFormAsync("/test/throws", [new("field", "value")], tokenPage: null);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Something went wrong", html, StringComparison.Ordinal);
        AssertNothingLeaks(html);
    }

    public void Dispose() => factory.Dispose();

    private static void AssertNothingLeaks(string body)
    {
        Assert.DoesNotContain(Secret, body, StringComparison.Ordinal);
        Assert.DoesNotContain("InvalidOperationException", body, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", body, StringComparison.Ordinal);
        Assert.DoesNotContain(".cs:line", body, StringComparison.Ordinal);
    }

    // Runs at the end of the app's own pipeline, where a request no endpoint matched arrives: inside the exception handler.
    private sealed class ThrowingEndpoint : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.Use((HttpContext context, RequestDelegate following) => context.Request.Path.Value?.EndsWith("/test/throws", StringComparison.Ordinal) == true
                ? throw new InvalidOperationException(Secret)
                : following(context));
        };
    }
}
