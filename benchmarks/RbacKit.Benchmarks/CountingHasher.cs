using RbacKit.Passwords;

namespace RbacKit.Benchmarks;

/// <summary>
/// The real hasher, counting the BCrypt work a login asks for; with <c>skipHash</c>, verification replays the real
/// hasher's first answer for the same password and hash instead of running BCrypt again.
/// </summary>
internal sealed class CountingHasher(IPasswordHasher inner, bool skipHash) : IPasswordHasher
{
    private readonly Dictionary<(string, string), PasswordVerification> _answers = [];
    private int _calls;

    public int BCryptCalls => Volatile.Read(ref _calls);

    public void Reset() => Interlocked.Exchange(ref _calls, 0);

    public string Hash(string password)
    {
        Interlocked.Increment(ref _calls);
        return inner.Hash(password);
    }

    public PasswordVerification Verify(string password, string hash)
    {
        Interlocked.Increment(ref _calls);
        if (!skipHash)
        {
            return inner.Verify(password, hash);
        }

        lock (_answers)
        {
            if (!_answers.TryGetValue((password, hash), out var answer))
            {
                answer = _answers[(password, hash)] = inner.Verify(password, hash);
            }

            return answer;
        }
    }

    public void VerifyDummy(string password)
    {
        Interlocked.Increment(ref _calls);
        if (!skipHash)
        {
            inner.VerifyDummy(password);
        }
    }
}
