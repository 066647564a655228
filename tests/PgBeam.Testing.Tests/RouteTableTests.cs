using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using NUnit.Framework;
using PgBeam.Testing.Contract;
using PgBeam.Testing.Routing;
using PgBeam.Testing.Tests.Support;

namespace PgBeam.Testing.Tests;

/// <summary>
/// The sandbox knows every operation of the contract, so none of them falls through to a 404, and answers every
/// public one: modelled by hand, or derived from the contract. Which is which is read from the contract, not kept here.
/// </summary>
public class RouteTableTests
{
    [Test]
    public void Every_operation_of_the_contract_has_a_route_with_its_method_and_path()
    {
        var contract = ReadOperations(File.ReadAllLines(RepoPaths.Combine("openapi", "pgbeam.yaml")));
        var routes = SandboxRouteTable.Default.Routes.Select(r => (r.Method, r.Template, r.OperationId)).ToList();

        Assert.That(contract, Has.Count.GreaterThanOrEqualTo(78));
        Assert.That(routes, Is.EquivalentTo(contract));
    }

    [Test]
    public void Every_public_operation_is_modelled_or_derived()
    {
        var table = SandboxRouteTable.Default;
        var unanswered = table.Routes
            .Where(r => r.Operation.IsPublic && r.Kind == SandboxRouteKind.NotOffered)
            .Select(r => $"{r.Operation.Display} is neither modelled nor derived: {r.NotOfferedReason}. Model it in SandboxRouteTable.ModelledEndpoints, or teach DerivedEndpoint and SchemaSampler that construct.")
            .ToList();
        TestContext.Out.WriteLine($"modelled ({table.Modelled.Count}): {string.Join(", ", table.Modelled)}");
        TestContext.Out.WriteLine($"derived ({table.Derived.Count}): {string.Join(", ", table.Derived)}");

        Assert.That(unanswered, Is.Empty, string.Join(Environment.NewLine, unanswered));
        Assert.That(table.Modelled.Concat(table.Derived), Is.EquivalentTo(table.Routes.Where(r => r.Operation.IsPublic).Select(r => r.OperationId)));
        Assert.That(PgBeamSandbox.ModelledOperations, Is.EqualTo(table.Modelled));
        Assert.That(PgBeamSandbox.DerivedOperations, Is.EqualTo(table.Derived));
    }

    [Test]
    public void Every_hand_written_endpoint_names_an_operation_of_the_contract()
    {
        var operations = SandboxRouteTable.Default.Routes.Select(r => r.OperationId).ToHashSet();
        var stale = SandboxRouteTable.ModelledEndpoints.Keys
            .Where(id => !operations.Contains(id))
            .Select(id => $"SandboxRouteTable.ModelledEndpoints has an endpoint for {id}, which the contract no longer has: rename or remove it.");

        Assert.That(stale, Is.Empty);
    }

    [Test]
    public void Only_the_operations_outside_the_SDK_are_not_offered()
    {
        var notOffered = SandboxRouteTable.Default.Routes.Where(r => r.Kind == SandboxRouteKind.NotOffered);

        Assert.That(notOffered.Select(r => r.Operation.Tags[0]), Is.All.AnyOf("Internal", "MCP"));
        Assert.That(notOffered.Select(r => r.OperationId), Is.SupersetOf(new[] { "handleSlackSupportEvent", "mcpTransport" }));
    }

    [Test]
    public void Every_modelled_operation_requires_a_key_unless_the_contract_leaves_it_open()
    {
        // Open in the contract: an operation whose security list is empty or offers the empty requirement {}.
        var document = SandboxContract.Default.Document;
        var global = document["security"] as Newtonsoft.Json.Linq.JArray;
        var declaredOpen = ((Newtonsoft.Json.Linq.JObject)document["paths"]!).Properties()
            .SelectMany(path => ((Newtonsoft.Json.Linq.JObject)path.Value).Properties())
            .Where(method => method.Value is Newtonsoft.Json.Linq.JObject { } operation && operation["operationId"] is not null)
            .Where(method => (method.Value["security"] as Newtonsoft.Json.Linq.JArray ?? global) is { } security
                && (security.Count == 0 || security.Any(requirement => requirement is Newtonsoft.Json.Linq.JObject { Count: 0 })))
            .Select(method => (string)method.Value["operationId"]!)
            .ToHashSet();
        var modelled = SandboxRouteTable.Default.Routes.Where(r => r.Kind == SandboxRouteKind.Modelled).ToList();

        var open = modelled.Where(r => !r.RequiresAuthentication).Select(r => r.OperationId);

        Assert.That(open, Is.EquivalentTo(modelled.Select(r => r.OperationId).Where(declaredOpen.Contains)));
        Assert.That(open, Does.Contain("getHealth"));
    }

    [Test]
    public async System.Threading.Tasks.Task A_modelled_operation_the_contract_leaves_open_is_answered_without_a_key()
    {
        using var sandbox = new PgBeamSandbox();
        using var http = sandbox.CreateHttpClient();
        var open = SandboxRouteTable.Default.Routes.Where(r => r.Kind == SandboxRouteKind.Modelled && !r.RequiresAuthentication).ToList();
        var closed = SandboxRouteTable.Default.Routes.First(r => r.Kind == SandboxRouteKind.Modelled && r.RequiresAuthentication && r.Method == "GET");

        foreach (var route in open.Append(closed))
        {
            var path = Regex.Replace(route.Template, "{[^}]+}", "x_1");
            using var request = new System.Net.Http.HttpRequestMessage(new System.Net.Http.HttpMethod(route.Method), PgBeamSandbox.BaseUrl + path);
            using var response = await http.SendAsync(request);
            var unauthorized = response.StatusCode == System.Net.HttpStatusCode.Unauthorized;
            Assert.That(unauthorized, Is.EqualTo(route.RequiresAuthentication), route.OperationId);
        }
    }

    [Test]
    public void A_literal_segment_wins_over_a_parameter_in_the_same_place()
    {
        var contract = TestContracts.Load("""
            paths:
              /v1/things/{thing_id}:
                get:
                  operationId: getThing
                  responses: {'200': {description: ok}}
              /v1/things/export:
                get:
                  operationId: exportThings
                  responses: {'200': {description: ok}}
            """);
        var table = new SandboxRouteTable(contract);

        var literal = table.Resolve("GET", ["v1", "things", "export"], out _, out _);
        var parameter = table.Resolve("GET", ["v1", "things", "thg_1"], out var values, out _);

        Assert.That(literal!.OperationId, Is.EqualTo("exportThings"));
        Assert.That(parameter!.OperationId, Is.EqualTo("getThing"));
        Assert.That(values["thing_id"], Is.EqualTo("thg_1"));
    }

    /// <summary>Reads (method, path, operationId) from the contract's layout: paths at two spaces, methods at four.</summary>
    private static List<(string Method, string Template, string OperationId)> ReadOperations(string[] lines)
    {
        var operations = new List<(string, string, string)>();
        string? path = null;
        string? method = null;
        var inPaths = false;
        foreach (var line in lines)
        {
            if (!line.StartsWith(' ') && line.Length > 0)
            {
                inPaths = line == "paths:";
                continue;
            }

            if (!inPaths)
            {
                continue;
            }

            if (Regex.Match(line, "^  (/[^:]*(?::[a-z]+)?):$") is { Success: true } pathMatch)
            {
                path = pathMatch.Groups[1].Value;
                method = null;
            }
            else if (Regex.Match(line, "^    (get|put|post|patch|delete):$") is { Success: true } methodMatch)
            {
                method = methodMatch.Groups[1].Value.ToUpperInvariant();
            }
            else if (method is not null && Regex.Match(line, "^      operationId: (\\S+)$") is { Success: true } idMatch)
            {
                operations.Add((method, path!, idMatch.Groups[1].Value));
                method = null;
            }
        }

        return operations;
    }
}
