using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Reflection;
using System.Threading.Tasks;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using NUnit.Framework;
using PgBeam.Serialization;
using PgBeam.Tests.Support;
using RichardSzalay.MockHttp;

namespace PgBeam.Tests.Facade;

/// <summary>
/// The read-modify-write helpers: <c>ToInput()</c> is generated for every resource whose conditional update takes
/// another schema (the webhook's is hand-written, because its secret is write-only). The checks reflect over the
/// generated types, so a resource or field the contract adds later is covered with no edit here.
/// </summary>
public class ToInputTests
{
    private static readonly string[] PolicyProfileReadOnlyFields = ["CreatedAt", "Id", "ProjectId", "UpdatedAt"];
    private static readonly string[] WebhookEndpointReadOnlyFields = ["CreatedAt", "Id", "ProjectId", "UpdatedAt"];

    private static IEnumerable<PropertyInfo> DataProperties(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.Name != nameof(PolicyProfile.AdditionalProperties));

    private static JToken? Json(object? value) => value is null ? null : JToken.FromObject(value, PgBeamJson.Serializer);

    /// <summary>Every DTO with a generated, parameterless <c>ToInput()</c>.</summary>
    private static IEnumerable<Type> ResourcesWithInputForms() =>
        typeof(PolicyProfile).Assembly.GetExportedTypes()
            .Where(t => t.GetMethod("ToInput", BindingFlags.Public | BindingFlags.Instance, Type.EmptyTypes) is not null)
            .OrderBy(t => t.Name);

    [Test]
    public void Every_resource_whose_update_takes_If_Match_and_another_schema_has_an_input_form()
    {
        var resources = ResourcesWithInputForms().Select(t => t.Name).ToList();

        Assert.That(resources, Is.SupersetOf(new[] { "PolicyProfile", "Project", "Database", "Honeytoken", "AnomalyRule", "ApprovalRule" }));
        Assert.That(resources, Does.Not.Contain("WebhookEndpoint"), "its input's secret is write-only: the hand-written ToInput(secret) makes the caller decide");
    }

    [TestCaseSource(nameof(ResourcesWithInputForms))]
    public void To_input_carries_every_field_the_input_shares_with_the_resource_and_copies_it(Type resourceType)
    {
        var resource = SampleValues.Filled(resourceType);
        var before = JsonConvert.SerializeObject(resource, PgBeamJson.Settings);

        var input = resourceType.GetMethod("ToInput", Type.EmptyTypes)!.Invoke(resource, null)!;

        var resourceProperties = DataProperties(resourceType).ToDictionary(p => p.Name);
        var shared = DataProperties(input.GetType()).Where(p => resourceProperties.ContainsKey(p.Name)).ToList();
        Assert.That(shared, Is.Not.Empty, $"{input.GetType().Name} shares no field with {resourceType.Name}");
        Assert.Multiple(() =>
        {
            foreach (var inputProperty in shared)
            {
                var expected = resourceProperties[inputProperty.Name].GetValue(resource);
                var actual = inputProperty.GetValue(input);
                Assert.That(JToken.DeepEquals(Json(actual), Json(expected)), Is.True,
                    $"{resourceType.Name}.ToInput does not carry {inputProperty.Name}: got {Json(actual)}, resource has {Json(expected)}");
                if (actual is not null && !actual.GetType().IsValueType && actual is not string)
                {
                    Assert.That(actual, Is.Not.SameAs(expected), $"{inputProperty.Name} is shared, not copied");
                }
            }
        });
        Assert.That(JsonConvert.SerializeObject(resource, PgBeamJson.Settings), Is.EqualTo(before), "ToInput changed the resource");
    }

    [TestCaseSource(nameof(ResourcesWithInputForms))]
    public void Every_resource_with_an_input_form_has_a_Modify_helper_taking_a_change_to_that_form(Type resourceType)
    {
        var helper = typeof(ConditionalUpdateExtensions).GetMethod($"Modify{resourceType.Name}Async");

        Assert.That(helper, Is.Not.Null, $"no ConditionalUpdateExtensions.Modify{resourceType.Name}Async");
        Assert.That(helper!.ReturnType, Is.EqualTo(typeof(Task<>).MakeGenericType(resourceType)));
        var inputType = resourceType.GetMethod("ToInput", Type.EmptyTypes)!.ReturnType;
        Assert.That(helper.GetParameters().Single(p => p.Name == "change").ParameterType, Is.EqualTo(typeof(Action<>).MakeGenericType(inputType)));
    }

    [Test]
    public void Policy_profile_to_input_carries_every_field_of_a_fully_filled_profile()
    {
        var profile = SampleValues.Filled<PolicyProfile>();

        var input = profile.ToInput();

        var profileProperties = DataProperties(typeof(PolicyProfile)).ToDictionary(p => p.Name);
        Assert.Multiple(() =>
        {
            foreach (var inputProperty in DataProperties(typeof(PolicyProfileInput)))
            {
                Assert.That(profileProperties.ContainsKey(inputProperty.Name), Is.True,
                    $"PolicyProfileInput.{inputProperty.Name} has no counterpart on PolicyProfile: decide how ToInput fills it");
                if (!profileProperties.TryGetValue(inputProperty.Name, out var profileProperty))
                {
                    continue;
                }

                var expected = profileProperty.GetValue(profile);
                var actual = inputProperty.GetValue(input);
                Assert.That(expected, Is.Not.Null, $"the sample profile left {inputProperty.Name} empty");
                Assert.That(JToken.DeepEquals(Json(actual), Json(expected)), Is.True,
                    $"ToInput does not carry {inputProperty.Name}: got {Json(actual)}, profile has {Json(expected)}");
            }
        });
    }

    [Test]
    public void Policy_profile_fields_left_out_of_the_input_are_exactly_the_server_owned_ones()
    {
        var inputNames = DataProperties(typeof(PolicyProfileInput)).Select(p => p.Name).ToHashSet();

        var profileOnly = DataProperties(typeof(PolicyProfile)).Select(p => p.Name).Where(name => !inputNames.Contains(name)).Order();

        Assert.That(profileOnly, Is.EqualTo(PolicyProfileReadOnlyFields));
    }

    [Test]
    public void Policy_profile_to_input_keeps_unknown_fields_so_a_newer_server_setting_is_not_reset()
    {
        var profile = JsonConvert.DeserializeObject<PolicyProfile>(
            """{"id":"pol_1","project_id":"prj_1","name":"p","access_mode":"read_only","table_allowlist":[],"table_denylist":[],"masking_rules":[],"created_at":"2026-01-02T03:04:05Z","updated_at":"2026-01-02T03:04:05Z","future_limit":{"per_minute":5}}""",
            PgBeamJson.Settings)!;

        var json = JObject.Parse(JsonConvert.SerializeObject(profile.ToInput(), PgBeamJson.Settings));

        Assert.That(json["future_limit"]!["per_minute"]!.Value<int>(), Is.EqualTo(5));
        Assert.That(json.ContainsKey("id"), Is.False);
        Assert.That(json.ContainsKey("project_id"), Is.False);
    }

    [Test]
    public void Changing_the_input_leaves_the_profile_unchanged()
    {
        var profile = SampleValues.Filled<PolicyProfile>();
        var before = JsonConvert.SerializeObject(profile, PgBeamJson.Settings);

        var input = profile.ToInput();
        input.TableAllowlist!.Add("public.extra");
        input.MaskingRules![0].Column = "changed";
        input.StatementRules!.Allow!.Add("TRUNCATE");
        input.RowFilters![0].Predicate = "changed";
        input.AdditionalProperties.Clear();

        Assert.That(JsonConvert.SerializeObject(profile, PgBeamJson.Settings), Is.EqualTo(before));
    }

    [Test]
    public async Task Read_modify_write_sends_back_every_current_setting_with_the_one_change()
    {
        const string current = """{"id":"pol_1","project_id":"prj_1","name":"analytics","access_mode":"read_only","statement_rules":{"allow":["SELECT"]},"table_allowlist":["public.orders"],"table_denylist":["public.secrets"],"masking_rules":[{"table":"users","column":"email","kind":"hash"}],"max_rows":1000,"write_mode":"sandbox","approval_mode":"writes","approval_timeout_seconds":600,"created_at":"2026-01-02T03:04:05Z","updated_at":"2026-01-02T03:04:05Z"}""";
        using var mock = new MockHttpMessageHandler();
        var sent = new List<SentRequest>();
        mock.Expect(HttpMethod.Get, TestClients.Url("/v1/projects/prj_1/policies/pol_1")).Respond("application/json", current);
        mock.Expect(HttpMethod.Put, TestClients.Url("/v1/projects/prj_1/policies/pol_1")).RecordTo(sent).Respond("application/json", current);
        using var client = TestClients.Create(mock);

        var profile = await client.Policies.GetPolicyProfileAsync("prj_1", "pol_1");
        var input = profile.ToInput();
        input.MaxRows = 500;
        await client.Policies.UpdatePolicyProfileAsync("prj_1", profile.Id, input);

        var expected = JObject.Parse(current);
        expected.Remove("id");
        expected.Remove("project_id");
        expected.Remove("created_at");
        expected.Remove("updated_at");
        expected["max_rows"] = 500;
        sent.Single().AssertJsonBody(expected.ToString());
    }

    [Test]
    public void Webhook_endpoint_to_input_carries_every_field_and_the_secret_given()
    {
        var endpoint = SampleValues.Filled<WebhookEndpoint>();

        var input = endpoint.ToInput(secret: "whsec_chosen");

        var endpointProperties = DataProperties(typeof(WebhookEndpoint)).ToDictionary(p => p.Name);
        Assert.Multiple(() =>
        {
            Assert.That(input.Secret, Is.EqualTo("whsec_chosen"));
            foreach (var inputProperty in DataProperties(typeof(WebhookEndpointInput)).Where(p => p.Name != nameof(WebhookEndpointInput.Secret)))
            {
                Assert.That(endpointProperties.ContainsKey(inputProperty.Name), Is.True,
                    $"WebhookEndpointInput.{inputProperty.Name} has no counterpart on WebhookEndpoint: decide how ToInput fills it");
                if (!endpointProperties.TryGetValue(inputProperty.Name, out var endpointProperty))
                {
                    continue;
                }

                var expected = endpointProperty.GetValue(endpoint);
                Assert.That(expected, Is.Not.Null, $"the sample endpoint left {inputProperty.Name} empty");
                Assert.That(JToken.DeepEquals(Json(inputProperty.GetValue(input)), Json(expected)), Is.True, $"ToInput does not carry {inputProperty.Name}");
            }

            var inputNames = DataProperties(typeof(WebhookEndpointInput)).Select(p => p.Name).ToHashSet();
            Assert.That(endpointProperties.Keys.Where(name => !inputNames.Contains(name)).Order(), Is.EqualTo(WebhookEndpointReadOnlyFields));
        });
    }

    [Test]
    public void Webhook_to_input_cannot_be_called_without_deciding_the_secret()
    {
        var overloads = typeof(WebhookEndpoint).GetMethods(BindingFlags.Public | BindingFlags.Instance).Where(m => m.Name == nameof(WebhookEndpoint.ToInput)).ToList();

        Assert.That(overloads, Has.Count.EqualTo(1));
        var parameter = overloads.Single().GetParameters().Single();
        Assert.That(parameter.Name, Is.EqualTo("secret"));
        Assert.That(parameter.HasDefaultValue, Is.False, "a default would let the secret be dropped silently");
    }

    [Test]
    public void Webhook_to_input_with_null_sends_no_secret_and_rejects_a_blank_one()
    {
        var endpoint = SampleValues.Filled<WebhookEndpoint>();

        var json = JObject.Parse(JsonConvert.SerializeObject(endpoint.ToInput(secret: null), PgBeamJson.Settings));

        Assert.That(json.ContainsKey("secret"), Is.False);
        Assert.That(Assert.Throws<ArgumentException>(() => endpoint.ToInput(" "))!.ParamName, Is.EqualTo("secret"));
        Assert.Throws<ArgumentException>(() => endpoint.ToInput(string.Empty));
    }

    [Test]
    public void Webhook_input_text_masks_the_secret_and_an_echoed_secret_never_overrides_the_chosen_one()
    {
        var endpoint = SampleValues.Filled<WebhookEndpoint>();
        endpoint.AdditionalProperties["secret"] = new JValue("whsec_echoed_by_server");

        var input = endpoint.ToInput(secret: "whsec_chosen_SECRET");
        var json = JObject.Parse(JsonConvert.SerializeObject(input, PgBeamJson.Settings));

        Assert.That(input.ToString(), Does.Not.Contain("whsec_chosen_SECRET"));
        Assert.That(json["secret"]!.Value<string>(), Is.EqualTo("whsec_chosen_SECRET"));
        Assert.That(input.AdditionalProperties.ContainsKey("secret"), Is.False);
    }
}
