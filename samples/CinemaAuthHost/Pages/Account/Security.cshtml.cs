using CinemaAuthHost.Web;
using Microsoft.AspNetCore.Mvc;
using QRCoder;
using RbacKit.Accounts;
using RbacKit.AspNetCore;
using RbacKit.Mfa;

namespace CinemaAuthHost.Pages.Account;

/// <summary>
/// TOTP enrolment (QR code and secret, then a code, then the recovery codes, shown once) and disabling: the
/// <see cref="IMfaService"/> calls of <c>/me/mfa/totp/*</c>, behind the same per-user limit. Between the two enrolment
/// steps the pending secret (to show it again after a wrong code) and the password, if one was given, travel in
/// <see cref="MfaStepProtector"/> state.
/// </summary>
public sealed class SecurityModel : CinemaPageModel
{
    private const string Purpose = "totp-setup";

    internal bool MfaEnabled { get; private set; }

    internal TotpSetup? Setup { get; private set; }

    internal string? QrSvg { get; private set; }

    internal IReadOnlyList<string>? RecoveryCodes { get; private set; }

    [BindProperty]
    public string? CurrentPassword { get; set; }

    [BindProperty]
    public string? Code { get; set; }

    [BindProperty]
    public string? RecoveryCode { get; set; }

    [BindProperty]
    public string? State { get; set; }

    public Task<IActionResult> OnGetAsync() => ShowAsync();

    public async Task<IActionResult> OnPostBeginAsync()
    {
        if (!await PermitAsync(RbacKitThrottle.Mfa, Session.UserId.ToString()))
        {
            return await ShowAsync();
        }

        var password = string.IsNullOrEmpty(CurrentPassword) ? null : CurrentPassword;
        var result = await Get<IMfaService>().BeginTotpSetupAsync(Session.UserId, Session.SessionId, password, HttpContext.RequestAborted);
        if (!result.Succeeded)
        {
            ShowError(result.Error!);
            return await ShowAsync();
        }

        ShowSetup(result.Value!, password);
        return await ShowAsync();
    }

    public async Task<IActionResult> OnPostConfirmAsync()
    {
        if (Get<MfaStepProtector>().Unprotect(Purpose, State) is not [var password, var secret, var uri])
        {
            ShowError("The set-up took too long. Start it again.");
            return await ShowAsync();
        }

        var setup = new TotpSetup(secret, uri);
        if (!await PermitAsync(RbacKitThrottle.Mfa, Session.UserId.ToString()))
        {
            ShowSetup(setup, password);
            return await ShowAsync();
        }

        if (string.IsNullOrWhiteSpace(Code))
        {
            ModelState.AddModelError(nameof(Code), "Enter the code the app shows.");
            ShowError("Enter the 6-digit code from your authenticator app.");
            ShowSetup(setup, password);
            return await ShowAsync();
        }

        var result = await Get<IMfaService>().ConfirmTotpAsync(Session.UserId, Session.SessionId, password.Length == 0 ? null : password, Code.Trim(), HttpContext.RequestAborted);
        if (!result.Succeeded)
        {
            ShowError(result.Error!);
            ShowSetup(setup, password);
            return await ShowAsync();
        }

        RecoveryCodes = result.Value;
        return await ShowAsync();
    }

    public async Task<IActionResult> OnPostDisableAsync()
    {
        if (!await PermitAsync(RbacKitThrottle.Mfa, Session.UserId.ToString()))
        {
            return await ShowAsync();
        }

        if (string.IsNullOrWhiteSpace(Code) && string.IsNullOrWhiteSpace(RecoveryCode))
        {
            ShowError("Enter a code from your authenticator app, or a recovery code.");
            return await ShowAsync();
        }

        var result = await Get<IMfaService>().DisableTotpAsync(Session.UserId, NullIfEmpty(Code), NullIfEmpty(RecoveryCode), HttpContext.RequestAborted);
        if (!result.Succeeded)
        {
            ShowError(result.Error!);
            return await ShowAsync();
        }

        Notice("Two-step verification is off.");
        return RedirectToPage();
    }

    private void ShowSetup(TotpSetup setup, string? password)
    {
        Setup = setup;
        QrSvg = Render(setup.OtpAuthUri);
        State = Get<MfaStepProtector>().Protect(Purpose, password ?? "", setup.Secret, setup.OtpAuthUri);
    }

    private async Task<IActionResult> ShowAsync()
    {
        var profile = await Get<IAccountService>().GetProfileAsync(Session.UserId, HttpContext.RequestAborted);
        if (!profile.Succeeded)
        {
            return Denied();
        }

        MfaEnabled = profile.Value!.MfaEnabled;
        return Page();
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>The QR code as inline SVG markup (no script, no style attribute: allowed by the pages' CSP).</summary>
    private static string Render(string content)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(content, QRCodeGenerator.ECCLevel.M);
        using var svg = new SvgQRCode(data);
        return svg.GetGraphic(4, "#000000", "#ffffff", drawQuietZones: true, sizingMode: SvgQRCode.SizingMode.ViewBoxAttribute);
    }
}
