using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading.Tasks;
using Newtonsoft.Json.Linq;
using NUnit.Framework;
using PgBeam.Testing.Routing;
using PgBeam.Testing.Tests.Support;

namespace PgBeam.Testing.Tests;

/// <summary>
/// What the sandbox reads from the contract rather than from code, shown on a small contract written here: a new
/// operation is answered with no code change, and the error media type and the conditional headers follow what the
/// contract declares.
/// </summary>
public class ContractDrivenTests
{
    private const string Widgets = """
        paths:
          /v1/projects/{project_id}/widgets:
            parameters:
            - {name: project_id, in: path, required: true, description: 'Project ID, such as `prj_xxx`.', schema: {type: string, pattern: '^[a-zA-Z0-9_.-]+$'}}
            get:
              operationId: listWidgets
              tags: [Widgets]
              parameters:
              - {name: If-None-Match, in: header, schema: {type: string}}
              responses:
                '200':
                  description: ok
                  content:
                    application/json:
                      schema:
                        type: object
                        required: [widgets]
                        properties:
                          widgets: {type: array, items: {$ref: '#/components/schemas/Widget'}}
                          total: {type: integer}
                          next_page_token: {type: string}
            post:
              operationId: createWidget
              tags: [Widgets]
              requestBody:
                required: true
                content:
                  application/json:
                    schema:
                      type: object
                      required: [name, size]
                      properties:
                        name: {type: string, minLength: 1, maxLength: 40}
                        size: {type: string, enum: [small, large]}
              responses:
                '201': {description: created, content: {application/json: {schema: {$ref: '#/components/schemas/Widget'}}}}
                '400': {description: bad, content: {application/problem+json: {schema: {$ref: '#/components/schemas/Error'}}}}
          /v1/projects/{project_id}/widgets/{widget_id}:
            parameters:
            - {name: project_id, in: path, required: true, schema: {type: string}}
            - {name: widget_id, in: path, required: true, description: 'Widget ID, such as `wdg_xxx`.', schema: {type: string, pattern: '^[a-zA-Z0-9_.-]+$'}}
            get:
              operationId: getWidget
              tags: [Widgets]
              responses:
                '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Widget'}}}}
            put:
              operationId: updateWidget
              tags: [Widgets]
              parameters:
              - {name: If-Match, in: header, schema: {type: string}}
              requestBody:
                required: true
                content: {application/json: {schema: {type: object, properties: {name: {type: string}}}}}
              responses:
                '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Widget'}}}}
        components:
          schemas:
            Widget:
              type: object
              required: [id, project_id, name, size, created_at]
              properties:
                id: {type: string}
                project_id: {type: string}
                name: {type: string}
                size: {type: string, enum: [small, large]}
                secret: {type: string, writeOnly: true}
                created_at: {type: string, format: date-time}
            Error:
              type: object
              required: [type, title, status, code]
              properties:
                type: {type: string}
                title: {type: string}
                status: {type: integer}
                code: {type: string}
        """;

    private PgBeamSandbox _sandbox = null!;
    private HttpClient _http = null!;
    private string _projectId = null!;

    [SetUp]
    public void CreateSandbox()
    {
        var table = new SandboxRouteTable(TestContracts.Load(Widgets));
        _sandbox = new PgBeamSandbox(new PgBeamSandboxOptions { TimeProvider = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero)) }, table);
        _http = RawSandboxHttp.Create(_sandbox);
        _projectId = _sandbox.SeedProject().Id;
    }

    [TearDown]
    public void DisposeSandbox()
    {
        _http.Dispose();
        _sandbox.Dispose();
    }

    [Test]
    public async Task An_operation_new_to_the_contract_is_answered_from_its_schemas_with_no_code_change()
    {
        using var created = await PostAsync($"v1/projects/{_projectId}/widgets", """{"name":"gear","size":"large"}""");
        var widget = (JObject)Validation.JsonBody.ReadToken(await created.Content.ReadAsByteArrayAsync());
        var read = JObject.Parse(await _http.GetStringAsync($"v1/projects/{_projectId}/widgets/wdg_given"));
        var list = JObject.Parse(await _http.GetStringAsync($"v1/projects/{_projectId}/widgets"));

        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That(widget["id"]!.ToString(), Does.Match("^wdg_[0-9a-z]{26}$"), "the prefix comes from the item path's parameter");
        Assert.That(widget["name"]!.ToString(), Is.EqualTo("gear"), "what was sent is echoed");
        Assert.That(widget["size"]!.ToString(), Is.EqualTo("large"));
        Assert.That(widget["project_id"]!.ToString(), Is.EqualTo(_projectId), "path values are echoed");
        Assert.That(widget["created_at"]!.ToString(), Is.EqualTo("2026-03-02T09:00:00.000Z"), "date-times come from the sandbox clock");
        Assert.That(widget.ContainsKey("secret"), Is.False, "write-only properties are never answered");
        Assert.That(read["id"]!.ToString(), Is.EqualTo("wdg_given"), "a read answers the id it was asked for");
        Assert.That(((JArray)list["widgets"]!).Count, Is.EqualTo(1));
        Assert.That((int)list["total"]!, Is.EqualTo(1), "a count beside the one array is its length");
        Assert.That(list.ContainsKey("next_page_token"), Is.False, "a derived list is a single page");
        Assert.That(_sandbox.Requests.Select(r => r.OperationId), Is.EqualTo(new[] { "createWidget", "getWidget", "listWidgets" }));
    }

    [Test]
    public async Task Under_a_contract_of_problem_documents_an_error_is_application_problem_json_without_an_envelope()
    {
        using var response = await PostAsync($"v1/projects/{_projectId}/widgets", """{"name":"","size":"huge"}""");
        var problem = JObject.Parse(await response.Content.ReadAsStringAsync());
        var errors = (JArray)problem["errors"]!;

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(response.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/problem+json"));
        Assert.That(problem.ContainsKey("error"), Is.False);
        Assert.That(errors.Select(e => (e["field"]!.ToString(), e["code"]!.ToString())), Is.EqualTo(new[] { ("name", "too_short"), ("size", "invalid_value") }));
        Assert.That(problem["detail"]!.ToString(), Is.EqualTo("Field 'name' must not be empty. (1 more in errors)"));
    }

    [Test]
    public async Task Under_a_contract_of_error_envelopes_an_error_is_also_the_envelope_as_declared()
    {
        // Contracts before problem documents (PgBeam 0.2.4) declared application/json errors wrapped in an envelope.
        const string gadgets = """
            paths:
              /v1/gadgets:
                get:
                  operationId: listGadgets
                  tags: [Gadgets]
                  responses:
                    '200': {description: ok, content: {application/json: {schema: {type: object, properties: {gadgets: {type: array, items: {type: string}}}}}}}
                    '503': {description: down, content: {application/json: {schema: {$ref: '#/components/schemas/Error'}}}}
            components:
              schemas:
                Error:
                  type: object
                  required: [error]
                  properties:
                    error:
                      type: object
                      required: [code, message]
                      properties: {code: {type: string}, message: {type: string}}
            """;
        using var sandbox = new PgBeamSandbox(new PgBeamSandboxOptions(), new SandboxRouteTable(TestContracts.Load(gadgets)));
        using var http = RawSandboxHttp.Create(sandbox);
        sandbox.Faults.InjectServiceUnavailable(operationId: "listGadgets");

        using var response = await http.GetAsync($"{PgBeamSandbox.BaseUrl}/v1/gadgets");
        var body = JObject.Parse(await response.Content.ReadAsStringAsync());

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        Assert.That(response.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/json"), "the contract declares application/json errors");
        Assert.That(body["error"]!["code"]!.ToString(), Is.EqualTo("SERVICE_UNAVAILABLE"));
        Assert.That(body["error"]!["message"]!.ToString(), Is.EqualTo(body["detail"]!.ToString()));
        Assert.That(body["code"]!.ToString(), Is.EqualTo("SERVICE_UNAVAILABLE"));
    }

    [Test]
    public async Task Under_the_projects_contract_an_error_is_a_problem_document_without_an_envelope()
    {
        using var sandbox = new PgBeamSandbox();
        using var http = RawSandboxHttp.Create(sandbox);

        using var response = await http.GetAsync($"{PgBeamSandbox.BaseUrl}/v1/projects/prj_missing");
        var body = JObject.Parse(await response.Content.ReadAsStringAsync());

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(response.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/problem+json"));
        Assert.That(body["code"]!.ToString(), Is.EqualTo("NOT_FOUND"));
        Assert.That(body.ContainsKey("error"), Is.False);
    }

    [Test]
    public async Task Only_the_reads_the_contract_marks_with_If_None_Match_answer_304()
    {
        using var list = await _http.GetAsync($"v1/projects/{_projectId}/widgets");
        using var item = await _http.GetAsync($"v1/projects/{_projectId}/widgets/wdg_1");

        using var listAgain = await GetAsync($"v1/projects/{_projectId}/widgets", list.Headers.ETag!.Tag);
        using var itemAgain = await GetAsync($"v1/projects/{_projectId}/widgets/wdg_1", item.Headers.ETag!.Tag);

        Assert.That(listAgain.StatusCode, Is.EqualTo(HttpStatusCode.NotModified));
        Assert.That(itemAgain.StatusCode, Is.EqualTo(HttpStatusCode.OK), "getWidget declares no If-None-Match");
    }

    [Test]
    public async Task A_derived_write_that_declares_If_Match_is_refused_for_a_stale_tag_and_let_through_for_the_current_one()
    {
        using var read = await _http.GetAsync($"v1/projects/{_projectId}/widgets/wdg_1");
        var current = read.Headers.ETag!.Tag;

        using var stale = await PutAsync($"v1/projects/{_projectId}/widgets/wdg_1", "\"0123\"");
        using var fresh = await PutAsync($"v1/projects/{_projectId}/widgets/wdg_1", current);

        Assert.That(stale.StatusCode, Is.EqualTo(HttpStatusCode.PreconditionFailed));
        Assert.That(stale.Headers.ETag!.Tag, Is.EqualTo(current));
        Assert.That(fresh.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    private async Task<HttpResponseMessage> PostAsync(string path, string json)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        return await _http.PostAsync(path, content);
    }

    private async Task<HttpResponseMessage> GetAsync(string path, string ifNoneMatch)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.TryAddWithoutValidation("If-None-Match", ifNoneMatch);
        return await _http.SendAsync(request);
    }

    private async Task<HttpResponseMessage> PutAsync(string path, string ifMatch)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, path) { Content = new StringContent("""{"name":"n"}""", Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return await _http.SendAsync(request);
    }
}
