using QRCoder;

namespace RbacKit.AspNetCore;

/// <summary>Renders an <c>otpauth://</c> URI as an SVG QR code (no raster library needed).</summary>
internal static class QrCodeSvg
{
    public static string Render(string content)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(content, QRCodeGenerator.ECCLevel.M);
        using var svg = new SvgQRCode(data);
        return svg.GetGraphic(4, "#000000", "#ffffff", drawQuietZones: true, sizingMode: SvgQRCode.SizingMode.ViewBoxAttribute);
    }
}
