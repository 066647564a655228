using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Newtonsoft.Json.Linq;
using PgBeam.Testing.Contract;
using PgBeam.Testing.State;
using PgBeam.Testing.Validation;

namespace PgBeam.Testing.Routing;

/// <summary>
/// The answer to a public operation nobody has modelled by hand, derived from the contract: the request is checked
/// (path ids well formed and, for resources the sandbox keeps, existing; required query parameters; the body
/// against its schema, every rejected field listed), then the declared success status comes back with a body built
/// from the response schema (ids are drawn from a seed of the request). Resources are kept by
/// <see cref="DerivedResources"/> when the path has the shape of a collection and its items: a derived create is
/// listed, read back, replaced, merged and deleted afterwards. What modelling an operation adds is the resource's own
/// rules (what a create sets off, states and their transitions, reports computed from the state).
/// </summary>
internal static class DerivedEndpoint
{
    /// <summary>Why the sandbox cannot derive an answer for <paramref name="operation"/>, or null when it can.</summary>
    public static string? WhyNot(ContractOperation operation, SandboxContract contract)
    {
        if (operation.Success is not { } success)
        {
            return "it declares no 2xx response";
        }

        if (success.Content.Count > 0 && !success.Content.Keys.Any(m => ContractOperation.IsJson(m) || m.StartsWith("text/", StringComparison.OrdinalIgnoreCase)))
        {
            return $"its {success.Status} answers only {string.Join(", ", success.Content.Keys)}, which the sandbox cannot derive";
        }

        if (operation.RequestBody?["content"] is JObject content && content.Count > 0 && operation.RequestSchema is null)
        {
            return $"its request body is {string.Join(", ", content.Properties().Select(p => p.Name))}, not JSON";
        }

        var schemas = new[] { JsonSchema(success), operation.RequestSchema }.OfType<JObject>();
        foreach (var schema in schemas)
        {
            if (FirstUnsupported(contract, schema, new HashSet<FlatSchema>()) is { } construct)
            {
                return $"its schemas use {construct}";
            }
        }

        return null;
    }

    public static SandboxResult Answer(SandboxCall call, ContractOperation operation, SandboxContract contract)
    {
        var validator = new SchemaValidator(contract);
        var errors = new List<SandboxFieldError>();
        foreach (var parameter in operation.Parameters.Where(p => p.Location == "path"))
        {
            if (call.PathValues.TryGetValue(parameter.Name, out var value) && validator.ValidateParameter(parameter.Name, value, parameter.Schema) is { } error)
            {
                errors.Add(error);
            }
        }

        Reject(errors);
        RequireKnownIds(call);

        foreach (var parameter in operation.Parameters.Where(p => p.Location == "query"))
        {
            var value = call.Query.Pairs.LastOrDefault(p => p.Key == parameter.Name).Value;
            if (value is null)
            {
                if (parameter.Required)
                {
                    errors.Add(new SandboxFieldError(parameter.Name, "required", $"Missing required query parameter '{parameter.Name}'."));
                }
            }
            else if (validator.ValidateParameter(parameter.Name, value, parameter.Schema) is { } error)
            {
                errors.Add(error);
            }
        }

        JToken? body = call.RawBody is { Length: > 0 } raw ? JsonBody.ReadToken(raw) : null;
        if (operation.RequestSchema is { } requestSchema)
        {
            if (body is null && operation.RequestBodyRequired)
            {
                throw SandboxProblem.BadRequest("The request body is missing; this operation takes a JSON body.");
            }

            if (body is not null)
            {
                errors.AddRange(validator.Validate(body, requestSchema));
            }
        }

        Reject(errors);

        var role = DerivedResources.RoleOf(operation, contract);
        var (collection, itemId) = role == DerivedRole.None ? (null, null) : DerivedResources.Target(role, operation, call);
        if (collection is not null)
        {
            DerivedResources.Prepare(role, collection, itemId, operation);
        }

        var success = operation.Success!;
        var status = (HttpStatusCode)int.Parse(success.Status, System.Globalization.CultureInfo.InvariantCulture);
        if (success.Content.Count == 0)
        {
            return SandboxResult.Empty(status);
        }

        // Identical creates must still make different resources: the seed counts the creates of the collection.
        var context = new SampleContext(new Random(Seed(operation, call) + (role == DerivedRole.Create ? collection!.Created : 0)), call.Now, call.PathValues, body)
        {
            ResourcePrefix = ResourcePrefix(operation, contract, out var idParameter),
            ResourceId = idParameter is not null && call.PathValues.TryGetValue(idParameter, out var id) ? id : null,
        };
        var sampler = new SchemaSampler(contract, context);
        if (JsonSchema(success) is { } schema || success.Content.Keys.Any(ContractOperation.IsJson))
        {
            var responseSchema = JsonSchema(success) ?? new JObject();
            var answer = sampler.ForResponse(responseSchema);
            return SandboxResult.Json(status, collection is null ? answer : DerivedResources.Keep(role, collection, itemId, answer, responseSchema, operation, call, contract, body));
        }

        var (mediaType, textSchema) = success.Content.First();
        var example = textSchema is null ? null : contract.Flatten(textSchema).Example;
        return SandboxResult.Text(status, mediaType, example?.Type == JTokenType.String ? (string)example! : string.Empty);
    }

    private static JObject? JsonSchema(ContractResponse response) =>
        response.Content.FirstOrDefault(c => ContractOperation.IsJson(c.Key)).Value;

    private static void Reject(List<SandboxFieldError> errors)
    {
        if (errors.Count > 0)
        {
            var more = errors.Count > 1 ? FormattableString.Invariant($" ({errors.Count - 1} more in errors)") : string.Empty;
            throw new SandboxProblem(HttpStatusCode.BadRequest, SandboxProblem.InvalidInputCode, errors[0].Message + more, errors.ToArray());
        }
    }

    /// <summary>Ids of what the sandbox keeps must name something that exists, as in the modelled operations.</summary>
    private static void RequireKnownIds(SandboxCall call)
    {
        var state = call.State;
        var values = call.PathValues;
        if (values.TryGetValue("org_id", out var orgId) && orgId != state.OrganizationId && !state.Projects.Live.Any(p => p.OrgId == orgId))
        {
            throw SandboxProblem.NotFound($"Organization '{orgId}' does not exist.");
        }

        var projectId = values.TryGetValue("project_id", out var project) ? state.RequireProject(project).Id : null;
        if (values.TryGetValue("database_id", out var databaseId))
        {
            if (projectId is not null)
            {
                state.RequireDatabase(projectId, databaseId);
            }
            else if (state.Databases.Find(databaseId) is null)
            {
                throw SandboxProblem.NotFound($"Database '{databaseId}' does not exist.");
            }
        }

        if (projectId is null)
        {
            return;
        }

        if (values.TryGetValue("policy_id", out var policyId))
        {
            state.RequirePolicy(projectId, policyId);
        }

        if (values.TryGetValue("agent_id", out var agentId))
        {
            state.RequireCredential(projectId, agentId);
        }

        if (values.TryGetValue("approval_id", out var approvalId))
        {
            state.RequireApproval(projectId, approvalId);
        }

        if (values.TryGetValue("webhook_id", out var webhookId))
        {
            state.RequireWebhook(projectId, webhookId);
        }
    }

    /// <summary>
    /// The prefix of the resource an operation answers with: its path's last id (<c>…/honeytokens/{honeytoken_id}</c>),
    /// the id of the item path under its collection (<c>POST …/honeytokens</c>), else the last id before an action
    /// (<c>…/domains/{domain_id}/verify</c>). <paramref name="idParameter"/> is the path parameter that names the
    /// resource itself, when the path names one.
    /// </summary>
    private static string? ResourcePrefix(ContractOperation operation, SandboxContract contract, out string? idParameter)
    {
        var segments = operation.Template.Trim('/').Split('/');
        idParameter = null;
        if (ParameterName(segments[^1]) is { } last)
        {
            idParameter = last;
            return contract.IdPrefixOf(last);
        }

        var item = contract.Operations
            .Select(o => o.Template)
            .FirstOrDefault(t => t.StartsWith(operation.Template + "/{", StringComparison.Ordinal) && t.IndexOf('/', operation.Template.Length + 1) < 0);
        if (item is not null && ParameterName(item.Split('/')[^1]) is { } itemParameter)
        {
            return contract.IdPrefixOf(itemParameter);
        }

        var previous = Enumerable.Reverse(segments).Select(ParameterName).FirstOrDefault(p => p is not null);
        idParameter = previous;
        return previous is null ? null : contract.IdPrefixOf(previous);
    }

    private static string? ParameterName(string segment) =>
        segment.Length > 2 && segment[0] == '{' && segment[^1] == '}' ? segment[1..^1] : null;

    private static int Seed(ContractOperation operation, SandboxCall call)
    {
        var text = operation.OperationId + "|" + string.Join('|', call.PathValues.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + "=" + p.Value))
            + "|" + string.Join('&', call.Query.Pairs.Select(p => p.Key + "=" + p.Value));
        var hash = SHA256.HashData([.. Encoding.UTF8.GetBytes(text), .. call.RawBody ?? []]);
        return BitConverter.ToInt32(hash, 0);
    }

    private static string? FirstUnsupported(SandboxContract contract, JObject schema, HashSet<FlatSchema> seen)
    {
        var flat = contract.Flatten(schema);
        if (!seen.Add(flat))
        {
            return null;
        }

        if (flat.Unsupported is { } construct)
        {
            return construct + (flat.Name is null ? string.Empty : " (" + flat.Name + ")");
        }

        var children = flat.Properties.Values.Append(flat.Items).Append(flat.AdditionalProperties).OfType<JObject>();
        return children.Select(child => FirstUnsupported(contract, child, seen)).FirstOrDefault(found => found is not null);
    }
}
