using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using NUnit.Framework;
using PgBeam.Testing.Routing;
using PgBeam.Testing.Tests.Support;

namespace PgBeam.Testing.Tests;

/// <summary>The sandbox knows every operation of the contract, so none of them falls through to a 404.</summary>
public class RouteTableTests
{
    [Test]
    public void Every_operation_of_the_contract_has_a_route_with_its_method_and_path()
    {
        var contract = ReadOperations(File.ReadAllLines(RepoPaths.Combine("openapi", "pgbeam.yaml")));
        var routes = SandboxRouteTable.Routes.Select(r => (r.Method, r.Template, r.OperationId)).ToList();

        Assert.That(contract, Has.Count.GreaterThanOrEqualTo(78));
        Assert.That(routes, Is.EquivalentTo(contract));
    }

    [Test]
    public void Every_modelled_operation_requires_a_key_except_health()
    {
        var open = SandboxRouteTable.Routes.Where(r => r.Endpoint is not null && !r.RequiresAuthentication).Select(r => r.OperationId);

        Assert.That(open, Is.EqualTo(new[] { "getHealth" }));
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
