using System.Net;
using Meurs.Tests.Web.Support;
using Microsoft.EntityFrameworkCore;

namespace Meurs.Tests.Web.Accounts;

public sealed class ApiRegisterTests(MeursFactory factory) : IClassFixture<MeursFactory>
{
    [Fact]
    public async Task Register_ValidBody_Returns201WithIdUsernameAndStatusOnly()
    {
        using var api = ApiClient.For(factory);
        var username = NewName();

        var response = await api.RegisterAsync(username);

        Assert.Equal(HttpStatusCode.Created, response.Status);
        Assert.Equal("application/json", response.Message.Content.Headers.ContentType?.MediaType);
        var body = response.Json!.Value;
        Assert.Equal(username, body.GetProperty("username").GetString());
        Assert.Equal("offline", body.GetProperty("status").GetString());
        var id = body.GetProperty("id").GetGuid();
        Assert.Equal(id, await factory.WithDbAsync(db => db.Users.Where(u => u.UserName == username).Select(u => u.Id).SingleAsync()));
        Assert.Equal(["id", "username", "status"], body.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task Register_ValidBody_StoresAHashNotThePasswordAndAnswersNeither()
    {
        using var api = ApiClient.For(factory);
        var username = NewName();

        var response = await api.RegisterAsync(username);

        var raw = await response.Message.Content.ReadAsStringAsync();
        Assert.DoesNotContain(TestBrowser.DefaultPassword, raw, StringComparison.Ordinal);
        Assert.DoesNotContain("AQAAAA", raw, StringComparison.Ordinal); // the start of every Identity v3 hash
        var hash = await factory.WithDbAsync(db => db.Users.Where(u => u.UserName == username).Select(u => u.PasswordHash).SingleAsync());
        Assert.False(string.IsNullOrEmpty(hash));
        Assert.DoesNotContain(TestBrowser.DefaultPassword, hash, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Register_NewAccount_CanLogInOnThePage()
    {
        using var api = ApiClient.For(factory);
        var username = NewName();
        await api.RegisterAsync(username);
        using var browser = factory.NewBrowser();

        var (response, html) = await browser.LogInAsync(username, TestBrowser.DefaultPassword);

        Assert.True(response.StatusCode == HttpStatusCode.Redirect, TestBrowser.Errors(html));
    }

    [Fact]
    public async Task Register_SameNameInOtherCase_Returns400AlreadyTakenAndKeepsOneUser()
    {
        using var api = ApiClient.For(factory);
        var suffix = Guid.NewGuid().ToString("N")[..8];
        Assert.Equal(HttpStatusCode.Created, (await api.RegisterAsync("Bob" + suffix)).Status);

        var response = await api.RegisterAsync("bOB" + suffix);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Contains("already taken", response.Detail, StringComparison.Ordinal);
        Assert.Equal(1, await CountUsersAsync("BOB" + suffix));
    }

    [Fact]
    public async Task Register_NameTakenThroughTheSignUpPage_Returns400AlreadyTaken()
    {
        using var browser = await factory.SignedUpAsync();
        using var api = ApiClient.For(factory);

        var response = await api.RegisterAsync(browser.UserName.ToUpperInvariant());

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Contains("already taken", response.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(SignUpTests.BadUsernames), MemberType = typeof(SignUpTests))]
    public async Task Register_InvalidUsername_Returns400WithTheRuleAndCreatesNoUser(string username)
    {
        using var api = ApiClient.For(factory);

        var response = await api.RegisterAsync(username);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Contains("Username must be 3", response.Detail, StringComparison.Ordinal);
        Assert.Equal(0, await CountUsersAsync(username));
    }

    [Theory]
    [InlineData(7)]
    [InlineData(129)]
    public async Task Register_PasswordLengthOutOfRange_Returns400WithTheRule(int length)
    {
        using var api = ApiClient.For(factory);
        var username = NewName();

        var response = await api.RegisterAsync(username, Password(length));

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Contains("Password must be 8", response.Detail, StringComparison.Ordinal);
        Assert.Equal(0, await CountUsersAsync(username));
    }

    [Theory]
    [InlineData(8)]
    [InlineData(128)]
    public async Task Register_PasswordAtEdgeLength_Returns201(int length)
    {
        using var api = ApiClient.For(factory);

        var response = await api.RegisterAsync(NewName(), Password(length));

        Assert.Equal(HttpStatusCode.Created, response.Status);
    }

    [Fact]
    public async Task Register_PasswordWithTooFewDistinctCharacters_Returns400FromIdentitysValidator()
    {
        using var api = ApiClient.For(factory);
        var username = NewName();

        var response = await api.RegisterAsync(username, "abcabcabcabc");

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Contains("at least 4 different characters", response.Detail, StringComparison.Ordinal);
        Assert.Equal(0, await CountUsersAsync(username));
    }

    [Theory]
    [InlineData("{}", "'username' is required. 'password' is required.")]
    [InlineData("{\"username\": \"someone1\"}", "'password' is required.")]
    [InlineData("{\"password\": \"correct horse battery\"}", "'username' is required.")]
    public async Task Register_MissingField_Returns400NamingIt(string body, string expected)
    {
        using var api = ApiClient.For(factory);

        var response = await api.PostAsync("/api/auth/register", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal(expected, response.Detail);
    }

    [Theory]
    [InlineData("{\"username\": 12345, \"password\": \"correct horse battery\"}", "'username' must be a string.")]
    [InlineData("{\"username\": null, \"password\": \"correct horse battery\"}", "'username' must be a string.")]
    [InlineData("{\"username\": \"someone1\", \"password\": [\"x\"]}", "'password' must be a string.")]
    [InlineData("{\"username\": \"someone1\", \"password\": {\"p\": 1}}", "'password' must be a string.")]
    [InlineData("{\"username\": true, \"password\": 1}", "'username' must be a string. 'password' must be a string.")]
    [InlineData("[\"someone1\", \"correct horse battery\"]", "The body must be a JSON object")]
    [InlineData("\"someone1\"", "The body must be a JSON object")]
    [InlineData("{\"username\": \"someone1\",", "The body is not valid JSON.")]
    [InlineData("", "The body is not valid JSON.")]
    public async Task Register_WrongJsonShape_Returns400SayingWhat(string body, string expected)
    {
        using var api = ApiClient.For(factory);

        var response = await api.PostAsync("/api/auth/register", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.StartsWith(expected, response.Detail, StringComparison.Ordinal);
        Assert.Equal(0, await CountUsersAsync("someone1"));
    }

    [Fact]
    public async Task Register_FormInsteadOfJson_Returns415()
    {
        using var api = ApiClient.For(factory);
        var username = NewName();

        var response = await api.PostAsync("/api/auth/register", $"username={username}&password=correct+horse+battery", contentType: "application/x-www-form-urlencoded");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.Status);
        Assert.Contains("application/json", response.Detail, StringComparison.Ordinal);
        Assert.Equal(0, await CountUsersAsync(username));
    }

    [Fact]
    public async Task Register_HugeBody_Returns413()
    {
        using var api = ApiClient.For(factory);

        var response = await api.PostJsonAsync("/api/auth/register", new { username = NewName(), password = TestBrowser.DefaultPassword, padding = new string('x', 20_000) });

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.Status);
    }

    private static string NewName() => "r" + Guid.NewGuid().ToString("N")[..12];

    private static string Password(int length) => string.Concat(Enumerable.Range(0, length).Select(i => (char)('a' + (i % 26))));

    private Task<int> CountUsersAsync(string username)
    {
        var normalized = username.ToUpperInvariant();
        return factory.WithDbAsync(db => db.Users.CountAsync(u => u.NormalizedUserName == normalized));
    }
}
