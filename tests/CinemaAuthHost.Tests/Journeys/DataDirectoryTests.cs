using CinemaAuthHost.Hosting;
using Microsoft.Extensions.Configuration;

namespace CinemaAuthHost.Tests;

/// <summary>
/// A relative <c>Data:Directory</c> (the default <c>./data</c> too) is read against the working directory, as the user
/// reads it, not against the content root (issue 12: two hosts started from different folders shared one SQLite file).
/// </summary>
public sealed class DataDirectoryTests
{
    [Fact]
    public void A_relative_data_directory_resolves_against_the_working_directory()
    {
        var name = $"data-dir-test-{Guid.NewGuid():N}";
        var configuration = new ConfigurationBuilder().AddInMemoryCollection([new("Data:Directory", $"./{name}")]).Build();
        try
        {
            Assert.Equal(Path.Combine(Environment.CurrentDirectory, name), CinemaStorage.DataDirectory(configuration));
        }
        finally
        {
            Directory.Delete(Path.Combine(Environment.CurrentDirectory, name));
        }
    }

    [Fact]
    public void The_default_is_data_in_the_working_directory_and_an_absolute_path_stays_as_it_is()
    {
        var absolute = Path.Combine(Path.GetTempPath(), $"data-dir-test-{Guid.NewGuid():N}");
        try
        {
            Assert.Equal(absolute, CinemaStorage.DataDirectory(new ConfigurationBuilder().AddInMemoryCollection([new("Data:Directory", absolute)]).Build()));
            Assert.Equal(Path.Combine(Environment.CurrentDirectory, "data"), CinemaStorage.DataDirectory(new ConfigurationBuilder().Build()));
        }
        finally
        {
            Directory.Delete(absolute);
        }
    }
}
