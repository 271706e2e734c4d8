using System.Diagnostics.CodeAnalysis;

namespace RbacKit;

/// <summary>The outcome of an operation without a value: success or an <see cref="RbacError"/>.</summary>
public readonly record struct RbacResult
{
    private RbacResult(RbacError? error) => Error = error;

    /// <summary>The failure, or <see langword="null"/> on success.</summary>
    public RbacError? Error { get; }

    /// <summary>Whether the operation succeeded.</summary>
    [MemberNotNullWhen(false, nameof(Error))]
    public bool Succeeded => Error is null;

    /// <summary>A success.</summary>
    public static RbacResult Success => default;

    /// <summary>A failure.</summary>
    public static RbacResult Fail(RbacError error) => new(error ?? throw new ArgumentNullException(nameof(error)));

    /// <summary>Converts a failure.</summary>
    public static implicit operator RbacResult(RbacError error) => Fail(error);
}

/// <summary>The outcome of an operation: a value or an <see cref="RbacError"/>.</summary>
/// <typeparam name="T">The value type.</typeparam>
public readonly record struct RbacResult<T>
{
    private RbacResult(T? value, RbacError? error)
    {
        Value = value;
        Error = error;
    }

    /// <summary>The value on success.</summary>
    public T? Value { get; }

    /// <summary>The failure, or <see langword="null"/> on success.</summary>
    public RbacError? Error { get; }

    /// <summary>Whether the operation succeeded.</summary>
    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool Succeeded => Error is null;

    /// <summary>A success.</summary>
    public static RbacResult<T> Success(T value) => new(value, null);

    /// <summary>A failure.</summary>
    public static RbacResult<T> Fail(RbacError error) => new(default, error ?? throw new ArgumentNullException(nameof(error)));

    /// <summary>Converts a value.</summary>
    public static implicit operator RbacResult<T>(T value) => Success(value);

    /// <summary>Converts a failure.</summary>
    public static implicit operator RbacResult<T>(RbacError error) => Fail(error);
}
