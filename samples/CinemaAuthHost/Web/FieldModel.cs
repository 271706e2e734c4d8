namespace CinemaAuthHost.Web;

/// <summary>What <c>Pages/Shared/_Field.cshtml</c> renders: a labelled input, its hint and its errors.</summary>
/// <param name="Name">The input's name and id, also its model-state key.</param>
/// <param name="Label">The visible label.</param>
/// <param name="Type">The input type.</param>
/// <param name="Value">The current value (never rendered for passwords).</param>
/// <param name="Autocomplete">The autocomplete token.</param>
/// <param name="Hint">Help text under the label, or null.</param>
/// <param name="Required">Whether the field is required.</param>
public sealed record FieldModel(string Name, string Label, string Type = "text", string? Value = null, string Autocomplete = "off", string? Hint = null, bool Required = true);
