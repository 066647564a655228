using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using Newtonsoft.Json.Linq;
using NUnit.Framework;
using PgBeam.Tests.Support;
using RichardSzalay.MockHttp;
using static PgBeam.Tests.Transport.TransportFixtures;

namespace PgBeam.Tests.Batch;

public class RevokeAgentCredentialsTests
{
    private const string BatchPath = "/v1/projects/prj_1/batch";

    [Test]
    public async Task Revoking_many_credentials_sends_one_atomic_batch_and_reads_typed_results()
    {
        using var mock = new MockHttpMessageHandler();
        var sent = ExpectInOrder(mock, HttpMethod.Post, BatchPath, () => Json(HttpStatusCode.OK, """
            {"mode":"atomic","applied":true,"summary":{"requested":2,"succeeded":2,"failed":0,"not_applied":0},
             "results":[{"id":"revoke-0","op":"revoke_agent_credential","status":"succeeded"},{"id":"revoke-1","op":"revoke_agent_credential","status":"succeeded"}]}
            """));
        using var client = TestClients.Create(mock);

        var result = await client.Batch.RevokeAgentCredentialsAsync("prj_1", ["agt_a", "agt_b"]);

        Assert.That(JToken.DeepEquals(JObject.Parse(sent.Single().Body!), JObject.Parse("""
            {"mode":"atomic","operations":[{"id":"revoke-0","op":"revoke_agent_credential","agent_id":"agt_a"},{"id":"revoke-1","op":"revoke_agent_credential","agent_id":"agt_b"}]}
            """)), Is.True, sent.Single().Body);
        Assert.That(result.Applied, Is.True);
        Assert.That(result.Results.Select(r => r.Status), Is.All.EqualTo(BatchOperationResultStatus.Succeeded));
    }

    [Test]
    public void An_atomic_rollback_is_a_typed_conflict_that_names_the_failed_operation_and_why()
    {
        using var mock = new MockHttpMessageHandler();
        ExpectInOrder(mock, HttpMethod.Post, BatchPath, () => Json(HttpStatusCode.Conflict, """
            {"mode":"atomic","applied":false,"summary":{"requested":2,"succeeded":0,"failed":1,"not_applied":1},
             "results":[{"id":"revoke-0","op":"revoke_agent_credential","status":"not_applied"},
                        {"id":"revoke-1","op":"revoke_agent_credential","status":"failed","error":{"code":"not_found","message":"agent credential not found"}}]}
            """));
        using var client = TestClients.Create(mock);

        var error = Assert.ThrowsAsync<PgBeamBatchRolledBackException>(() => client.Batch.RevokeAgentCredentialsAsync("prj_1", ["agt_a", "agt_gone"]));

        Assert.That(error!.Batch.Applied, Is.False);
        var failed = error.FailedOperations.Single();
        Assert.That((failed.Id, failed.Error!.Code, failed.Error.Message), Is.EqualTo(("revoke-1", (BatchOperationErrorCode?)BatchOperationErrorCode.NotFound, "agent credential not found")));
        Assert.That(error.Message, Does.Contain("operation 'revoke-1' (revoke_agent_credential) failed: not_found: agent credential not found"));
        Assert.That(error.TryGetBody<BatchResponse>(out var body), Is.True);
        Assert.That(body!.Summary.NotApplied, Is.EqualTo(1));
    }

    [Test]
    public void More_than_100_ids_or_a_repeated_id_is_refused_before_anything_is_sent()
    {
        using var mock = new MockHttpMessageHandler();
        using var client = TestClients.Create(mock);

        Assert.ThrowsAsync<ArgumentException>(() => client.Batch.RevokeAgentCredentialsAsync("prj_1", Enumerable.Range(0, 101).Select(i => "agt_" + i)));
        Assert.ThrowsAsync<ArgumentException>(() => client.Batch.RevokeAgentCredentialsAsync("prj_1", ["agt_a", "agt_a"]));
        Assert.ThrowsAsync<ArgumentException>(() => client.Batch.RevokeAgentCredentialsAsync("prj_1", []));
    }
}
