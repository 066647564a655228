using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using NUnit.Framework;
using PgBeam.ContractTests.Calls;
using PgBeam.ContractTests.Contract;
using PgBeam.ContractTests.Derivation;
using PgBeam.ContractTests.Recording;
using PgBeam.Serialization;
using PgBeam.Tests.Support;
using RichardSzalay.MockHttp;

namespace PgBeam.Tests.Facade;

/// <summary>
/// Every public operation of the contract, called through the whole pipeline against a fake network, with calls and
/// answers derived from <c>openapi/pgbeam.yaml</c>: no operation is listed here, so one added to the contract is
/// tested by the next run. Each call is made with only its required inputs (answered minimally: required fields,
/// nulls where allowed), with every input (answered completely), and with explicit nulls where its body allows them.
/// </summary>
public class ContractOperationTests
{
    private const string UuidV4 = "^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$";

    public static IEnumerable<TestCaseData> Calls() =>
        TestContract.Document.PublicOperations.SelectMany(operation => ExpectedRequest.Variants(operation)
            .Select(variant => new TestCaseData(operation.OperationId, variant).SetArgDisplayNames(operation.OperationId, variant.ToString())));

    [TestCaseSource(nameof(Calls))]
    public async Task Sends_what_the_contract_defines_and_reads_every_field_of_the_answer_into_the_typed_result(string operationId, CallVariant variant)
    {
        var operation = TestContract.Document[operationId];
        var call = OperationBinding.Bind(operation).Derive(variant);
        var success = operation.SuccessResponses.Count > 0
            ? operation.SuccessResponses[0]
            : throw new DerivationException($"{operation} declares no 2xx response; the test cannot answer it.");
        var answer = success.Schema is null || success.MediaType != "application/json"
            ? null
            : ResponseJson.Build(success.Schema, complete: variant != CallVariant.RequiredOnly, $"{operationId} response {success.Status}");

        using var mock = new MockHttpMessageHandler();
        var sent = new List<SentRequest>();
        var expectation = mock.Expect(new HttpMethod(operation.Method), TestClients.Url(call.Path)).RecordTo(sent);
        if (success.MediaType is null)
        {
            expectation.Respond((HttpStatusCode)success.Status);
        }
        else
        {
            expectation.Respond((HttpStatusCode)success.Status, success.MediaType, answer?.ToString(Formatting.None) ?? "id,ts\nsample,2026-01-01T00:00:00Z\n");
        }

        using var client = TestClients.Create(mock);

        var result = await call.InvokeAsync(client, CancellationToken.None);

        mock.VerifyNoOutstandingExpectation();
        var request = sent.Single();
        var exchange = request.ToExchange(TestContract.Document, (HttpStatusCode)success.Status);
        Assert.Multiple(() =>
        {
            Assert.That(exchange.OperationId, Is.EqualTo(operationId), $"{request.Method} {exchange.Path} is attributed to another operation");
            Assert.That(ExpectedRequest.For(operation, variant).Differences(exchange), Is.Empty, "query keys and body fields");
            Assert.That(call.Differences(exchange), Is.Empty, "path, query values and headers");
            request.AssertSdkHeaders(accept: success.MediaType ?? "application/json");
            if (exchange.HasBody)
            {
                Assert.That(request.ContentType, Is.EqualTo("application/json; charset=utf-8"));
            }

            // POST and PATCH are not idempotent by nature, so the SDK keys them, as it does any operation that declares the
            // header; an operation the contract marks as refusing the header (scanText) gets none.
            if (!operation.RefusesIdempotencyKey
                && (operation.Method is "POST" or "PATCH" || operation.HeaderParameters.Any(h => h.Name == OperationBinding.IdempotencyHeader)))
            {
                Assert.That(request.Header("Idempotency-Key"), Does.Match(UuidV4));
            }
            else
            {
                Assert.That(request.Header("Idempotency-Key"), Is.Null);
            }
        });

        AssertResult(call, result, answer);
    }

    [Test]
    public void Every_public_operation_of_the_contract_has_its_method_on_the_service_of_its_first_tag()
    {
        var problems = new List<string>();
        foreach (var operation in TestContract.Document.PublicOperations)
        {
            try
            {
                OperationBinding.Bind(operation);
            }
            catch (DerivationException problem)
            {
                problems.Add(problem.Message);
            }
        }

        Assert.That(problems, Is.Empty);
        Assert.That(TestContract.Document.PublicOperations, Is.Not.Empty);
    }

    [Test]
    public void Every_method_of_every_service_calls_a_public_operation_of_the_contract()
    {
        var operations = TestContract.Document.PublicOperations.Select(o => NameRules.Pascal(o.OperationId)).ToHashSet(StringComparer.Ordinal);
        var strays = new List<string>();
        foreach (var service in typeof(PgBeamClient).GetProperties().Where(p => p.PropertyType.IsInterface))
        {
            foreach (var method in service.PropertyType.GetMethods())
            {
                var operation = new[] { "AutoPagingAsync", "WithResponseAsync", "Async" }
                    .Where(suffix => method.Name.EndsWith(suffix, StringComparison.Ordinal))
                    .Select(suffix => method.Name[..^suffix.Length])
                    .FirstOrDefault() ?? method.Name;
                if (!operations.Contains(operation))
                {
                    strays.Add($"{service.Name}.{method.Name}");
                }
            }
        }

        Assert.That(strays, Is.Empty, "methods whose operation the contract no longer has (or never had): regenerate with `dotnet build`, or remove the hand-written partial");
    }

    private static void AssertResult(DerivedCall call, object? result, JToken? answer)
    {
        if (call.ResultType is null)
        {
            Assert.That(result, Is.Null, "an operation without a response body returns nothing");
            return;
        }

        Assert.That(result, Is.InstanceOf(call.ResultType));
        Assert.That(UnknownResponseFields.In(result!), Is.Empty, "every field of the answer has a property in the typed result");
        if (answer is null)
        {
            return;
        }

        // Written back with the SDK's own settings, the result must hold every field the answer had a value for.
        var (answered, answeredNulls) = JsonFieldPaths.Of(answer);
        var (kept, _) = JsonFieldPaths.Of(JToken.FromObject(result!, PgBeamJson.Serializer));
        Assert.That(answered.Except(answeredNulls).Except(kept).Order(StringComparer.Ordinal), Is.Empty, "fields of the answer lost on the way into " + call.ResultType.Name);
    }
}
