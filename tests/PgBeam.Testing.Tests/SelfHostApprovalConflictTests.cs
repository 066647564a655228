using System.Threading.Tasks;
using NUnit.Framework;
using PgBeam.Testing.Tests.Support;

namespace PgBeam.Testing.Tests;

/// <summary>
/// An organization has enabled approval rules or a live self-host enrollment, never both, as the contract says for
/// createApprovalRule, updateApprovalRule and createSelfHostEnrollment: the one that would make both true is a 409.
/// </summary>
[TestFixture(SandboxTransport.InProcess)]
[TestFixture(SandboxTransport.PrismProxy)]
public class SelfHostApprovalConflictTests(SandboxTransport transport) : SandboxTestBase(transport)
{
    [Test]
    public async Task An_enrollment_is_refused_while_a_project_has_an_enabled_rule_and_issued_once_it_is_disabled()
    {
        var project = await CreateProjectAsync();
        var rule = await Client.Approvals.CreateApprovalRuleAsync(project.Id, new ApprovalRuleInput { Name = "big-deletes", MinAffectedRows = 1000 });

        var refused = Assert.ThrowsAsync<PgBeamConflictException>(() => Client.Platform.CreateSelfHostEnrollmentAsync(Sandbox.OrganizationId));
        await Client.Approvals.UpdateApprovalRuleAsync(project.Id, rule.Id, new ApprovalRuleInput { Name = "big-deletes", MinAffectedRows = 1000, Enabled = false });
        var issued = await Client.Platform.CreateSelfHostEnrollmentAsync(Sandbox.OrganizationId);

        Assert.That(refused!.Code, Is.EqualTo(ErrorCode.InvalidState));
        Assert.That(refused.Message, Does.Contain(rule.Id));
        Assert.That(issued.Enrollment.RevokedAt, Is.Null);
        Assert.That(Sandbox.IsSelfHostTokenValid(issued.Token), Is.True);
    }

    [Test]
    public async Task Under_a_live_enrollment_only_a_disabled_rule_is_saved_and_after_its_revocation_an_enabled_one()
    {
        var project = await CreateProjectAsync();
        var enrollment = await Client.Platform.CreateSelfHostEnrollmentAsync(Sandbox.OrganizationId);

        var refused = Assert.ThrowsAsync<PgBeamConflictException>(() => Client.Approvals.CreateApprovalRuleAsync(project.Id, new ApprovalRuleInput { Name = "big-deletes" }));
        var disabled = await Client.Approvals.CreateApprovalRuleAsync(project.Id, new ApprovalRuleInput { Name = "big-deletes", Enabled = false });
        var enabling = Assert.ThrowsAsync<PgBeamConflictException>(() => Client.Approvals.UpdateApprovalRuleAsync(project.Id, disabled.Id, new ApprovalRuleInput { Name = "big-deletes", Enabled = true }));
        await Client.Platform.RevokeSelfHostEnrollmentAsync(Sandbox.OrganizationId, enrollment.Enrollment.Id);
        var enabled = await Client.Approvals.UpdateApprovalRuleAsync(project.Id, disabled.Id, new ApprovalRuleInput { Name = "big-deletes", Enabled = true });

        Assert.That(refused!.Code, Is.EqualTo(ErrorCode.InvalidState));
        Assert.That(enabling!.Code, Is.EqualTo(ErrorCode.InvalidState));
        Assert.That(disabled.Enabled, Is.False);
        Assert.That(enabled.Enabled, Is.True);
    }
}
