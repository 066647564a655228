using System.Collections.Concurrent;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace PgBeam.Tests.Support;

/// <summary>A transport that never answers: each request waits until its token is cancelled (by a timeout or the caller).</summary>
internal sealed class UnansweredRequestHandler : HttpMessageHandler
{
    private readonly ConcurrentQueue<HttpRequestMessage> _requests = new();
    private readonly SemaphoreSlim _arrived = new(0);

    public int Count => _requests.Count;

    /// <summary>Completes when the <paramref name="number"/>th request has arrived; fails after 10 s of real time.</summary>
    public async Task WaitForRequestAsync(int number)
    {
        while (_requests.Count < number)
        {
            await _arrived.WaitAsync().WaitAsync(System.TimeSpan.FromSeconds(10));
        }
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        _requests.Enqueue(request);
        _arrived.Release();
        await Task.Delay(Timeout.Infinite, cancellationToken);
        throw new System.InvalidOperationException("unreachable");
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _arrived.Dispose();
        }

        base.Dispose(disposing);
    }
}
