using System;
using System.Collections.Generic;
using System.Linq;
using PgBeam.Testing.Contract;
using PgBeam.Testing.Endpoints;

namespace PgBeam.Testing.Routing;

/// <summary>
/// Every operation of the contract, read from it: those modelled by hand answer with their endpoint, every other
/// public operation with an answer derived from its schemas, and the ones outside the SDK with a 501 naming them.
/// A new operation in the contract is routed and answered with no edit here.
/// </summary>
internal sealed class SandboxRouteTable
{
    /// <summary>
    /// The endpoints of the resources everything else hangs off (projects, databases, policy profiles, agent
    /// credentials, held statements, webhooks, batch) and the platform. A table with only these modelled derives every
    /// other operation, which is how the derivation itself is tested against the whole contract.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, Func<SandboxCall, SandboxResult>> FoundationEndpoints = new Dictionary<string, Func<SandboxCall, SandboxResult>>(StringComparer.Ordinal)
    {
        ["createProject"] = ProjectsApi.Create,
        ["listProjects"] = ProjectsApi.List,
        ["getProject"] = ProjectsApi.Get,
        ["updateProject"] = ProjectsApi.Update,
        ["deleteProject"] = ProjectsApi.Delete,

        ["createDatabase"] = DatabasesApi.Create,
        ["listDatabases"] = DatabasesApi.List,
        ["getDatabase"] = DatabasesApi.Get,
        ["updateDatabase"] = DatabasesApi.Update,
        ["deleteDatabase"] = DatabasesApi.Delete,

        ["createPolicyProfile"] = PoliciesApi.Create,
        ["listPolicyProfiles"] = PoliciesApi.List,
        ["getPolicyProfile"] = PoliciesApi.Get,
        ["updatePolicyProfile"] = PoliciesApi.Update,
        ["deletePolicyProfile"] = PoliciesApi.Delete,

        ["createAgentCredential"] = AgentsApi.Create,
        ["listAgentCredentials"] = AgentsApi.List,
        ["getAgentCredential"] = AgentsApi.Get,
        ["updateAgentCredentialStatus"] = AgentsApi.UpdateStatus,
        ["revokeAgentCredential"] = AgentsApi.Revoke,
        ["rotateAgentCredential"] = AgentsApi.Rotate,
        ["listAuditLogs"] = AuditLogsApi.List,

        ["listApprovalRequests"] = ApprovalsApi.List,
        ["approveApprovalRequest"] = ApprovalsApi.Approve,
        ["rejectApprovalRequest"] = ApprovalsApi.Reject,

        ["createWebhookEndpoint"] = WebhooksApi.Create,
        ["listWebhookEndpoints"] = WebhooksApi.List,
        ["getWebhookEndpoint"] = WebhooksApi.Get,
        ["updateWebhookEndpoint"] = WebhooksApi.Update,
        ["deleteWebhookEndpoint"] = WebhooksApi.Delete,
        ["testWebhookEndpoint"] = WebhooksApi.Test,

        ["executeBatch"] = BatchApi.Execute,

        ["getHealth"] = PlatformApi.Health,
        ["listRegions"] = PlatformApi.Regions,
    };

    /// <summary>The hand-written, stateful endpoints, by operation id: the foundation and every group built on it.</summary>
    public static readonly IReadOnlyDictionary<string, Func<SandboxCall, SandboxResult>> ModelledEndpoints = Merge(
        FoundationEndpoints,
        GatewayEndpoints.Routes,
        InfrastructureEndpoints.Routes,
        AccountEndpoints.Routes);

    private static readonly Lazy<SandboxRouteTable> Embedded = new(() => new SandboxRouteTable(SandboxContract.Default));

    /// <summary>A table of <paramref name="contract"/>'s operations.</summary>
    /// <param name="contract">The contract whose operations are routed.</param>
    /// <param name="modelled">The hand-written endpoints to use (default <see cref="ModelledEndpoints"/>); every other public operation is derived.</param>
    public SandboxRouteTable(SandboxContract contract, IReadOnlyDictionary<string, Func<SandboxCall, SandboxResult>>? modelled = null)
    {
        Contract = contract;
        modelled ??= ModelledEndpoints;
        var routes = new List<SandboxRoute>();
        foreach (var operation in contract.Operations)
        {
            if (modelled.TryGetValue(operation.OperationId, out var endpoint))
            {
                routes.Add(new SandboxRoute(operation, SandboxRouteKind.Modelled, endpoint));
            }
            else if (!operation.IsPublic)
            {
                routes.Add(new SandboxRoute(operation, SandboxRouteKind.NotOffered, null, "it is outside the SDK (tag " + string.Join(", ", operation.Tags) + ")"));
            }
            else if (DerivedEndpoint.WhyNot(operation, contract) is { } reason)
            {
                routes.Add(new SandboxRoute(operation, SandboxRouteKind.NotOffered, null, reason));
            }
            else
            {
                var derived = operation;
                routes.Add(new SandboxRoute(operation, SandboxRouteKind.Derived, call => DerivedEndpoint.Answer(call, derived, contract)));
            }
        }

        Routes = routes;
        Modelled = Ids(SandboxRouteKind.Modelled);
        Derived = Ids(SandboxRouteKind.Derived);
    }

    /// <summary>The table of the contract built into this assembly.</summary>
    public static SandboxRouteTable Default => Embedded.Value;

    public SandboxContract Contract { get; }

    /// <summary>Every operation, in the contract's order.</summary>
    public IReadOnlyList<SandboxRoute> Routes { get; }

    /// <summary>The operation ids answered by hand-written, stateful code.</summary>
    public IReadOnlyList<string> Modelled { get; }

    /// <summary>The public operation ids answered from the contract's schemas.</summary>
    public IReadOnlyList<string> Derived { get; }

    /// <summary>
    /// The route for a method and path: of the templates the path matches, the most literal one (so a fixed segment
    /// wins over a parameter); null when none takes the method, with the methods the path does take.
    /// </summary>
    public SandboxRoute? Resolve(string method, IReadOnlyList<string> segments, out Dictionary<string, string> pathValues, out IReadOnlyList<string> allowedMethods)
    {
        SandboxRoute? best = null;
        Dictionary<string, string>? bestValues = null;
        var allowed = new List<string>();
        foreach (var route in Routes)
        {
            if (!route.TryMatch(segments, out var values))
            {
                continue;
            }

            if (route.Method != method)
            {
                allowed.Add(route.Method);
                continue;
            }

            if (best is null || string.CompareOrdinal(route.Specificity, best.Specificity) > 0)
            {
                best = route;
                bestValues = values;
            }
        }

        pathValues = bestValues ?? [];
        allowedMethods = best is null ? allowed.Distinct().ToArray() : [];
        return best;
    }

    /// <summary>The GET that reads the same path as <paramref name="route"/> (the resource a write changes), or null.</summary>
    public SandboxRoute? ReaderOf(SandboxRoute route) =>
        Routes.FirstOrDefault(r => r.Method == "GET" && r.Template == route.Template && r.Endpoint is not null);

    private static Dictionary<string, Func<SandboxCall, SandboxResult>> Merge(params IReadOnlyDictionary<string, Func<SandboxCall, SandboxResult>>[] groups)
    {
        var merged = new Dictionary<string, Func<SandboxCall, SandboxResult>>(StringComparer.Ordinal);
        foreach (var (operationId, endpoint) in groups.SelectMany(g => g))
        {
            if (!merged.TryAdd(operationId, endpoint))
            {
                throw new InvalidOperationException($"Two sandbox endpoint groups model '{operationId}'.");
            }
        }

        return merged;
    }

    private string[] Ids(SandboxRouteKind kind) => Routes.Where(r => r.Kind == kind).Select(r => r.OperationId).ToArray();
}
