using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace PgBeam.Testing.Tests.Support;

/// <summary>
/// Sits between the SDK and Prism and notes every answer that shows a contract problem: an <c>sl-violations</c>
/// header (Prism's list of what broke the contract, request or response, any severity), a Prism-generated problem
/// document (one without the sandbox's request id), or an answer without the sandbox's <c>X-Request-Id</c> (Prism answered by itself, for instance by
/// mocking, so the sandbox's answer was not what the test saw).
/// </summary>
internal sealed class ContractViolationRecorder : DelegatingHandler
{
    private readonly List<string> _violations = [];

    public ContractViolationRecorder()
        : base(new SocketsHttpHandler())
    {
    }

    public IReadOnlyList<string> Violations
    {
        get
        {
            lock (_violations)
            {
                return _violations.ToArray();
            }
        }
    }

    public void Forget()
    {
        lock (_violations)
        {
            _violations.Clear();
        }
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        var call = $"{request.Method} {request.RequestUri?.PathAndQuery} -> {(int)response.StatusCode}";
        if (response.Headers.TryGetValues("sl-violations", out var violations))
        {
            Note($"{call}: sl-violations {string.Join(" ", violations)}");
        }

        // The sandbox's problem documents carry its X-Request-Id; Prism's own (a rejected request or answer) do not.
        if (!response.Headers.Contains("X-Request-Id") && response.Content.Headers.ContentType?.MediaType == "application/problem+json")
        {
            Note($"{call}: Prism answered with its own problem document: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }
        else if (!response.Headers.Contains("X-Request-Id"))
        {
            Note($"{call}: the answer has no X-Request-Id, so it did not come from the sandbox");
        }

        return response;
    }

    private void Note(string violation)
    {
        lock (_violations)
        {
            _violations.Add(violation);
        }
    }
}
