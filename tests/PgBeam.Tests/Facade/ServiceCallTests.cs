using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Reflection;
using System.Threading.Tasks;
using NUnit.Framework;
using PgBeam.ContractTests.Derivation;
using PgBeam.Tests.Support;
using RichardSzalay.MockHttp;

namespace PgBeam.Tests.Facade;

/// <summary>
/// One representative operation of each of the thirteen services of contract 0.2.4, through the whole pipeline, with
/// hand-picked values: the exact method, URL (path and query, escapes included), JSON body and headers that reach the
/// network, and the typed result read back. Every operation of the contract, whatever its service, is also called by
/// <see cref="ContractOperationTests"/> with values derived from the contract.
/// </summary>
public class ServiceCallTests
{
    private const string UuidV4 = "^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$";

    /// <summary>A representative call of one service and everything that must be seen of it.</summary>
    public sealed record ServiceCall(
        string Service,
        string Sentence,
        Func<PgBeamClient, Task<object?>> Call,
        HttpMethod Method,
        string PathAndQuery,
        string? RequestJson,
        HttpStatusCode Status,
        string? ResponseJson,
        Action<object?> AssertResult);

    public static IEnumerable<TestCaseData> Calls() => AllCalls().Select(call => new TestCaseData(call).SetName($"{call.Service}_{call.Sentence}"));

    private static IEnumerable<ServiceCall> AllCalls()
    {
        yield return new ServiceCall(
            "Projects", "list_projects_sends_org_id_then_the_optional_query_and_reads_the_page",
            async client => await client.Projects.ListProjectsAsync("org_1", new ListProjectsParams { PageSize = 10, PageToken = "tok/2", SortBy = ListProjectsSortBy.Name }),
            HttpMethod.Get, "/v1/projects?org_id=org_1&page_size=10&page_token=tok%2F2&sort_by=name",
            null, HttpStatusCode.OK,
            """{"projects":[{"id":"prj_1","org_id":"org_1","name":"production","status":"active","created_at":"2026-01-02T03:04:05Z","updated_at":"2026-01-02T03:04:05Z"}],"total":1,"next_page_token":"tok_3"}""",
            result =>
            {
                var page = (ListProjectsResponse)result!;
                Assert.That(page.Projects.Single().Name, Is.EqualTo("production"));
                Assert.That(page.Projects.Single().Status, Is.EqualTo(ProjectStatus.Active));
                Assert.That(page.Total, Is.EqualTo(1));
                Assert.That(page.NextPageToken, Is.EqualTo("tok_3"));
            });

        yield return new ServiceCall(
            "Databases", "create_database_posts_only_the_fields_set",
            async client => await client.Databases.CreateDatabaseAsync("prj_1", new CreateDatabaseRequest
            {
                Host = "db.internal",
                Port = 5432,
                Name = "app",
                Username = "pgbeam",
                Password = "s3cret-password",
                SslMode = SslMode.VerifyFull,
            }),
            HttpMethod.Post, "/v1/projects/prj_1/databases",
            """{"host":"db.internal","port":5432,"name":"app","username":"pgbeam","password":"s3cret-password","ssl_mode":"verify-full"}""",
            HttpStatusCode.Created,
            """{"id":"db_1","project_id":"prj_1","host":"db.internal","port":5432,"name":"app","username":"pgbeam","ssl_mode":"verify-full","cache_config":{"enabled":false,"ttl_seconds":60,"max_entries":1000,"swr_seconds":0},"pool_config":{"pool_size":20,"min_pool_size":0,"pool_mode":"transaction"},"created_at":"2026-01-02T03:04:05Z","updated_at":"2026-01-02T03:04:05Z"}""",
            result =>
            {
                var database = (Database)result!;
                Assert.That(database.Id, Is.EqualTo("db_1"));
                Assert.That(database.SslMode, Is.EqualTo(SslMode.VerifyFull));
                Assert.That(database.PoolConfig.PoolSize, Is.EqualTo(20));
            });

        yield return new ServiceCall(
            "Policies", "update_policy_profile_puts_the_whole_profile_without_an_idempotency_key",
            async client => await client.Policies.UpdatePolicyProfileAsync("prj_1", "pol_1", new PolicyProfileInput
            {
                Name = "analytics-readonly",
                AccessMode = PolicyProfileAccessMode.ReadOnly,
                TableAllowlist = ["public.orders"],
                MaxRows = 500,
            }),
            HttpMethod.Put, "/v1/projects/prj_1/policies/pol_1",
            """{"name":"analytics-readonly","access_mode":"read_only","table_allowlist":["public.orders"],"max_rows":500}""",
            HttpStatusCode.OK,
            """{"id":"pol_1","project_id":"prj_1","name":"analytics-readonly","access_mode":"read_only","table_allowlist":["public.orders"],"table_denylist":[],"masking_rules":[],"max_rows":500,"created_at":"2026-01-02T03:04:05Z","updated_at":"2026-01-03T03:04:05Z"}""",
            result =>
            {
                var profile = (PolicyProfile)result!;
                Assert.That(profile.MaxRows, Is.EqualTo(500));
                Assert.That(profile.TableAllowlist, Is.EqualTo(new[] { "public.orders" }));
                Assert.That(profile.UpdatedAt, Is.EqualTo(new DateTimeOffset(2026, 1, 3, 3, 4, 5, TimeSpan.Zero)));
            });

        yield return new ServiceCall(
            "Agents", "list_audit_logs_sends_filters_as_escaped_query_parameters",
            async client => await client.Agents.ListAuditLogsAsync("prj_1", new ListAuditLogsParams
            {
                Event = "blocked",
                Decision = AuditDecision.Block,
                Source = AuditSource.Mcp,
                Start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.FromHours(2)),
                PageSize = 50,
            }),
            HttpMethod.Get, "/v1/projects/prj_1/audit-logs?event=blocked&decision=block&source=mcp&start=2026-01-01T00%3A00%3A00.0000000%2B02%3A00&page_size=50",
            null, HttpStatusCode.OK,
            """{"entries":[{"id":"aud_1","project_id":"prj_1","event":"blocked","decision_rule":"table_denylist","ts":"2026-01-01T01:00:00Z","seq":7}],"next_page_token":null}""",
            result =>
            {
                var page = (ListAuditLogsResponse)result!;
                var entry = page.Entries.Single();
                Assert.That(entry.Event, Is.EqualTo("blocked"));
                Assert.That(entry.DecisionRule, Is.EqualTo("table_denylist"));
                Assert.That(entry.Seq, Is.EqualTo(7));
                Assert.That(page.NextPageToken, Is.Null);
            });

        yield return new ServiceCall(
            "Approvals", "approve_approval_request_posts_the_reason",
            async client => await client.Approvals.ApproveApprovalRequestAsync("prj_1", "apr_1", new ApprovalDecisionRequest { Reason = "verified against ticket OPS-1234" }),
            HttpMethod.Post, "/v1/projects/prj_1/approvals/apr_1/approve",
            """{"reason":"verified against ticket OPS-1234"}""",
            HttpStatusCode.OK,
            """{"id":"apr_1","project_id":"prj_1","policy_profile_id":"pol_1","sql":"DELETE FROM orders WHERE id = 7","status":"approved","reason":"verified against ticket OPS-1234","requested_at":"2026-01-02T03:04:05Z","decided_at":"2026-01-02T03:05:00Z","expires_at":"2026-01-02T03:09:05Z"}""",
            result =>
            {
                var approval = (ApprovalRequest)result!;
                Assert.That(approval.Status, Is.EqualTo(ApprovalRequestStatus.Approved));
                Assert.That(approval.DecidedAt, Is.EqualTo(new DateTimeOffset(2026, 1, 2, 3, 5, 0, TimeSpan.Zero)));
            });

        yield return new ServiceCall(
            "Webhooks", "create_webhook_endpoint_posts_the_secret_and_event_types",
            async client => await client.Webhooks.CreateWebhookEndpointAsync("prj_1", new WebhookEndpointInput
            {
                Url = "https://example.com/pgbeam/events",
                Enabled = true,
                EventTypes = [WebhookEventType.ApprovalRequested, WebhookEventType.AnomalyAlert],
                Secret = "whsec_test_secret",
            }),
            HttpMethod.Post, "/v1/projects/prj_1/webhooks",
            """{"url":"https://example.com/pgbeam/events","enabled":true,"event_types":["approval_requested","anomaly_alert"],"secret":"whsec_test_secret"}""",
            HttpStatusCode.Created,
            """{"id":"wh_1","project_id":"prj_1","url":"https://example.com/pgbeam/events","format":"json","event_types":["approval_requested","anomaly_alert"],"enabled":true,"created_at":"2026-01-02T03:04:05Z","updated_at":"2026-01-02T03:04:05Z"}""",
            result =>
            {
                var hook = (WebhookEndpoint)result!;
                Assert.That(hook.Id, Is.EqualTo("wh_1"));
                Assert.That(hook.Format, Is.EqualTo(WebhookPayloadFormat.Json));
                Assert.That(hook.EventTypes, Is.EqualTo(new[] { WebhookEventType.ApprovalRequested, WebhookEventType.AnomalyAlert }));
            });

        yield return new ServiceCall(
            "Anomalies", "update_anomaly_alert_patches_the_status",
            async client => await client.Anomalies.UpdateAnomalyAlertAsync("prj_1", "anm_1", new UpdateAnomalyAlertRequest { Status = AnomalyAlertStatusUpdate.Acknowledged }),
            HttpMethod.Patch, "/v1/projects/prj_1/anomalies/anm_1",
            """{"status":"acknowledged"}""",
            HttpStatusCode.OK,
            """{"id":"anm_1","project_id":"prj_1","kind":"query_spike","severity":"warning","title":"Query spike","status":"acknowledged","created_at":"2026-01-02T03:04:05Z","acknowledged_by":"usr_1"}""",
            result =>
            {
                var alert = (AnomalyAlert)result!;
                Assert.That(alert.Status, Is.EqualTo(AnomalyAlertStatus.Acknowledged));
                Assert.That(alert.Severity, Is.EqualTo(AnomalyAlertSeverity.Warning));
                Assert.That(alert.AcknowledgedBy, Is.EqualTo("usr_1"));
            });

        yield return new ServiceCall(
            "Branches", "discard_database_branch_deletes_and_reads_no_body",
            async client =>
            {
                await client.Branches.DiscardDatabaseBranchAsync("prj_1", "br_1");
                return null;
            },
            HttpMethod.Delete, "/v1/projects/prj_1/branches/br_1",
            null, HttpStatusCode.NoContent, null,
            result => Assert.That(result, Is.Null));

        yield return new ServiceCall(
            "Migrations", "lint_migration_posts_to_the_literal_colon_path",
            async client => await client.Migrations.LintMigrationAsync("prj_1", new MigrationLintRequest { Sql = "ALTER TABLE orders ADD COLUMN note text NOT NULL" }),
            HttpMethod.Post, "/v1/projects/prj_1/migrations:lint",
            """{"sql":"ALTER TABLE orders ADD COLUMN note text NOT NULL"}""",
            HttpStatusCode.OK,
            """{"safe":false,"findings":[{"severity":"error","rule":"add-column-not-null","message":"Adding a NOT NULL column without a default rewrites the table."}]}""",
            result =>
            {
                var lint = (MigrationLintResponse)result!;
                Assert.That(lint.Safe, Is.False);
                Assert.That(lint.Findings.Single().Rule, Is.EqualTo("add-column-not-null"));
            });

        yield return new ServiceCall(
            "Analytics", "get_project_usage_sends_the_dates_as_yyyy_MM_dd",
            async client => await client.Analytics.GetProjectUsageAsync("prj_1", new DateOnly(2026, 1, 1), new DateOnly(2026, 1, 31)),
            HttpMethod.Get, "/v1/projects/prj_1/usage?start_date=2026-01-01&end_date=2026-01-31",
            null, HttpStatusCode.OK,
            """{"usage":[{"day":"2026-01-05","region":"eu-west-1","queries_total":1200,"cache_hits":900,"cache_misses":300,"connection_seconds":3600,"bytes_transferred":1048576}]}""",
            result =>
            {
                var day = ((ProjectUsageResponse)result!).Usage.Single();
                Assert.That(day.Day, Is.EqualTo(new DateOnly(2026, 1, 5)));
                Assert.That(day.QueriesTotal, Is.EqualTo(1200));
                Assert.That(day.BytesTransferred, Is.EqualTo(1048576));
            });

        yield return new ServiceCall(
            "Platform", "get_health_reads_status_and_version",
            async client => await client.Platform.GetHealthAsync(),
            HttpMethod.Get, "/v1/health",
            null, HttpStatusCode.OK,
            """{"status":"ok","version":"0.2.4","image_sha":"abc123","timestamp":"2026-01-02T03:04:05Z"}""",
            result =>
            {
                var health = (HealthResponse)result!;
                Assert.That(health.Status, Is.EqualTo(HealthStatus.Ok));
                Assert.That(health.Version, Is.EqualTo("0.2.4"));
            });

        yield return new ServiceCall(
            "Account", "update_onboarding_progress_patches_the_step",
            async client => await client.Account.UpdateOnboardingProgressAsync("org_1", new UpdateOnboardingRequest { Step = OnboardingStep.DatabaseAdded }),
            HttpMethod.Patch, "/v1/organizations/org_1/onboarding",
            """{"step":"database_added"}""",
            HttpStatusCode.OK,
            """{"organization_id":"org_1","org_created":true,"project_created":true,"database_added":true,"connection_tested":false,"connection_string_copied":false,"first_query_run":false,"agent_credential_created":false,"dismissed":false,"completed":false,"steps_completed":3,"steps_total":7}""",
            result =>
            {
                var progress = (OnboardingProgress)result!;
                Assert.That(progress.DatabaseAdded, Is.True);
                Assert.That(progress.StepsCompleted, Is.EqualTo(3));
            });

        yield return new ServiceCall(
            "Support", "create_support_message_posts_the_body",
            async client => await client.Support.CreateSupportMessageAsync("org_1", "case_1", new CreateSupportMessageRequest { Body = "The replica lags by 30 s." }),
            HttpMethod.Post, "/v1/organizations/org_1/support/cases/case_1/messages",
            """{"body":"The replica lags by 30 s."}""",
            HttpStatusCode.Created,
            """{"id":"msg_1","case_id":"case_1","source":"user","author_name":"Ada","body":"The replica lags by 30 s.","created_at":"2026-01-02T03:04:05Z"}""",
            result =>
            {
                var message = (SupportMessage)result!;
                Assert.That(message.Source, Is.EqualTo(SupportMessageSource.User));
                Assert.That(message.AuthorName, Is.EqualTo("Ada"));
            });

        yield return new ServiceCall(
            "Honeytokens", "create_honeytoken_posts_the_decoy_and_reads_its_shared_action_type",
            async client => await client.Honeytokens.CreateHoneytokenAsync("prj_1", new HoneytokenInput { SchemaName = "public", RelationName = "customer_ssns", Action = HoneytokenAction.Kill }),
            HttpMethod.Post, "/v1/projects/prj_1/honeytokens",
            """{"schema_name":"public","relation_name":"customer_ssns","action":"kill"}""",
            HttpStatusCode.Created,
            """{"id":"hny_1","project_id":"prj_1","schema_name":"public","relation_name":"customer_ssns","action":"kill","created_at":"2026-01-02T03:04:05Z","updated_at":"2026-01-02T03:04:05Z"}""",
            result =>
            {
                var honeytoken = (Honeytoken)result!;
                Assert.That(honeytoken.Id, Is.EqualTo("hny_1"));
                Assert.That(honeytoken.SchemaName, Is.EqualTo("public"));
                Assert.That(honeytoken.Action, Is.EqualTo(HoneytokenAction.Kill));
            });

        yield return new ServiceCall(
            "SchemaAnnotations", "put_schema_annotation_puts_the_description_without_an_idempotency_key",
            async client => await client.SchemaAnnotations.PutSchemaAnnotationAsync("prj_1", new SchemaAnnotationInput { TableName = "orders", Description = "One row per checkout." }),
            HttpMethod.Put, "/v1/projects/prj_1/schema-annotations",
            """{"table_name":"orders","description":"One row per checkout."}""",
            HttpStatusCode.OK,
            """{"id":"san_1","project_id":"prj_1","schema_name":null,"table_name":"orders","column_name":null,"description":"One row per checkout.","created_at":"2026-01-02T03:04:05Z","updated_at":"2026-01-02T03:04:05Z"}""",
            result =>
            {
                var annotation = (SchemaAnnotation)result!;
                Assert.That(annotation.TableName, Is.EqualTo("orders"));
                Assert.That(annotation.ColumnName, Is.Null);
                Assert.That(annotation.Description, Is.EqualTo("One row per checkout."));
            });

        yield return new ServiceCall(
            "Batch", "execute_batch_posts_typed_operations_and_reads_each_result",
            async client => await client.Batch.ExecuteBatchAsync("prj_1", new BatchRequest
            {
                Mode = BatchMode.Atomic,
                Operations =
                [
                    new BatchOperation { Id = "op_1", Op = BatchOperationOp.RevokeAgentCredential, AgentId = "agt_1" },
                    new BatchOperation { Id = "op_2", Op = BatchOperationOp.UpdateAnomalyAlert, AnomalyId = "anm_1", AnomalyStatus = AnomalyAlertStatusUpdate.Resolved },
                ],
            }),
            HttpMethod.Post, "/v1/projects/prj_1/batch",
            """{"mode":"atomic","operations":[{"id":"op_1","op":"revoke_agent_credential","agent_id":"agt_1"},{"id":"op_2","op":"update_anomaly_alert","anomaly_id":"anm_1","anomaly_status":"resolved"}]}""",
            HttpStatusCode.OK,
            """{"mode":"atomic","applied":true,"summary":{"requested":2,"succeeded":2,"failed":0,"not_applied":0},"results":[{"id":"op_1","op":"revoke_agent_credential","status":"succeeded"},{"id":"op_2","op":"update_anomaly_alert","status":"succeeded"}]}""",
            result =>
            {
                var batch = (BatchResponse)result!;
                Assert.That(batch.Applied, Is.True);
                Assert.That(batch.Summary.Succeeded, Is.EqualTo(2));
                Assert.That(batch.Results.Select(r => r.Status), Is.All.EqualTo(BatchOperationResultStatus.Succeeded));
            });

        yield return new ServiceCall(
            "Demo", "get_demo_reads_the_tiers_and_the_dataset",
            async client => await client.Demo.GetDemoAsync(),
            HttpMethod.Get, "/v1/demo",
            null, HttpStatusCode.OK,
            """{"available":true,"tiers":[{"name":"free","ttl_seconds":900,"query_budget":200,"max_rows":100,"price_usd_cents":0,"purchasable":false}],"dataset":{"schema":"demo","tables":[{"name":"customers","reachable":true,"description":"Fictional customers.","columns":[{"name":"email","type":"text","treatment":"redacted"}]}]},"walkthrough":[],"live_sessions":3,"max_live_sessions":50,"max_sessions_per_hour_per_client":5,"upgrade":{"signup_url":"https://pgbeam.com/signup","docs_url":"https://docs.pgbeam.com","policy_endpoint":"/v1/projects/{project_id}/policies","description":"Sign up to use your own database."}}""",
            result =>
            {
                var demo = (DemoInfo)result!;
                Assert.That(demo.Available, Is.True);
                Assert.That(demo.Tiers.Single().Name, Is.EqualTo(DemoTierName.Free));
                Assert.That(demo.Dataset.Tables.Single().Columns.Single().Treatment, Is.EqualTo(DemoColumnTreatment.Redacted));
            });

        yield return new ServiceCall(
            "Payments", "list_payment_resources_reads_the_priced_packs",
            async client => await client.Payments.ListPaymentResourcesAsync(),
            HttpMethod.Get, "/v1/payments/resources",
            null, HttpStatusCode.OK,
            """{"resources":[{"id":"query_budget","title":"Query budget","unit":"queries","units_per_pack":1000,"currency":"usd","amount_per_pack":100,"min_packs":1,"max_packs":100,"operation_id":"createBudgetTopup"}]}""",
            result =>
            {
                var resource = ((ListPaymentResourcesResponse)result!).Resources.Single();
                Assert.That(resource.UnitsPerPack, Is.EqualTo(1000));
                Assert.That(resource.OperationId, Is.EqualTo("createBudgetTopup"));
            });
    }

    [TestCaseSource(nameof(Calls))]
    public async Task Sends_the_contract_request_and_reads_the_typed_result(ServiceCall call)
    {
        using var mock = new MockHttpMessageHandler();
        var sent = new List<SentRequest>();
        var path = call.PathAndQuery.Split('?')[0];
        var expectation = mock.Expect(call.Method, TestClients.Url(path)).RecordTo(sent);
        if (call.ResponseJson is null)
        {
            expectation.Respond(call.Status);
        }
        else
        {
            expectation.Respond(call.Status, "application/json", call.ResponseJson);
        }

        using var client = TestClients.Create(mock);

        var result = await call.Call(client);

        mock.VerifyNoOutstandingExpectation();
        var request = sent.Single();
        Assert.That(request.Method, Is.EqualTo(call.Method));
        Assert.That(request.Url, Is.EqualTo(TestClients.Url(call.PathAndQuery)));
        request.AssertSdkHeaders();
        if (call.RequestJson is null)
        {
            Assert.That(request.Body, Is.Null, "a call without a body must not send one");
        }
        else
        {
            request.AssertJsonBody(call.RequestJson);
        }

        // POST and PATCH are not idempotent by nature, so the SDK keys them; GET, PUT and DELETE need no key.
        if (call.Method == HttpMethod.Post || call.Method == HttpMethod.Patch)
        {
            Assert.That(request.Header("Idempotency-Key"), Does.Match(UuidV4));
        }
        else
        {
            Assert.That(request.Header("Idempotency-Key"), Is.Null);
        }

        call.AssertResult(result);
    }

    [Test]
    public void The_client_has_one_service_per_tag_of_the_contract_and_every_call_here_uses_one_of_them()
    {
        var services = typeof(PgBeamClient).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(property => property.PropertyType.IsInterface)
            .Select(property => property.Name)
            .Order(StringComparer.Ordinal)
            .ToList();
        var tags = TestContract.Document.ServiceTags.Select(NameRules.Pascal).Order(StringComparer.Ordinal).ToList();

        Assert.That(services, Is.EqualTo(tags),
            "PgBeamClient has one service per first tag of the contract's public operations; `dotnet build` generates them from openapi/pgbeam.yaml");
        Assert.That(AllCalls().Select(call => call.Service).Distinct(), Is.SubsetOf(services));
    }

    [Test]
    public async Task Approving_without_a_reason_sends_no_body()
    {
        using var mock = new MockHttpMessageHandler();
        var sent = new List<SentRequest>();
        mock.Expect(HttpMethod.Post, TestClients.Url("/v1/projects/prj_1/approvals/apr_1/approve")).RecordTo(sent)
            .Respond("application/json", """{"id":"apr_1","project_id":"prj_1","policy_profile_id":"pol_1","sql":"DELETE FROM t","status":"approved","requested_at":"2026-01-02T03:04:05Z","expires_at":"2026-01-02T03:09:05Z"}""");
        using var client = TestClients.Create(mock);

        var approval = await client.Approvals.ApproveApprovalRequestAsync("prj_1", "apr_1");

        Assert.That(sent.Single().Body, Is.Null);
        Assert.That(sent.Single().ContentType, Is.Null);
        Assert.That(approval.Status, Is.EqualTo(ApprovalRequestStatus.Approved));
    }
}
