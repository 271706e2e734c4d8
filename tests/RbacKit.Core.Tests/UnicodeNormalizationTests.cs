using RbacKit.Accounts.Recovery;
using System.Text;
using RbacKit.Accounts;

namespace RbacKit.Core.Tests;

/// <summary>Email keys and passwords are really normalized (NFKC, case fold) and look-alike emails share one skeleton.</summary>
public sealed class UnicodeNormalizationTests : IAsyncLifetime
{
    private TestHost _host = null!;

    public async Task InitializeAsync() => _host = await TestHost.CreateAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Theory]
    [InlineData("\uFF41dmin@example.com", "admin@example.com")]
    [InlineData("\u017Fuperadmin@example.com", "superadmin@example.com")]
    [InlineData("\u212Aate@example.com", "kate@example.com")]
    public void Compatibility_and_case_variants_have_the_ascii_key(string variant, string ascii) =>
        Assert.Equal(Normalizer.NormalizeKey(ascii), Normalizer.NormalizeKey(variant));

    [Theory]
    [InlineData("\u0430dmin@example.com", "admin@example.com")]
    [InlineData("superadm\u0131n@example.com", "superadmin@example.com")]
    [InlineData("\uFF41dmin@example.com", "admin@example.com")]
    [InlineData("\u017Fuperadmin@example.com", "superadmin@example.com")]
    public void Look_alike_emails_share_the_skeleton(string variant, string ascii) =>
        Assert.Equal(Normalizer.EmailSkeleton(ascii), Normalizer.EmailSkeleton(variant));

    [Fact]
    public void Different_emails_have_different_skeletons()
    {
        Assert.True(Confusables.Count > 6000);
        Assert.NotEqual(Normalizer.EmailSkeleton("admin@example.com"), Normalizer.EmailSkeleton("admins@example.com"));
    }

    [Fact]
    public void The_probe_refuses_a_normalization_that_does_nothing()
    {
        Assert.True(UnicodeSupport.Probe(static (s, form) => s.Normalize(form)));
        Assert.False(UnicodeSupport.Probe(static (s, _) => s));
    }

    [Theory]
    [InlineData("\u0430dmin@example.com")]
    [InlineData("adm\u0131n@example.com")]
    [InlineData("\uFF41dmin@example.com")]
    public async Task A_look_alike_of_an_existing_email_is_taken(string variant)
    {
        await _host.RegisterAsync("admin@example.com");
        var result = await _host.InScopeAsync<IAccountService, RbacResult<UserProfile>>(a =>
            a.RegisterAsync(new RegisterRequest(variant, TestHost.Password, TestHost.Password, "Ada", "Lovelace"), default));
        Assert.Equal(RbacErrorCodes.EmailTaken, result.Error?.Code);
        Assert.Equal("An account with this email already exists.", result.Error?.Message);
    }

    [Fact]
    public async Task An_email_change_to_a_look_alike_is_taken()
    {
        await _host.RegisterAsync("superadmin@example.com");
        var other = await _host.RegisterAsync("other@example.com");
        const string lookAlike = "\u017Fuperadm\u0131n@example.com";
        var requested = await _host.InScopeAsync<IAccountRecoveryService, RbacResult>(a => a.RequestEmailChangeAsync(other.Id, Guid.Empty, TestHost.Password, lookAlike, default));

        // Refused at once when the key matches, else when the link is confirmed (the skeleton's unique index).
        var result = requested.Succeeded
            ? await _host.InScopeAsync<IAccountRecoveryService, RbacResult>(a => a.ConfirmEmailAsync(_host.LinkTokenTo(lookAlike), default))
            : requested;
        Assert.Equal(RbacErrorCodes.EmailTaken, result.Error?.Code);
    }

    [Fact]
    public async Task A_password_registered_in_fullwidth_letters_logs_in_with_its_nfkc_form()
    {
        const string fullwidth = "\uFF43\uFF4F\uFF52\uFF52\uFF45\uFF43\uFF54 horse battery staple 42";
        await _host.RegisterAsync("wide@example.com", fullwidth);
        await _host.LoginOkAsync("wide@example.com", fullwidth.Normalize(NormalizationForm.FormKC));
        await _host.LoginOkAsync("\uFF57ide@example.com", fullwidth);
    }

    [Fact]
    public async Task The_seeder_fills_in_skeletons_of_older_accounts_and_the_older_look_alike_keeps_it()
    {
        // Accounts stored before the skeleton column existed: both look-alikes got in.
        var admin = await _host.RegisterAsync("admin@example.com");
        await ClearSkeletonAsync(admin.Id);
        _host.Time.Advance(TimeSpan.FromSeconds(1)); // ids are UUIDv7: a later millisecond sorts after
        var cyrillic = await _host.RegisterAsync("\u0430dmin@example.com");
        await ClearSkeletonAsync(cyrillic.Id);

        await _host.InScopeAsync<Seeding.IRbacSeeder, Seeding.SeedReport>(s => s.SeedAsync(default));

        Assert.Equal(Normalizer.EmailSkeleton("admin@example.com"), (await _host.Store.FindByIdAsync(admin.Id, default))!.EmailSkeleton);
        // The younger look-alike keeps working without a skeleton of its own (logged as event 1452).
        Assert.Null((await _host.Store.FindByIdAsync(cyrillic.Id, default))!.EmailSkeleton);
        await _host.LoginOkAsync("\u0430dmin@example.com");
        var again = await _host.InScopeAsync<IAccountService, RbacResult<UserProfile>>(a =>
            a.RegisterAsync(new RegisterRequest("adm\u0131n@example.com", TestHost.Password, TestHost.Password, "Ada", "Lovelace"), default));
        Assert.Equal(RbacErrorCodes.EmailTaken, again.Error?.Code);
    }

    private async Task ClearSkeletonAsync(Guid userId)
    {
        var user = (await _host.Store.FindByIdAsync(userId, default))!;
        var cleared = user with { EmailSkeleton = null, ConcurrencyStamp = Guid.CreateVersion7() };
        Assert.Equal(Stores.StoreResult.Success, await _host.Store.UpdateAsync(cleared, user.ConcurrencyStamp, default));
    }
}
