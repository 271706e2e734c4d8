using System.Text.Json;

namespace RbacKit.AspNetCore.Tests;

public sealed class OpenApiTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private readonly AuthHost _host = fixture.Host;

    [Fact]
    public async Task The_document_describes_every_endpoint_with_security_and_bodies()
    {
        var document = await (await _host.Client.GetAsync("/openapi/v1.json")).JsonAsync();
        var paths = document.GetProperty("paths");

        Assert.Equal("http", document.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer").GetProperty("type").GetString());
        var login = paths.GetProperty("/auth/login").GetProperty("post");
        Assert.Equal("RbacKit.Auth.Login", login.GetProperty("operationId").GetString());
        Assert.False(login.TryGetProperty("security", out _));
        Assert.True(login.GetProperty("requestBody").GetProperty("content").TryGetProperty("application/json", out _));
        foreach (var code in new[] { "200", "400", "401", "413", "415", "429" })
        {
            Assert.True(login.GetProperty("responses").TryGetProperty(code, out _), code);
        }

        var me = paths.GetProperty("/me").GetProperty("get");
        Assert.Equal(JsonValueKind.Array, me.GetProperty("security").ValueKind);
        Assert.Equal("The caller's profile.", me.GetProperty("summary").GetString());
        Assert.Contains("Account", me.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));

        var roles = paths.GetProperty("/roles").GetProperty("post");
        Assert.Equal(JsonValueKind.Array, roles.GetProperty("security").ValueKind);
        Assert.True(roles.GetProperty("responses").TryGetProperty("403", out _));
        Assert.True(paths.TryGetProperty("/users/{id}/permissions/{permission}", out _));
        Assert.True(paths.TryGetProperty("/.well-known/jwks.json", out _));
    }

    [Fact]
    public async Task Every_429_answer_documents_its_required_Retry_After_header()
    {
        var document = await (await _host.Client.GetAsync("/openapi/v1.json")).JsonAsync();
        var throttled = (
            from path in document.GetProperty("paths").EnumerateObject()
            from operation in path.Value.EnumerateObject()
            where operation.Value.TryGetProperty("responses", out var r) && r.TryGetProperty("429", out _)
            select (Name: $"{operation.Name} {path.Name}", Response: operation.Value.GetProperty("responses").GetProperty("429"))).ToList();

        Assert.Contains(throttled, t => t.Name == "post /auth/login");
        foreach (var (name, response) in throttled)
        {
            Assert.True(response.TryGetProperty("headers", out var headers), name);
            Assert.True(headers.TryGetProperty("Retry-After", out var header), name);
            Assert.True(header.GetProperty("required").GetBoolean(), name);
            Assert.Equal("integer", header.GetProperty("schema").GetProperty("type").GetString());
        }
    }
}
