using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading.Tasks;
using Newtonsoft.Json.Linq;
using NUnit.Framework;
using PgBeam.Testing.Tests.Support;

namespace PgBeam.Testing.Tests;

/// <summary>
/// Requests a contract-checking proxy would reject before they reach the sandbox (missing fields, bad enums,
/// broken JSON), so these run in process only, partly with raw HTTP because the SDK refuses to send them.
/// </summary>
public class ValidationTests
{
    private PgBeamSandbox _sandbox = null!;
    private HttpClient _http = null!;
    private string _projectId = null!;

    [SetUp]
    public void CreateSandbox()
    {
        _sandbox = new PgBeamSandbox();
        _http = RawSandboxHttp.Create(_sandbox);
        _projectId = _sandbox.SeedProject().Id;
    }

    [TearDown]
    public void DisposeClient()
    {
        _http.Dispose();
        _sandbox.Dispose();
    }

    [Test]
    public async Task A_missing_required_field_is_400_naming_the_field()
    {
        var (status, code, message) = await PostAsync($"/v1/projects/{_projectId}/policies", """{"max_rows":10}""");

        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(code, Is.EqualTo("INVALID_INPUT"));
        Assert.That(message, Is.EqualTo("Missing required field 'name'."));
    }

    [Test]
    public async Task A_missing_nested_field_is_named_by_its_path()
    {
        var (status, _, message) = await PostAsync("/v1/projects", """{"name":"x","org_id":"org_1","database":{"host":"db","port":5432,"name":"app","username":"app"}}""");

        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(message, Is.EqualTo("Missing required field 'database.password'."));
    }

    [Test]
    public async Task A_value_of_the_wrong_type_is_400_naming_the_field_without_echoing_it()
    {
        var (status, _, message) = await PostAsync($"/v1/projects/{_projectId}/databases", """{"host":"db","port":"5432","name":"app","username":"app","password":"hunter2"}""");

        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(message, Is.EqualTo("Field 'port' must be an integer, not a string."));
    }

    [Test]
    public async Task A_value_out_of_range_is_400_naming_the_field_and_the_range()
    {
        var (_, _, message) = await PostAsync($"/v1/projects/{_projectId}/databases", """{"host":"db","port":70000,"name":"app","username":"app","password":"p"}""");

        Assert.That(message, Is.EqualTo("Field 'port' must be between 1 and 65535."));
    }

    [Test]
    public async Task An_item_of_an_array_is_named_by_its_index()
    {
        var (_, _, message) = await PostAsync($"/v1/projects/{_projectId}/policies", """{"name":"p","masking_rules":[{"table":"t","column":"c","kind":"hash"},{"table":"t","column":"d","kind":"scramble"}]}""");

        Assert.That(message, Is.EqualTo("Field 'masking_rules[1].kind' must be one of redact, null, hash; got 'scramble'."));
    }

    [Test]
    public void An_unknown_enum_value_sent_through_the_SDK_is_a_validation_error_listing_the_allowed_values()
    {
        using var client = _sandbox.CreateClient();

        var error = Assert.ThrowsAsync<PgBeamValidationException>(() => client.Policies.CreatePolicyProfileAsync(_projectId, new PolicyProfileInput
        {
            Name = "odd",
            AccessMode = new PolicyProfileAccessMode("read_mostly"),
        }));

        // The allowed values are the contract's, in its order (read_only, read_write today); a contract that adds one changes the list.
        var allowed = string.Join(", ", PolicyProfileAccessMode.KnownValues.Select(mode => mode.Value));
        Assert.That(allowed, Does.StartWith("read_only, read_write"));
        Assert.That(error!.ServerMessage, Is.EqualTo($"Field 'access_mode' must be one of {allowed}; got 'read_mostly'."));
        Assert.That(error.ErrorCode, Is.EqualTo("INVALID_INPUT"));
    }

    [Test]
    public async Task A_body_that_is_not_JSON_is_400_without_quoting_it()
    {
        var (status, _, message) = await PostAsync($"/v1/projects/{_projectId}/policies", """{"name": "p", "secret-ish""");

        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(message, Does.StartWith("The request body is not valid JSON").And.Not.Contain("secret-ish"));
    }

    [Test]
    public async Task A_body_that_is_not_an_object_is_400()
    {
        var (_, _, message) = await PostAsync($"/v1/projects/{_projectId}/policies", "[1,2]");

        Assert.That(message, Is.EqualTo("The request body must be a JSON object, not an array."));
    }

    [Test]
    public async Task A_missing_body_is_400()
    {
        var (status, _, message) = await PostAsync($"/v1/projects/{_projectId}/policies", null);

        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(message, Does.Contain("body is missing"));
    }

    [TestCase("page_size=0", "page_size")]
    [TestCase("page_size=101", "page_size")]
    [TestCase("page_size=ten", "page_size")]
    [TestCase("page_token=pt_999999", "page_token")]
    [TestCase("page_token=not%20a%20token", "page_token")]
    public async Task Invalid_paging_parameters_are_400_naming_the_parameter(string query, string parameter)
    {
        using var response = await _http.GetAsync($"/v1/projects/{_projectId}/policies?{query}");
        var (code, message) = await ReadErrorAsync(response);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(code, Is.EqualTo("INVALID_INPUT"));
        Assert.That(message, Does.Contain($"'{parameter}'"));
    }

    [TestCase("2026-03-02T09:00:00", false)]
    [TestCase("2026-03-02", false)]
    [TestCase("yesterday", false)]
    [TestCase("2026-03-02T09:00:00Z", true)]
    [TestCase("2026-03-02T09:00:00.1234567%2B02:00", true)]
    public async Task Audit_time_filters_must_be_RFC_3339_with_an_offset(string value, bool valid)
    {
        using var response = await _http.GetAsync($"/v1/projects/{_projectId}/audit-logs?before={value}");

        Assert.That(response.StatusCode, Is.EqualTo(valid ? HttpStatusCode.OK : HttpStatusCode.BadRequest));
    }

    [Test]
    public async Task An_expiry_without_an_offset_is_400_naming_the_field()
    {
        var (status, _, message) = await PostAsync($"/v1/projects/{_projectId}/agents", """{"name":"a","policy_profile_id":"pol_x","expires_at":"2030-01-01T00:00:00"}""");

        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(message, Does.StartWith("Field 'expires_at' must be an RFC 3339 date-time"));
    }

    [Test]
    public async Task Listing_projects_without_org_id_is_400()
    {
        using var response = await _http.GetAsync("/v1/projects");
        var (_, message) = await ReadErrorAsync(response);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(message, Is.EqualTo("Missing required query parameter 'org_id'."));
    }

    [Test]
    public async Task A_request_without_a_bearer_key_is_401_except_health()
    {
        using var anonymous = _sandbox.CreateHttpClient();
        anonymous.BaseAddress = new System.Uri(PgBeamSandbox.BaseUrl);

        using var regions = await anonymous.GetAsync("/v1/regions");
        using var health = await anonymous.GetAsync("/v1/health");
        var (code, _) = await ReadErrorAsync(regions);

        Assert.That(regions.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(code, Is.EqualTo("UNAUTHORIZED"));
        Assert.That(health.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task A_path_the_API_does_not_have_is_404_and_a_wrong_method_is_405()
    {
        using var missing = await _http.GetAsync("/v1/nothing-here");
        using var wrongMethod = await _http.PostAsync("/v1/regions", null);
        var (code, message) = await ReadErrorAsync(missing);

        Assert.That(missing.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(code, Is.EqualTo("NOT_FOUND"));
        Assert.That(message, Does.Contain("GET /v1/nothing-here"));
        Assert.That(wrongMethod.StatusCode, Is.EqualTo(HttpStatusCode.MethodNotAllowed));
        Assert.That(wrongMethod.Content.Headers.Allow, Is.EquivalentTo(new[] { "GET" }));
    }

    [Test]
    public async Task An_operation_outside_the_SDK_is_501_naming_it()
    {
        using var content = new StringContent("{}", Encoding.UTF8, "application/json");

        using var response = await _http.PostAsync("/v1/mcp", content);
        var (code, message) = await ReadErrorAsync(response);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotImplemented));
        Assert.That(code, Is.EqualTo("NOT_IMPLEMENTED"));
        Assert.That(message, Does.Contain("mcpTransport").And.Contain("POST /v1/mcp").And.Contain("outside the SDK"));
    }

    [Test]
    public async Task An_operation_answered_from_the_contract_checks_its_ids_and_its_body_like_a_modelled_one()
    {
        using var missingProject = await _http.GetAsync("/v1/projects/prj_missing/metrics");
        using var content = new StringContent("""{"verified":"yes"}""", Encoding.UTF8, "application/json");
        using var missingField = await _http.PostAsync($"/v1/projects/{_projectId}/domains", content);
        var problem = JObject.Parse(await missingField.Content.ReadAsStringAsync());
        var errors = (JArray)problem["errors"]!;

        Assert.That(missingProject.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(missingField.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(problem["code"]!.ToString(), Is.EqualTo("INVALID_INPUT"));
        Assert.That(errors.Select(e => (e["field"]!.ToString(), e["code"]!.ToString())), Is.EquivalentTo(new[] { ("domain", "required") }));
    }

    [Test]
    public async Task Responses_never_echo_the_database_password()
    {
        using var content = new StringContent("""{"host":"db","port":5432,"name":"app","username":"app","password":"hunter2-unique"}""", Encoding.UTF8, "application/json");
        using var created = await _http.PostAsync($"/v1/projects/{_projectId}/databases", content);
        var id = JObject.Parse(await created.Content.ReadAsStringAsync())["id"]!.ToString();
        using var read = await _http.GetAsync($"/v1/projects/{_projectId}/databases/{id}");

        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That(await created.Content.ReadAsStringAsync(), Does.Not.Contain("hunter2-unique").And.Not.Contain("\"password\""));
        Assert.That(await read.Content.ReadAsStringAsync(), Does.Not.Contain("hunter2-unique"));
    }

    [Test]
    public async Task Every_error_is_a_problem_document_whose_request_id_is_the_header()
    {
        using var response = await _http.GetAsync($"/v1/projects/{_projectId}/policies/pol_missing");
        var json = JObject.Parse(await response.Content.ReadAsStringAsync());
        var requestId = response.Headers.GetValues("X-Request-Id").Single();

        Assert.That(json["type"]!.ToString(), Is.EqualTo("https://pgbeam.com/docs/api/errors/not-found"));
        Assert.That(json["title"]!.ToString(), Is.EqualTo("Not found"));
        Assert.That((int)json["status"]!, Is.EqualTo(404));
        Assert.That(json["detail"]!.ToString(), Does.Contain("pol_missing"));
        Assert.That(json["instance"]!.ToString(), Is.EqualTo($"/v1/projects/{_projectId}/policies/pol_missing"));
        Assert.That(json["code"]!.ToString(), Is.EqualTo("NOT_FOUND"));
        Assert.That(json["request_id"]!.ToString(), Is.EqualTo(requestId).And.StartWith("req_"));
        Assert.That(json["errors"], Is.Null, "only validation failures list fields");
    }

    [Test]
    public async Task A_validation_problem_lists_the_rejected_field_with_a_code()
    {
        using var content = new StringContent("""{"host":"db","port":"5432","name":"app","username":"app","password":"hunter2"}""", Encoding.UTF8, "application/json");
        using var response = await _http.PostAsync($"/v1/projects/{_projectId}/databases", content);
        var body = await response.Content.ReadAsStringAsync();
        var errors = (JArray)JObject.Parse(body)["errors"]!;

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(errors, Has.Count.EqualTo(1));
        Assert.That(errors[0]["field"]!.ToString(), Is.EqualTo("port"));
        Assert.That(errors[0]["code"]!.ToString(), Is.EqualTo("invalid_type"));
        Assert.That(errors[0]["detail"]!.ToString(), Is.EqualTo("Field 'port' must be an integer, not a string."));
        Assert.That(errors[0]["message"]!.ToString(), Is.EqualTo(errors[0]["detail"]!.ToString()));
        Assert.That(body, Does.Not.Contain("hunter2"));
    }

    private async Task<(HttpStatusCode Status, string Code, string Message)> PostAsync(string path, string? json)
    {
        using var content = json is null ? null : new StringContent(json, Encoding.UTF8, "application/json");
        using var response = await _http.PostAsync(path, content);
        var (code, message) = await ReadErrorAsync(response);
        return (response.StatusCode, code, message);
    }

    private static async Task<(string Code, string Message)> ReadErrorAsync(HttpResponseMessage response)
    {
        var problem = JObject.Parse(await response.Content.ReadAsStringAsync());
        return (problem["code"]!.ToString(), problem["detail"]!.ToString());
    }
}
