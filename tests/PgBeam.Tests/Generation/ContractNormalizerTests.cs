using System.Linq;
using System.Text.Json.Nodes;
using NUnit.Framework;

namespace PgBeam.Tests.Generation;

/// <summary>
/// The contract normalizer (build/codegen) on a small contract shaped like a realistic bump: new tags, inline enums
/// shared by a resource and its input, header parameters, a token-paged list without a marker, left-out operations.
/// </summary>
public class ContractNormalizerTests
{
    private const string Contract = """
        openapi: 3.0.0
        info: { title: t, version: '1' }
        tags:
        - name: Honeytokens
        - name: Internal
        - name: MCP
          x-sdk-exclude: [go, ts]
        paths:
          /v1/honeytokens:
            get:
              operationId: listHoneytokens
              tags: [Honeytokens]
              parameters:
              - { name: action, in: query, schema: { type: string, enum: [audit_only, kill] } }
              - { name: page_token, in: query, schema: { type: string } }
              - { name: If-None-Match, in: header, schema: { type: string }, description: The tag you hold. }
              responses:
                '200':
                  description: ok
                  content:
                    application/json:
                      schema: { $ref: '#/components/schemas/ListHoneytokensResponse' }
                '304': { description: unchanged }
            post:
              operationId: createHoneytoken
              tags: [Honeytokens]
              parameters:
              - { name: Idempotency-Key, in: header, schema: { type: string } }
              requestBody:
                required: true
                content:
                  application/json:
                    schema: { $ref: '#/components/schemas/HoneytokenInput' }
              responses:
                '201':
                  description: created
                  content:
                    application/json:
                      schema: { $ref: '#/components/schemas/Honeytoken' }
          /v1/honeytokens/{id}:
            put:
              operationId: updateHoneytoken
              tags: [Honeytokens]
              parameters:
              - { name: id, in: path, required: true, schema: { type: string } }
              - { name: If-Match, in: header, schema: { type: string } }
              requestBody:
                required: true
                content:
                  application/json:
                    schema: { $ref: '#/components/schemas/HoneytokenInput' }
              responses:
                '200':
                  description: ok
                  content:
                    application/json:
                      schema: { $ref: '#/components/schemas/Honeytoken' }
          /v1/export:
            get:
              operationId: exportThings
              tags: [Honeytokens]
              responses:
                '200':
                  description: csv
                  content:
                    text/csv:
                      schema: { type: string }
          /v1/internal/hook:
            post:
              operationId: internalHook
              tags: [Internal]
              requestBody:
                content:
                  application/json:
                    schema: { $ref: '#/components/schemas/InternalPayload' }
              responses:
                '204': { description: done }
          /v1/mcp:
            post:
              operationId: mcpTransport
              tags: [MCP]
              responses:
                '204': { description: done }
          /v1/account:
            get:
              operationId: exportAccount
              tags: [Honeytokens]
              responses:
                '200':
                  description: ok
                  content:
                    application/json:
                      schema: { $ref: '#/components/schemas/AccountExport' }
        components:
          schemas:
            Honeytoken:
              type: object
              required: [id, action, created_at]
              properties:
                id: { type: string }
                action: { type: string, enum: [audit_only, kill], description: What a hit does. }
                created_at: { type: string, format: date-time }
                state: { type: string, enum: [paused_for_billing, ACTIVE, v2.beta, 1h] }
            HoneytokenInput:
              type: object
              required: [action]
              properties:
                action: { type: string, enum: [audit_only, kill], default: audit_only }
            ListHoneytokensResponse:
              type: object
              properties:
                honeytokens: { type: array, items: { $ref: '#/components/schemas/Honeytoken' } }
                next_page_token: { type: string, nullable: true }
            Named:
              type: string
              enum: [a_b, c]
              x-enumNames: [Alpha, Charlie]
            AccountExport:
              type: object
              properties:
                audit_logs:
                  type: array
                  items:
                    type: object
                    properties:
                      id: { type: string }
                email_preferences:
                  type: object
                  properties:
                    marketing: { type: boolean }
            InternalPayload:
              type: object
              properties:
                secret: { type: string }
        """;

    private static NormalizedContract Normalized() => NormalizedContract.From(Contract, "exportThings");

    [Test]
    public void The_contract_of_the_test_normalizes_without_problems() =>
        Assert.That(Normalized().Problems.Errors, Is.Empty);

    [Test]
    public void An_inline_enum_shared_by_a_resource_its_input_and_a_list_filter_becomes_one_type_named_after_the_resource()
    {
        var contract = Normalized();

        Assert.Multiple(() =>
        {
            Assert.That(NormalizedContract.Strings(contract.Schema("HoneytokenAction")["enum"]), Is.EqualTo(new[] { "audit_only", "kill" }));
            Assert.That(NormalizedContract.Strings(contract.Schema("HoneytokenAction")["x-enumNames"]), Is.EqualTo(new[] { "AuditOnly", "Kill" }));
            Assert.That(NormalizedContract.RefOf(contract.Schema("Honeytoken")["properties"]!["action"]), Is.EqualTo("HoneytokenAction"));
            Assert.That(NormalizedContract.RefOf(contract.Schema("HoneytokenInput")["properties"]!["action"]), Is.EqualTo("HoneytokenAction"));
            var filter = contract.Operation("listHoneytokens")["parameters"]!.AsArray().Single(p => p!["name"]!.GetValue<string>() == "action");
            Assert.That(NormalizedContract.RefOf(filter!["schema"]), Is.EqualTo("HoneytokenAction"));
        });
    }

    [Test]
    public void A_use_keeps_its_own_default_and_description_beside_the_shared_type()
    {
        var contract = Normalized();
        var input = contract.Schema("HoneytokenInput")["properties"]!["action"]!;
        var resource = contract.Schema("Honeytoken")["properties"]!["action"]!;

        Assert.Multiple(() =>
        {
            Assert.That(input["default"]!.GetValue<string>(), Is.EqualTo("audit_only"));
            Assert.That(resource["default"], Is.Null);
            Assert.That(resource["description"]!.GetValue<string>(), Is.EqualTo("What a hit does."));
        });
    }

    [Test]
    public void Enum_members_are_computed_from_values_and_an_explicit_x_enumNames_overrides_them()
    {
        var contract = Normalized();

        Assert.Multiple(() =>
        {
            Assert.That(NormalizedContract.Strings(contract.Schema("HoneytokenState")["x-enumNames"]),
                Is.EqualTo(new[] { "PausedForBilling", "Active", "V2Beta", "OneHour" }));
            Assert.That(NormalizedContract.Strings(contract.Schema("Named")["x-enumNames"]), Is.EqualTo(new[] { "Alpha", "Charlie" }));
        });
    }

    [Test]
    public void Inline_objects_become_components_named_after_their_owner_and_property_in_the_singular_for_array_items()
    {
        var contract = Normalized();
        var export = contract.Schema("AccountExport")["properties"]!;

        Assert.Multiple(() =>
        {
            Assert.That(NormalizedContract.RefOf(export["audit_logs"]!["items"]), Is.EqualTo("AccountExportAuditLog"));
            Assert.That(NormalizedContract.RefOf(export["email_preferences"]), Is.EqualTo("AccountExportEmailPreferences"));
            Assert.That(contract.Schema("AccountExportAuditLog")["properties"]!["id"], Is.Not.Null);
        });
    }

    [Test]
    public void A_list_with_page_token_and_next_page_token_is_marked_token_paged_without_a_marker()
    {
        var pagination = Normalized().Operation("listHoneytokens")["x-pgbeam-pagination"]!;

        Assert.That((pagination["style"]!.GetValue<string>(), pagination["items"]!.GetValue<string>()), Is.EqualTo(("token", "honeytokens")));
    }

    [Test]
    public void Header_parameters_reach_the_templates_with_camelCase_names_and_If_None_Match_only_on_the_response_variant()
    {
        var contract = Normalized();
        var list = contract.Operation("listHoneytokens");
        var update = contract.Operation("updateHoneytoken");

        Assert.Multiple(() =>
        {
            var ifNoneMatch = list["x-pgbeam-headers"]!.AsArray().Single()!;
            Assert.That(ifNoneMatch["name"]!.GetValue<string>(), Is.EqualTo("If-None-Match"));
            Assert.That(ifNoneMatch["variable"]!.GetValue<string>(), Is.EqualTo("ifNoneMatch"));
            Assert.That(ifNoneMatch["responseOnly"]!.GetValue<bool>(), Is.True);
            Assert.That(list["x-pgbeam-not-modified"]!.GetValue<bool>(), Is.True);
            var ifMatch = update["x-pgbeam-headers"]!.AsArray().Single()!;
            Assert.That(ifMatch["variable"]!.GetValue<string>(), Is.EqualTo("ifMatch"));
            Assert.That(ifMatch["responseOnly"]!.GetValue<bool>(), Is.False);
            Assert.That(update["parameters"]!.AsArray().Select(p => p!["in"]!.GetValue<string>()), Has.No.Member("header"));
        });
    }

    [Test]
    public void A_declared_Idempotency_Key_is_no_parameter_but_marks_the_operation()
    {
        var create = Normalized().Operation("createHoneytoken");

        Assert.Multiple(() =>
        {
            Assert.That(create["x-pgbeam-idempotency"]!.GetValue<string>(), Is.EqualTo("declared"));
            Assert.That(create["parameters"]!.AsArray(), Is.Empty);
            Assert.That(create["x-pgbeam-headers"], Is.Null);
        });
    }

    [Test]
    public void Internal_and_excluded_tags_and_hand_written_operations_are_left_out_with_the_schemas_only_they_use()
    {
        var contract = Normalized();

        Assert.Multiple(() =>
        {
            Assert.That(contract.HasOperation("internalHook"), Is.False);
            Assert.That(contract.HasOperation("mcpTransport"), Is.False);
            Assert.That(contract.HasOperation("exportThings"), Is.False);
            Assert.That(contract.Schemas.ContainsKey("InternalPayload"), Is.False);
            Assert.That(contract.HasOperation("listHoneytokens"), Is.True);
        });
    }

    [Test]
    public void Schemas_are_marked_with_the_direction_they_travel()
    {
        var contract = Normalized();

        Assert.Multiple(() =>
        {
            Assert.That(contract.Schema("HoneytokenInput")["x-pgbeam-input"]?.GetValue<bool>(), Is.True);
            Assert.That(contract.Schema("HoneytokenInput")["x-pgbeam-output"], Is.Null);
            Assert.That(contract.Schema("Honeytoken")["x-pgbeam-output"]?.GetValue<bool>(), Is.True);
            Assert.That(contract.Schema("Honeytoken")["x-pgbeam-input"], Is.Null);
        });
    }

    [Test]
    public void A_non_JSON_operation_that_nobody_wrote_by_hand_stops_the_build_naming_it()
    {
        var problems = NormalizedContract.From(Contract).Problems.Errors;

        Assert.That(problems, Has.One.Contains("operation exportThings").And.Contains("text/csv").And.Contains("src/PgBeam/Services"));
    }

    [TestCase("- { name: session, in: cookie, schema: { type: string } }", "operation updateHoneytoken: cookie parameter session")]
    [TestCase("- { name: X-Count, in: header, schema: { type: integer } }", "header parameter X-Count has type integer")]
    [TestCase("- { name: X-Trace, in: header, required: true, schema: { type: string } }", "required header parameter X-Trace")]
    [TestCase("- { name: tags, in: query, schema: { type: array, items: { type: string } } }", "query parameter tags is an array")]
    public void A_parameter_the_templates_cannot_express_stops_the_build_naming_operation_and_construct(string parameter, string expected)
    {
        var contract = Contract.Replace(
            "      - { name: If-Match, in: header, schema: { type: string } }",
            "      - { name: If-Match, in: header, schema: { type: string } }\n      " + parameter,
            System.StringComparison.Ordinal);

        Assert.That(NormalizedContract.From(contract, "exportThings").Problems.Errors, Has.Some.Contains(expected));
    }

    [TestCase("oneOf: [{ $ref: '#/components/schemas/Named' }, { type: integer }]", "schema Honeytoken at /properties/extra: oneOf")]
    [TestCase("anyOf: [{ type: string }, { type: integer }]", "schema Honeytoken at /properties/extra: anyOf")]
    [TestCase("allOf: [{ $ref: '#/components/schemas/Named' }, { type: object }]", "schema Honeytoken at /properties/extra: allOf composition of 2 schemas")]
    public void A_schema_construct_the_templates_cannot_express_stops_the_build_naming_schema_and_construct(string schema, string expected)
    {
        var contract = Contract.Replace(
            "        state: { type: string, enum: [paused_for_billing, ACTIVE, v2.beta, 1h] }",
            "        state: { type: string, enum: [paused_for_billing, ACTIVE, v2.beta, 1h] }\n        extra: { " + schema + " }",
            System.StringComparison.Ordinal);

        Assert.That(NormalizedContract.From(contract, "exportThings").Problems.Errors, Has.Some.Contains(expected));
    }

    [Test]
    public void A_second_success_media_type_stops_the_build_naming_the_operation()
    {
        var contract = Contract.Replace(
            "              schema: { $ref: '#/components/schemas/AccountExport' }",
            "              schema: { $ref: '#/components/schemas/AccountExport' }\n            application/xml:\n              schema: { type: string }",
            System.StringComparison.Ordinal);

        Assert.That(NormalizedContract.From(contract, "exportThings").Problems.Errors,
            Has.Some.Contains("operation exportAccount").And.Contains("application/xml"));
    }

    [Test]
    public void Enum_values_that_would_give_the_same_member_stop_the_build_naming_schema_and_values()
    {
        var contract = Contract.Replace("enum: [a_b, c]\n      x-enumNames: [Alpha, Charlie]", "enum: [a_b, a-b]", System.StringComparison.Ordinal);

        Assert.That(NormalizedContract.From(contract, "exportThings").Problems.Errors,
            Has.Some.Contains("schema Named: the values 'a_b' and 'a-b' would both be the member AB"));
    }

    [Test]
    public void The_project_contract_normalizes_without_problems()
    {
        var root = PgBeam.CodeGen.Contract.YamlContract.Load(System.IO.Path.Combine(RepoPaths.Root, "openapi", "pgbeam.yaml"));
        var services = PgBeam.CodeGen.Normalization.HandWrittenServices.OperationIds(System.IO.Path.Combine(RepoPaths.Root, "src", "PgBeam", "Services"));

        var problems = PgBeam.CodeGen.Normalization.ContractNormalizer.Normalize(root, new PgBeam.CodeGen.Normalization.NormalizerOptions { HandWrittenOperations = services });

        Assert.That(problems.Errors, Is.Empty);
        Assert.That(services, Does.Contain("exportAuditLogs"));
    }
}
