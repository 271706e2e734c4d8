using System.Net;
using System.Text;

namespace RbacKit.AspNetCore.Tests;

public sealed class JsonBodyTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private readonly AuthHost _host = fixture.Host;

    [Theory]
    [InlineData("{\"email\": ")]
    [InlineData("{\"email\": 5, \"password\": \"x\"}")]
    [InlineData("[1, 2]")]
    [InlineData("null")]
    [InlineData("")]
    [InlineData("{\"email\":\"a@b.c\",\"email\":\"d@e.f\",\"password\":\"x\"}")]
    public async Task Malformed_json_is_a_400_problem(string body)
    {
        var response = await _host.Client.PostAsync("/auth/login", new StringContent(body, Encoding.UTF8, "application/json"));
        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "invalid_json");
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    public async Task A_body_that_is_not_json_is_a_415_problem(string contentType)
    {
        var content = new StringContent("{}", Encoding.UTF8);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        var response = await _host.Client.PostAsync("/auth/register", content);
        await response.AssertProblemAsync(HttpStatusCode.UnsupportedMediaType, "unsupported_media_type");
    }

    [Fact]
    public async Task A_missing_content_type_is_a_415_problem()
    {
        var response = await _host.Client.PostAsync("/auth/refresh", new ByteArrayContent("{}"u8.ToArray()));
        await response.AssertProblemAsync(HttpStatusCode.UnsupportedMediaType, "unsupported_media_type");
    }

    [Fact]
    public async Task An_oversized_body_is_a_413_problem()
    {
        var body = "{\"email\":\"" + new string('a', 70 * 1024) + "\"}";
        var response = await _host.Client.PostAsync("/auth/login", new StringContent(body, Encoding.UTF8, "application/json"));
        await response.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge, "payload_too_large");
    }

    [Fact]
    public async Task An_oversized_body_without_a_length_is_a_413_problem()
    {
        var body = Encoding.UTF8.GetBytes("{\"email\":\"" + new string('a', 70 * 1024) + "\"}");
        var content = new StreamContent(new UnknownLengthStream(body));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        var response = await _host.Client.PostAsync("/auth/login", content);
        await response.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge, "payload_too_large");
    }

    [Fact]
    public async Task Application_json_with_a_charset_is_read_and_a_vendor_json_type_is_415()
    {
        var content = new StringContent("{\"refreshToken\":\"x\"}", Encoding.UTF8);
        content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse("Application/JSON; charset=utf-8");
        await (await _host.Client.PostAsync("/auth/refresh", content)).AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid_token");

        // The OpenAPI document states application/json only, so a structured-suffix type is not read as JSON.
        var vendor = new StringContent("{\"refreshToken\":\"x\"}", Encoding.UTF8);
        vendor.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse("application/vnd.rbackit+json; charset=utf-8");
        await (await _host.Client.PostAsync("/auth/refresh", vendor)).AssertProblemAsync(HttpStatusCode.UnsupportedMediaType, "unsupported_media_type");
    }

    /// <summary>A stream whose length is unknown, so the body is sent chunked.</summary>
    private sealed class UnknownLengthStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;
    }
}
