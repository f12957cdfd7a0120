using Microsoft.AspNetCore.Identity;

namespace Meurs.Web.Features.Accounts;

/// <summary>Caps password length at <see cref="AccountRules.PasswordMaxLength"/>; Identity only has a minimum.</summary>
internal sealed class PasswordLengthValidator : IPasswordValidator<MeursUser>
{
    public Task<IdentityResult> ValidateAsync(UserManager<MeursUser> manager, MeursUser user, string? password) =>
        Task.FromResult(password is { Length: > AccountRules.PasswordMaxLength }
            ? IdentityResult.Failed(new IdentityError { Code = "PasswordTooLong", Description = $"Passwords must be at most {AccountRules.PasswordMaxLength} characters." })
            : IdentityResult.Success);
}
