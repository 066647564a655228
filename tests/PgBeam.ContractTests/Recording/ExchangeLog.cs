using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace PgBeam.ContractTests.Recording;

/// <summary>
/// The requests one test (or the whole suite) sent to Prism, in order. Thread-safe. Violations are unexpected until a
/// test that provokes them on purpose calls <see cref="AcceptViolations"/>.
/// </summary>
internal sealed class ExchangeLog
{
    private readonly object _gate = new();
    private readonly List<RecordedExchange> _exchanges = [];
    private int _acceptedUpTo;

    public IReadOnlyList<RecordedExchange> Exchanges
    {
        get
        {
            lock (_gate)
            {
                return _exchanges.ToList();
            }
        }
    }

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _exchanges.Count;
            }
        }
    }

    public void Add(RecordedExchange exchange)
    {
        lock (_gate)
        {
            _exchanges.Add(exchange);
        }
    }

    /// <summary>The exchanges from position <paramref name="start"/> on (what one call added).</summary>
    public IReadOnlyList<RecordedExchange> Since(int start)
    {
        lock (_gate)
        {
            return _exchanges.Skip(start).ToList();
        }
    }

    /// <summary>Marks every violation recorded so far as provoked on purpose, so the test's teardown does not fail on it.</summary>
    public void AcceptViolations()
    {
        lock (_gate)
        {
            _acceptedUpTo = _exchanges.Count;
        }
    }

    /// <summary>The exchanges Prism found violations in that no test accepted.</summary>
    public IReadOnlyList<RecordedExchange> UnexpectedViolations()
    {
        lock (_gate)
        {
            return _exchanges.Skip(_acceptedUpTo).Where(e => e.Violations.Count > 0).ToList();
        }
    }

    /// <summary>Prism's reasons, one line per violation, under the request they concern; the text a failing test shows.</summary>
    public static string Describe(IEnumerable<RecordedExchange> exchanges)
    {
        var text = new StringBuilder();
        foreach (var exchange in exchanges)
        {
            text.Append("Prism rejected ").Append(exchange.Method).Append(' ').Append(exchange.Path)
                .Append(" (").Append(exchange.OperationId ?? "no contract operation").Append(") with ")
                .Append((int)exchange.Status).AppendLine(":");
            foreach (var violation in exchange.Violations)
            {
                text.Append("  ").AppendLine(violation.ToString());
            }
        }

        return text.ToString();
    }
}
