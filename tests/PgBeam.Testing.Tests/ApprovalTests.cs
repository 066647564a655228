using System;
using System.Linq;
using System.Threading.Tasks;
using NUnit.Framework;
using PgBeam.Testing.Tests.Support;

namespace PgBeam.Testing.Tests;

[TestFixture(SandboxTransport.InProcess)]
[TestFixture(SandboxTransport.PrismProxy)]
public class ApprovalTests(SandboxTransport transport) : SandboxTestBase(transport)
{
    [Test]
    public async Task A_seeded_held_statement_is_listed_as_pending()
    {
        var project = await CreateProjectAsync();
        var policy = await CreatePolicyAsync(project.Id);

        var seeded = Sandbox.SeedApproval(project.Id, new ApprovalRequest { Sql = "UPDATE orders SET status = 'void'", EstimatedRows = 12 });
        var listed = await Client.Approvals.ListApprovalRequestsAsync(project.Id);

        var approval = listed.Approvals.Single();
        Assert.That(approval.Id, Is.EqualTo(seeded.Id).And.StartWith("apr_"));
        Assert.That(approval.Status, Is.EqualTo(ApprovalRequestStatus.Pending));
        Assert.That(approval.Sql, Is.EqualTo("UPDATE orders SET status = 'void'"));
        Assert.That(approval.EstimatedRows, Is.EqualTo(12));
        Assert.That(approval.PolicyProfileId, Is.EqualTo(policy.Id));
        Assert.That(approval.RequestedAt, Is.EqualTo(Start));
        Assert.That(approval.ExpiresAt, Is.EqualTo(Start.AddSeconds(300)));
    }

    [Test]
    public async Task Approve_records_the_decision_reason_and_time()
    {
        var project = await CreateProjectAsync();
        await CreatePolicyAsync(project.Id);
        var seeded = Sandbox.SeedApproval(project.Id);
        Clock.Advance(TimeSpan.FromSeconds(42));

        var approved = await Client.Approvals.ApproveApprovalRequestAsync(project.Id, seeded.Id, new ApprovalDecisionRequest { Reason = "verified against ticket OPS-1234" });

        Assert.That(approved.Status, Is.EqualTo(ApprovalRequestStatus.Approved));
        Assert.That(approved.Reason, Is.EqualTo("verified against ticket OPS-1234"));
        Assert.That(approved.DecidedAt, Is.EqualTo(Start.AddSeconds(42)));
        Assert.That(approved.DecidedBy, Is.Not.Null.And.Not.Empty);
    }

    [Test]
    public async Task Reject_without_a_reason_records_the_decision()
    {
        var project = await CreateProjectAsync();
        await CreatePolicyAsync(project.Id);
        var seeded = Sandbox.SeedApproval(project.Id);

        var rejected = await Client.Approvals.RejectApprovalRequestAsync(project.Id, seeded.Id, new ApprovalDecisionRequest());

        Assert.That(rejected.Status, Is.EqualTo(ApprovalRequestStatus.Rejected));
        Assert.That(rejected.Reason, Is.Null);
    }

    [Test]
    public async Task Deciding_twice_is_a_conflict_and_keeps_the_first_decision()
    {
        var project = await CreateProjectAsync();
        await CreatePolicyAsync(project.Id);
        var seeded = Sandbox.SeedApproval(project.Id);
        await Client.Approvals.ApproveApprovalRequestAsync(project.Id, seeded.Id, new ApprovalDecisionRequest());

        var again = Assert.ThrowsAsync<PgBeamConflictException>(() => Client.Approvals.ApproveApprovalRequestAsync(project.Id, seeded.Id, new ApprovalDecisionRequest()));
        var reverse = Assert.ThrowsAsync<PgBeamConflictException>(() => Client.Approvals.RejectApprovalRequestAsync(project.Id, seeded.Id, new ApprovalDecisionRequest()));

        Assert.That(again!.ServerMessage, Does.Contain("approved"));
        Assert.That(reverse!.StatusCode, Is.EqualTo(System.Net.HttpStatusCode.Conflict));
        var listed = await Client.Approvals.ListApprovalRequestsAsync(project.Id);
        Assert.That(listed.Approvals.Single().Status, Is.EqualTo(ApprovalRequestStatus.Approved));
    }

    [Test]
    public async Task A_held_statement_past_its_deadline_reads_as_expired_and_cannot_be_decided()
    {
        var project = await CreateProjectAsync();
        await CreatePolicyAsync(project.Id);
        var seeded = Sandbox.SeedApproval(project.Id, new ApprovalRequest { ExpiresAt = Start.AddMinutes(10) });
        Clock.Advance(TimeSpan.FromMinutes(10));

        var listed = await Client.Approvals.ListApprovalRequestsAsync(project.Id);
        var error = Assert.ThrowsAsync<PgBeamConflictException>(() => Client.Approvals.ApproveApprovalRequestAsync(project.Id, seeded.Id, new ApprovalDecisionRequest()));

        Assert.That(listed.Approvals.Single().Status, Is.EqualTo(ApprovalRequestStatus.Expired));
        Assert.That(error!.ServerMessage, Does.Contain("expired"));
    }

    [Test]
    public async Task List_filters_by_status_and_pages_newest_first()
    {
        var project = await CreateProjectAsync();
        await CreatePolicyAsync(project.Id);
        var ids = Enumerable.Range(0, 5).Select(i => Sandbox.SeedApproval(project.Id, new ApprovalRequest { Sql = $"DELETE FROM t{i}" }).Id).ToList();
        await Client.Approvals.RejectApprovalRequestAsync(project.Id, ids[0], new ApprovalDecisionRequest { Reason = "no" });

        var pending = await Client.Approvals.ListApprovalRequestsAsync(project.Id, new ListApprovalRequestsParams { Status = ApprovalRequestStatus.Pending, PageSize = 3 });
        var rest = await Client.Approvals.ListApprovalRequestsAsync(project.Id, new ListApprovalRequestsParams { Status = ApprovalRequestStatus.Pending, PageSize = 3, PageToken = pending.NextPageToken });
        var rejected = await Client.Approvals.ListApprovalRequestsAsync(project.Id, new ListApprovalRequestsParams { Status = ApprovalRequestStatus.Rejected });

        Assert.That(pending.Approvals.Concat(rest.Approvals).Select(a => a.Id), Is.EqualTo(new[] { ids[4], ids[3], ids[2], ids[1] }));
        Assert.That(rest.NextPageToken, Is.Null);
        Assert.That(rejected.Approvals.Select(a => a.Id), Is.EqualTo(new[] { ids[0] }));
    }

    [Test]
    public async Task An_unknown_approval_is_404()
    {
        var project = await CreateProjectAsync();

        var error = Assert.ThrowsAsync<PgBeamNotFoundException>(() => Client.Approvals.ApproveApprovalRequestAsync(project.Id, "apr_missing", new ApprovalDecisionRequest()));

        Assert.That(error!.ServerMessage, Does.Contain("apr_missing"));
    }
}
