using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using NUnit.Framework;
using PgBeam.Diagnostics;

namespace PgBeam.Tests.Errors;

/// <summary>
/// The generated XML docs name, for every error status of every operation, the exception the SDK throws; both come
/// from ErrorStatusTable (the docs through the contract normalizer). These tests hold the docs to what
/// PgBeamErrorFactory actually builds.
/// </summary>
public class ErrorTableAgreementTests
{
    private static readonly Regex DocumentedStatus = new(@"^(?<status>\d{3}):", RegexOptions.CultureInvariant);

    private static PgBeamApiException Build(int status, string? body = null)
    {
        using var response = new HttpResponseMessage((HttpStatusCode)status) { Content = new StringContent(body ?? string.Empty) };
        return PgBeamErrorFactory.FromResponse(response, body, "getProject", attempts: 1, DateTimeOffset.UnixEpoch, new SecretRedactor());
    }

    [Test]
    public void Every_status_documented_on_a_generated_method_is_the_exception_the_factory_builds()
    {
        var xml = Path.ChangeExtension(typeof(PgBeamClient).Assembly.Location, ".xml");
        Assert.That(File.Exists(xml), Is.True, $"{xml} (the XML docs built next to PgBeam.dll)");
        var documented = XDocument.Load(xml).Descendants("member")
            .Where(m => ((string?)m.Attribute("name"))?.StartsWith("M:PgBeam.", StringComparison.Ordinal) == true)
            .SelectMany(m => m.Elements("exception"))
            .Select(e => (Type: ((string?)e.Attribute("cref"))!.Replace("T:PgBeam.", string.Empty, StringComparison.Ordinal), Match: DocumentedStatus.Match(e.Value.Trim())))
            .Where(e => e.Match.Success)
            .Select(e => (e.Type, Status: int.Parse(e.Match.Groups["status"].Value, System.Globalization.CultureInfo.InvariantCulture)))
            .Distinct()
            .ToList();

        // The contract declares 400, 401, 403, 404, 409, 429 and more on most operations: the docs must have them all.
        Assert.That(documented.Select(d => d.Status).Distinct().Count(), Is.GreaterThanOrEqualTo(6));
        Assert.Multiple(() =>
        {
            foreach (var (type, status) in documented)
            {
                Assert.That(Build(status).GetType().Name, Is.EqualTo(type), $"status {status}");
            }
        });
    }

    [Test]
    public void Every_row_of_the_table_builds_its_type_and_any_other_status_builds_the_base_type()
    {
        Assert.Multiple(() =>
        {
            foreach (var row in ErrorStatusTable.Rows)
            {
                var body = row.ErrorCode is null ? null : "{\"error\":{\"code\":\"" + row.ErrorCode + "\",\"message\":\"m\"}}";
                Assert.That(Build(row.Status, body).GetType().Name, Is.EqualTo(row.ExceptionType), $"{row.Status} {row.ErrorCode}");
            }

            foreach (var status in Enumerable.Range(400, 200).Where(s => ErrorStatusTable.Rows.All(r => r.Status != s)))
            {
                Assert.That(Build(status).GetType(), Is.EqualTo(typeof(PgBeamApiException)), $"status {status}");
            }
        });
    }
}
