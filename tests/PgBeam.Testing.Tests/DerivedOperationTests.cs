using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading.Tasks;
using Newtonsoft.Json.Linq;
using NUnit.Framework;
using PgBeam.Testing.Contract;
using PgBeam.Testing.Routing;
using PgBeam.Testing.Tests.Support;

namespace PgBeam.Testing.Tests;

/// <summary>
/// Every operation the sandbox can answer from the contract (every public one beyond the foundation: the sandbox here
/// models only <see cref="SandboxRouteTable.FoundationEndpoints"/>), called with a request built from the contract too: in
/// process the answer is checked against the response schema by the sandbox's own validator, and through Prism
/// every request and answer is checked against the contract by Prism (any violation fails the test).
/// </summary>
[TestFixture(SandboxTransport.InProcess)]
[TestFixture(SandboxTransport.PrismProxy)]
public class DerivedOperationTests(SandboxTransport transport) : SandboxTestBase(transport)
{
    /// <summary>Everything beyond the foundation is derived here, whatever the sandbox models by hand.</summary>
    protected override PgBeamSandbox NewSandbox(PgBeamSandboxOptions options) => new(options, FoundationOnly);

    [Test]
    public async Task Every_derived_operation_answers_its_success_status_with_a_body_that_fits_its_schema()
    {
        var table = FoundationOnly;
        var ids = await ExistingIdsAsync();
        using var http = CreateRawHttpClient();
        var failures = new List<string>();

        foreach (var route in table.Routes.Where(r => r.Kind == SandboxRouteKind.Derived))
        {
            using var request = BuildRequest(table.Contract, route.Operation, ids);
            using var response = await http.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            var success = route.Operation.Success!;
            if ((int)response.StatusCode != int.Parse(success.Status, System.Globalization.CultureInfo.InvariantCulture))
            {
                failures.Add($"{route.Operation.Display}: {(int)response.StatusCode} {body}");
                continue;
            }

            var schema = success.Content.FirstOrDefault(c => ContractOperation.IsJson(c.Key)).Value;
            if (schema is not null)
            {
                var errors = new SchemaValidator(table.Contract).Validate(Validation.JsonBody.ReadToken(Encoding.UTF8.GetBytes(body)), schema);
                failures.AddRange(errors.Select(e => $"{route.Operation.Display}: answer does not fit: {e.Message}"));
            }
        }

        Assert.That(failures, Is.Empty);
        Assert.That(Sandbox.Requests.Select(r => r.OperationId).Distinct(), Is.EquivalentTo(table.Derived));
    }

    [Test]
    public async Task A_derived_read_is_stable_and_answers_the_id_in_its_path()
    {
        var project = await CreateProjectAsync();
        using var http = CreateRawHttpClient();

        var first = await http.GetStringAsync($"v1/projects/{project.Id}/metrics");
        var second = await http.GetStringAsync($"v1/projects/{project.Id}/metrics");

        Assert.That(second, Is.EqualTo(first));
        Assert.That(first, Does.Contain(project.Id));
    }

    [Test]
    public async Task A_derived_create_echoes_what_was_sent_and_gets_an_id_with_its_resource_prefix()
    {
        var project = await CreateProjectAsync();
        using var http = CreateRawHttpClient();
        using var content = new StringContent("""{"domain":"db.example.com"}""", Encoding.UTF8, "application/json");

        using var response = await http.PostAsync($"v1/projects/{project.Id}/domains", content);
        var domain = JObject.Parse(await response.Content.ReadAsStringAsync());

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That(domain["domain"]!.ToString(), Is.EqualTo("db.example.com"));
        Assert.That(domain["project_id"]!.ToString(), Is.EqualTo(project.Id));
        Assert.That(domain["id"]!.ToString(), Does.Match("^dom_[0-9a-z]{26}$"));
    }

    /// <summary>Ids of resources the sandbox keeps, made through the API, for the path parameters that name them.</summary>
    private async Task<Dictionary<string, string>> ExistingIdsAsync()
    {
        var project = await CreateProjectAsync();
        var database = (await Client.Databases.ListDatabasesAsync(project.Id)).Databases.Single();
        var policy = await CreatePolicyAsync(project.Id);
        var credential = await CreateCredentialAsync(project.Id, policy.Id);
        var webhook = await Client.Webhooks.CreateWebhookEndpointAsync(project.Id, new WebhookEndpointInput { Url = "https://example.com/hook" });
        var approval = Sandbox.SeedApproval(project.Id);
        Sandbox.ClearRequests();
        return new Dictionary<string, string>
        {
            ["org_id"] = Sandbox.OrganizationId,
            ["project_id"] = project.Id,
            ["database_id"] = database.Id,
            ["policy_id"] = policy.Id,
            ["agent_id"] = credential.Credential.Id,
            ["webhook_id"] = webhook.Id,
            ["approval_id"] = approval.Id,
        };
    }

    /// <summary>A valid request from the contract alone: path values, required query parameters, and a body from the schema.</summary>
    private static HttpRequestMessage BuildRequest(SandboxContract contract, ContractOperation operation, Dictionary<string, string> ids)
    {
        var sampler = new SchemaSampler(contract, new SampleContext(new Random(7), Start, ids, null));
        var path = operation.Template;
        foreach (var parameter in operation.Parameters.Where(p => p.Location == "path"))
        {
            var value = ids.TryGetValue(parameter.Name, out var id) ? id : sampler.ForParameter(parameter.Name, parameter.Schema);
            path = path.Replace("{" + parameter.Name + "}", Uri.EscapeDataString(value), StringComparison.Ordinal);
        }

        var query = operation.Parameters
            .Where(p => p.Location == "query" && p.Required)
            .Select(p => Uri.EscapeDataString(p.Name) + "=" + Uri.EscapeDataString(sampler.ForParameter(p.Name, p.Schema)));
        var request = new HttpRequestMessage(new HttpMethod(operation.Method), path.TrimStart('/') + (query.Any() ? "?" + string.Join('&', query) : string.Empty));
        if (operation.RequestSchema is { } schema)
        {
            request.Content = new StringContent(sampler.ForRequest(schema).ToString(Newtonsoft.Json.Formatting.None), Encoding.UTF8, "application/json");
        }

        // A priced operation succeeds only with a payment credential (without one it is a 402: PaymentTests).
        if (operation.Parameters.Any(p => p.Location == "header" && p.Name == PaymentChallenge.AuthorizationHeader))
        {
            request.Headers.TryAddWithoutValidation(PaymentChallenge.AuthorizationHeader, "Payment sandbox-credential");
        }

        return request;
    }
}
