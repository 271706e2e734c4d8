
namespace RbacKit.Keys;

/// <summary>
/// A small lock-free pool of instances of one key's cryptographic object (an <c>RSA</c>, an <c>ECDsa</c>, a keyed
/// HMAC), as IdentityModel pools its signature providers: a call rents one, uses it alone and returns it, so no instance
/// is ever used by two threads at once. <see cref="Dispose"/> (the key was withdrawn or replaced) disposes what is pooled
/// and marks the pool closed; an instance rented at that moment is disposed when it comes back, so a verification in
/// flight finishes on an intact object.
/// </summary>
/// <typeparam name="T">The pooled type.</typeparam>
internal sealed class InstancePool<T>(Func<T> create) : IDisposable
    where T : class, IDisposable
{
    private readonly T?[] _slots = new T?[Math.Max(4, Environment.ProcessorCount * 2)];
    private volatile bool _closed;

    public bool IsClosed => _closed;

    /// <summary>A pooled instance, or a new one when every slot is empty.</summary>
    public T Rent()
    {
        var start = Environment.CurrentManagedThreadId;
        for (var i = 0; i < _slots.Length; i++)
        {
            if (Interlocked.Exchange(ref _slots[(start + i) % _slots.Length], null) is { } pooled)
            {
                return pooled;
            }
        }

        return create();
    }

    /// <summary>Gives <paramref name="instance"/> back; it is disposed when the pool is full or closed.</summary>
    public void Return(T instance)
    {
        if (!_closed)
        {
            var start = Environment.CurrentManagedThreadId;
            for (var i = 0; i < _slots.Length; i++)
            {
                ref var slot = ref _slots[(start + i) % _slots.Length];
                if (Interlocked.CompareExchange(ref slot, instance, null) is null)
                {
                    // Closed meanwhile: whoever takes it out of the slot (this call or Dispose's sweep) disposes it.
                    if (_closed && Interlocked.CompareExchange(ref slot, null, instance) == instance)
                    {
                        instance.Dispose();
                    }

                    return;
                }
            }
        }

        instance.Dispose();
    }

    public void Dispose()
    {
        _closed = true;
        for (var i = 0; i < _slots.Length; i++)
        {
            Interlocked.Exchange(ref _slots[i], null)?.Dispose();
        }
    }
}
