using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using NJsonSchema.CodeGeneration.CSharp;
using NSwag;
using NSwag.CodeGeneration.CSharp;

namespace CinemaAuthHost.Tests;

/// <summary>
/// A C# client generated from an OpenAPI document by NSwag (System.Text.Json, the caller's <see cref="HttpClient"/> and its
/// base address), compiled in-process by Roslyn against the running framework and loaded into a collectible context.
/// Operations are called by the names NSwag gives them; their body parameters are built from anonymous objects.
/// </summary>
public sealed class GeneratedClient : IDisposable
{
    public const string Namespace = "Cinema.Generated";
    public const string ClassName = "CinemaClient";

    private readonly AssemblyLoadContext _context;
    private readonly Type _clientType;

    private GeneratedClient(AssemblyLoadContext context, Assembly assembly, string code)
    {
        _context = context;
        Assembly = assembly;
        Code = code;
        _clientType = assembly.GetType($"{Namespace}.{ClassName}", throwOnError: true)!;
    }

    public Assembly Assembly { get; }

    /// <summary>The generated source, for failure messages.</summary>
    public string Code { get; }

    /// <summary>Generates the client from <paramref name="openApiJson"/> and compiles it; a compile error fails with the diagnostics.</summary>
    public static async Task<GeneratedClient> GenerateAsync(string openApiJson)
    {
        var document = await OpenApiDocument.FromJsonAsync(openApiJson);
        var settings = new CSharpClientGeneratorSettings
        {
            ClassName = ClassName,
            UseBaseUrl = false,
            GenerateClientInterfaces = false,
            CSharpGeneratorSettings = { Namespace = Namespace, JsonLibrary = CSharpJsonLibrary.SystemTextJson },
        };
        var code = new CSharpClientGenerator(document, settings).GenerateFile();

        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(path => MetadataReference.CreateFromFile(path));
        var compilation = CSharpCompilation.Create(
            "CinemaGeneratedClient",
            [CSharpSyntaxTree.ParseText(code, new CSharpParseOptions(LanguageVersion.Latest))],
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        using var image = new MemoryStream();
        var emitted = compilation.Emit(image);
        var errors = emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        if (!emitted.Success)
        {
            throw new InvalidOperationException($"The generated client does not compile ({errors.Count} errors):\n{string.Join('\n', errors.Take(20))}");
        }

        image.Position = 0;
        var context = new AssemblyLoadContext("CinemaGeneratedClient", isCollectible: true);
        return new GeneratedClient(context, context.LoadFromStream(image), code);
    }

    /// <summary>An instance of the generated client over <paramref name="http"/> (its base address is the API's).</summary>
    public object Create(HttpClient http) => Activator.CreateInstance(_clientType, http)!;

    /// <summary>
    /// Calls the operation NSwag named <paramref name="operation"/> (<c>{operation}Async</c>, the overload without a
    /// cancellation token). An anonymous object stands for a parameter of a generated type; its properties are copied.
    /// </summary>
    public async Task<object?> CallAsync(object client, string operation, params object?[] arguments)
    {
        var method = _clientType.GetMethods(BindingFlags.Public | BindingFlags.Instance)
            .SingleOrDefault(m => m.Name == operation + "Async" && m.GetParameters().All(p => p.ParameterType != typeof(CancellationToken)))
            ?? throw new InvalidOperationException($"The generated client has no {operation}Async; it has {string.Join(", ", _clientType.GetMethods().Select(m => m.Name).Distinct())}.");
        var parameters = method.GetParameters();
        var values = parameters.Select((p, i) => i < arguments.Length ? Convert(arguments[i], p.ParameterType) : p.DefaultValue).ToArray();
        var task = (Task)method.Invoke(client, values)!;
        await task;
        return task.GetType().GetProperty(nameof(Task<object>.Result))?.GetValue(task);
    }

    /// <summary>A property of a generated object, by its C# name.</summary>
    public static object? Get(object? instance, string property)
    {
        ArgumentNullException.ThrowIfNull(instance);
        return (instance.GetType().GetProperty(property) ?? throw new InvalidOperationException($"{instance.GetType().Name} has no property {property}."))
            .GetValue(instance);
    }

    public void Dispose() => _context.Unload();

    private static object? Convert(object? argument, Type type)
    {
        if (argument is null || type.IsInstanceOfType(argument))
        {
            return argument;
        }

        var instance = Activator.CreateInstance(type)!;
        foreach (var property in argument.GetType().GetProperties())
        {
            var target = type.GetProperty(property.Name) ?? throw new InvalidOperationException($"{type.Name} has no property {property.Name}.");
            target.SetValue(instance, property.GetValue(argument));
        }

        return instance;
    }
}
