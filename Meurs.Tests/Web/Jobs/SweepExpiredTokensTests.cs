using Meurs.Tests.Web.Support;
using Meurs.Web.Features.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Meurs.Tests.Web.Jobs;

/// <summary>The sweep, triggered through Hangfire, against tokens seeded around a fixed clock.</summary>
public sealed class SweepExpiredTokensTests
{
    private static readonly DateTimeOffset Now = new(2031, 6, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Run_MixOfTokens_DeletesExpiredAndLongRevokedKeepsTheRest()
    {
        using var factory = MeursFactory.With(services => services.AddSingleton<TimeProvider>(new FakeTimeProvider(Now)));
        using var user = await factory.SignedUpAsync();
        var now = Now.UtcDateTime;
        var expired = await SeedAsync(factory, user, "expired", expiresAt: now.AddMinutes(-1));
        var expiringNow = await SeedAsync(factory, user, "expiring now", expiresAt: now);
        var revokedLongAgo = await SeedAsync(factory, user, "revoked 8 days ago", expiresAt: now.AddDays(30), revokedAt: now.AddDays(-8));
        var valid = await SeedAsync(factory, user, "valid", expiresAt: now.AddDays(1));
        var revokedRecently = await SeedAsync(factory, user, "revoked yesterday", expiresAt: now.AddDays(30), revokedAt: now.AddDays(-1));

        var run = await HangfireJobs.TriggerAsync(factory, nameof(SweepExpiredTokens));

        Assert.Equal("Succeeded", run.State);
        Assert.Equal(3, run.Affected);
        var left = await factory.WithDbAsync(db => db.AccessTokens.AsNoTracking().Select(t => t.Id).ToListAsync());
        Assert.Equal(new[] { valid, revokedRecently }.Order(), left.Order());
        Assert.DoesNotContain(expired, left);
        Assert.DoesNotContain(expiringNow, left);
        Assert.DoesNotContain(revokedLongAgo, left);
    }

    [Fact]
    public async Task Run_ConfiguredRevokedRetention_IsTheOneApplied()
    {
        using var factory = MeursFactory.With(
            services => services.AddSingleton<TimeProvider>(new FakeTimeProvider(Now)),
            new Dictionary<string, string?> { ["Jobs:RevokedTokenRetention"] = "00:00:00" });
        using var user = await factory.SignedUpAsync();
        await SeedAsync(factory, user, "revoked a minute ago", expiresAt: Now.UtcDateTime.AddDays(30), revokedAt: Now.UtcDateTime.AddMinutes(-1));

        var run = await HangfireJobs.TriggerAsync(factory, nameof(SweepExpiredTokens));

        Assert.Equal(1, run.Affected);
        Assert.Equal(0, await factory.WithDbAsync(db => db.AccessTokens.CountAsync()));
    }

    private static async Task<Guid> SeedAsync(MeursFactory factory, TestBrowser user, string name, DateTime expiresAt, DateTime? revokedAt = null) =>
        await factory.WithDbAsync(async db =>
        {
            var userId = await db.Users.Where(u => u.UserName == user.UserName).Select(u => u.Id).SingleAsync();
            var token = new AccessToken
            {
                UserId = userId,
                Name = name,
                TokenHash = AccessTokenSecret.Hash(AccessTokenSecret.New()),
                CreatedAt = expiresAt.AddDays(-60),
                ExpiresAt = expiresAt,
                RevokedAt = revokedAt,
            };
            db.AccessTokens.Add(token);
            await db.SaveChangesAsync();
            return token.Id;
        });
}
