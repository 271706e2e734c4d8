using Microsoft.AspNetCore.Mvc;

namespace RbacKit.AspNetCore.Tests;

/// <summary>A controller guarded by the attributes.</summary>
[ApiController]
[Route("mvc/movies")]
[RequirePermission("movies:read")]
public sealed class MoviesController : ControllerBase
{
    [HttpGet]
    public IActionResult List() => Ok(new[] { "Metropolis" });

    [HttpPost]
    [RequirePermission("movies:write")]
    public IActionResult Create() => Ok("created");

    [HttpGet("special")]
    [RequireAnyPermission("movies:write", "series:read")]
    public IActionResult Special() => Ok("special");
}
