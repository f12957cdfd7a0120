using System.Buffers.Text;
using Meurs.Tests.Web.Support;
using Meurs.Web.Data;
using Meurs.Web.Features.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Meurs.Tests.Web.Accounts;

/// <summary>The token commands on the real database: hashing, expiry from the app's clock, revocation and ownership.</summary>
public sealed class AccessTokenCommandTests(MeursFactory factory) : IClassFixture<MeursFactory>
{
    [Fact]
    public void New_Secret_IsPrefixedBase64UrlOf32RandomBytes()
    {
        var secrets = Enumerable.Range(0, 50).Select(_ => AccessTokenSecret.New()).ToList();

        Assert.All(secrets, s =>
        {
            Assert.StartsWith("meurs_", s, StringComparison.Ordinal);
            Assert.Equal(AccessTokenSecret.Length, s.Length);
            Assert.Equal(32, Base64Url.DecodeFromChars(s.AsSpan(6)).Length);
            Assert.True(AccessTokenSecret.IsWellFormed(s));
        });
        Assert.Equal(secrets.Count, secrets.Distinct().Count());
    }

    [Fact]
    public void Hash_IsLowerHexSha256OfTheWholeSecret()
    {
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData("meurs_test"u8)), AccessTokenSecret.Hash("meurs_test"));
        Assert.NotEqual(AccessTokenSecret.Hash("meurs_a"), AccessTokenSecret.Hash("meurs_b"));
    }

    [Fact]
    public async Task Create_StoresOnlyTheHashOfTheSecret()
    {
        var userId = await NewUserAsync(factory);

        var outcome = await InScopeAsync(factory, (CreateAccessToken create) => create.HandleAsync(userId, "  laptop CLI  ", 7, default));

        Assert.True(outcome.Succeeded);
        var stored = await factory.WithDbAsync(db => db.AccessTokens.AsNoTracking().SingleAsync(t => t.Id == outcome.Token.Id));
        Assert.Equal("laptop CLI", stored.Name);
        Assert.Equal(AccessTokenSecret.Hash(outcome.Secret), stored.TokenHash);
        var cells = await factory.WithDbAsync(async db =>
        {
            // Every column of every row, as SQLite holds it: the secret (or its random part) must be in none.
            var connection = db.Database.GetDbConnection();
            await db.Database.OpenConnectionAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT * FROM AccessTokens";
            await using var reader = await command.ExecuteReaderAsync();
            var values = new List<string>();
            while (await reader.ReadAsync())
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    values.Add(Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture) ?? "");
                }
            }
            return values;
        });
        Assert.NotEmpty(cells);
        Assert.DoesNotContain(cells, c => c.Contains(outcome.Secret[6..], StringComparison.Ordinal));
    }

    [Fact]
    public async Task Create_OnAFakeClock_ExpiresExactlyTheLifetimeLaterAndStopsWorkingThen()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2030, 1, 2, 3, 4, 5, TimeSpan.Zero));
        using var timed = MeursFactory.With(services => services.AddSingleton<TimeProvider>(clock));
        var userId = await NewUserAsync(timed);

        var outcome = await InScopeAsync(timed, (CreateAccessToken create) => create.HandleAsync(userId, "bot", 3, default));

        Assert.Equal(new DateTime(2030, 1, 2, 3, 4, 5, DateTimeKind.Utc), outcome.Token!.CreatedAt);
        Assert.Equal(new DateTime(2030, 1, 5, 3, 4, 5, DateTimeKind.Utc), outcome.Token.ExpiresAt);
        using var api = ApiClient.For(timed);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await api.GetAsync("/api/users/me", outcome.Secret)).Status);
        clock.Advance(TimeSpan.FromDays(3));
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, (await api.GetAsync("/api/users/me", outcome.Secret)).Status);
    }

    [Fact]
    public async Task Create_WithoutLifetime_UsesTheDefault30Days()
    {
        var userId = await NewUserAsync(factory);

        var outcome = await InScopeAsync(factory, (CreateAccessToken create) => create.HandleAsync(userId, "x", null, default));

        Assert.Equal(TimeSpan.FromDays(30), outcome.Token!.ExpiresAt - outcome.Token.CreatedAt);
    }

    [Theory]
    [InlineData("", 30, "Give the token a name.")]
    [InlineData("   ", 30, "Give the token a name.")]
    [InlineData(null, 30, "Give the token a name.")]
    [InlineData("tab\tname", 30, "A token name cannot contain control characters.")]
    [InlineData("ok", 0, "A token lasts 1 to 365 days.")]
    [InlineData("ok", 366, "A token lasts 1 to 365 days.")]
    [InlineData("ok", -5, "A token lasts 1 to 365 days.")]
    public async Task Create_BadInput_RefusesAndStoresNothing(string? name, int days, string expected)
    {
        var userId = await NewUserAsync(factory);

        var outcome = await InScopeAsync(factory, (CreateAccessToken create) => create.HandleAsync(userId, name, days, default));

        Assert.False(outcome.Succeeded);
        Assert.Equal(expected, outcome.Error);
        Assert.Equal(0, await factory.WithDbAsync(db => db.AccessTokens.CountAsync(t => t.UserId == userId)));
    }

    [Theory]
    [InlineData(64, true)]
    [InlineData(65, false)]
    public async Task Create_NameLength_AllowsUpTo64(int length, bool allowed)
    {
        var userId = await NewUserAsync(factory);

        var outcome = await InScopeAsync(factory, (CreateAccessToken create) => create.HandleAsync(userId, new string('n', length), 1, default));

        Assert.Equal(allowed, outcome.Succeeded);
    }

    [Fact]
    public async Task Revoke_OwnToken_SetsRevokedAtOnceAndKeepsTheFirstTime()
    {
        var userId = await NewUserAsync(factory);
        var created = await InScopeAsync(factory, (CreateAccessToken create) => create.HandleAsync(userId, "x", 1, default));

        Assert.Equal(RevokeAccessToken.Outcome.Revoked, await InScopeAsync(factory, (RevokeAccessToken revoke) => revoke.HandleAsync(userId, created.Token!.Id, default)));
        var first = await RevokedAtAsync(created.Token!.Id);
        await Task.Delay(5);
        Assert.Equal(RevokeAccessToken.Outcome.Revoked, await InScopeAsync(factory, (RevokeAccessToken revoke) => revoke.HandleAsync(userId, created.Token.Id, default)));

        Assert.NotNull(first);
        Assert.Equal(first, await RevokedAtAsync(created.Token.Id));
    }

    [Fact]
    public async Task Revoke_AnotherUsersToken_NotFoundAndTheTokenStillWorks()
    {
        var ownerId = await NewUserAsync(factory);
        var attackerId = await NewUserAsync(factory);
        var created = await InScopeAsync(factory, (CreateAccessToken create) => create.HandleAsync(ownerId, "x", 1, default));

        var outcome = await InScopeAsync(factory, (RevokeAccessToken revoke) => revoke.HandleAsync(attackerId, created.Token!.Id, default));

        Assert.Equal(RevokeAccessToken.Outcome.NotFound, outcome);
        Assert.Null(await RevokedAtAsync(created.Token!.Id));
        using var api = ApiClient.For(factory);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await api.GetAsync("/api/users/me", created.Secret)).Status);
    }

    [Fact]
    public async Task List_ReturnsOnlyTheUsersTokensNewestFirst()
    {
        var userId = await NewUserAsync(factory);
        var otherId = await NewUserAsync(factory);
        foreach (var name in new[] { "first", "second", "third" })
        {
            await InScopeAsync(factory, (CreateAccessToken create) => create.HandleAsync(userId, name, 1, default));
        }
        await InScopeAsync(factory, (CreateAccessToken create) => create.HandleAsync(otherId, "theirs", 1, default));

        var tokens = await InScopeAsync(factory, (ListAccessTokens list) => list.HandleAsync(userId, default));

        Assert.Equal(["third", "second", "first"], tokens.Select(t => t.Name));
        Assert.All(tokens, t => Assert.Equal(DateTimeKind.Utc, t.CreatedAt.Kind));
    }

    private Task<DateTime?> RevokedAtAsync(Guid tokenId) =>
        factory.WithDbAsync(db => db.AccessTokens.Where(t => t.Id == tokenId).Select(t => t.RevokedAt).SingleAsync());

    private static async Task<Guid> NewUserAsync(MeursFactory host)
    {
        using var api = ApiClient.For(host);
        var name = "t" + Guid.NewGuid().ToString("N")[..12];
        var response = await api.RegisterAsync(name);
        return response.Json!.Value.GetProperty("id").GetGuid();
    }

    private static async Task<TResult> InScopeAsync<TService, TResult>(MeursFactory host, Func<TService, Task<TResult>> action)
        where TService : notnull
    {
        using var scope = host.Services.CreateScope();
        _ = scope.ServiceProvider.GetRequiredService<MeursDbContext>();
        return await action(scope.ServiceProvider.GetRequiredService<TService>());
    }
}
