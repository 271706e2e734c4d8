using Microsoft.AspNetCore.Mvc;
using RbacKit.AspNetCore;

namespace CinemaCatalogService;

/// <summary>Writes to the catalogue: an MVC controller protected with <see cref="RequirePermissionAttribute"/>.</summary>
[ApiController]
[Route("catalog")]
public sealed class CatalogController(Catalog catalog) : ControllerBase
{
    [HttpPost]
    [RequirePermission("movies:write")]
    public IActionResult Create(CatalogEntryInput input)
    {
        if (string.IsNullOrWhiteSpace(input.Title) || input.Title.Length > 200 || input.Year is null or < 1888 or > 2100)
        {
            return ValidationProblem(new ValidationProblemDetails(new Dictionary<string, string[]>
            {
                ["title"] = ["A title of 1 to 200 characters and a year between 1888 and 2100 are required."],
            }));
        }

        var entry = catalog.Add(input.Title.Trim(), input.Year.Value);
        return Created($"/catalog/{entry.Id}", entry);
    }
}
