using System.Linq;
using System.Threading.Tasks;
using NUnit.Framework;
using PgBeam.Testing.Tests.Support;

namespace PgBeam.Testing.Tests;

/// <summary>Organizations, their members and invitations, and the onboarding checklist.</summary>
[TestFixture(SandboxTransport.InProcess)]
[TestFixture(SandboxTransport.PrismProxy)]
public class OrganizationTests(SandboxTransport transport) : SandboxTestBase(transport)
{
    private const string StoredOwnerEmail = "owner@sandbox.pgbeam.invalid";

    [Test]
    public async Task The_organization_starts_with_the_caller_as_its_only_owner()
    {
        var members = await Client.Account.ListOrgMembersAsync(Sandbox.OrganizationId);
        var organizations = await Client.Account.ListOrganizationsAsync();

        var owner = members.Members.Single();
        Assert.That(owner.Role, Is.EqualTo(OrgRole.Owner));
        Assert.That(owner.Id, Does.Match("^[0-9a-f]{32}$"));
        Assert.That(owner.CreatedAt, Is.EqualTo(Start));
        Assert.That(members.NextPageToken, Is.Null);
        var organization = organizations.Organizations.Single();
        Assert.That(organization.Id, Is.EqualTo(Sandbox.OrganizationId));
        Assert.That(organization.Role, Is.EqualTo("owner"));
        Assert.That(organization.Slug, Is.EqualTo("org-sandbox"));
    }

    [Test]
    public async Task Organizations_follow_the_org_ids_of_projects()
    {
        await Client.Projects.CreateProjectAsync(new CreateProjectRequest
        {
            Name = "elsewhere",
            OrgId = "org_acme",
            Database = new CreateDatabaseRequest { Host = "db", Port = 5432, Name = "app", Username = "app", Password = "p" },
        });

        var organizations = await Client.Account.ListOrganizationsAsync();
        var acmeMembers = await Client.Account.ListOrgMembersAsync("org_acme");

        Assert.That(organizations.Organizations.Select(o => o.Id), Is.EqualTo(new[] { Sandbox.OrganizationId, "org_acme" }));
        Assert.That(acmeMembers.Members.Single().UserId, Is.EqualTo((await Client.Account.ListOrgMembersAsync(Sandbox.OrganizationId)).Members.Single().UserId), "one caller, owner of both");
        Assert.ThrowsAsync<PgBeamNotFoundException>(() => Client.Account.ListOrgMembersAsync("org_nobody"));
    }

    [Test]
    public async Task An_invitation_is_pending_for_a_week_and_joins_as_member_by_default()
    {
        var invitation = await Client.Account.CreateOrgInvitationAsync(Sandbox.OrganizationId, new CreateOrgInvitationRequest { Email = "dev@example.com" });

        Assert.That(invitation.Id, Does.Match("^[0-9a-f]{32}$"));
        Assert.That(invitation.Status, Is.EqualTo(OrgInvitationStatus.Pending));
        Assert.That(invitation.Role, Is.EqualTo(OrgRole.Member));
        Assert.That(invitation.ExpiresAt, Is.EqualTo(Start.AddDays(7)));
        var listed = await Client.Account.ListOrgInvitationsAsync(Sandbox.OrganizationId);
        Assert.That(listed.Invitations.Single().Id, Is.EqualTo(invitation.Id));
    }

    [Test]
    public async Task A_second_pending_invitation_for_the_same_address_is_a_conflict()
    {
        await Client.Account.CreateOrgInvitationAsync(Sandbox.OrganizationId, new CreateOrgInvitationRequest { Email = "dev@example.com", Role = AssignableOrgRole.Admin });

        var error = Assert.ThrowsAsync<PgBeamConflictException>(() => Client.Account.CreateOrgInvitationAsync(Sandbox.OrganizationId, new CreateOrgInvitationRequest { Email = "DEV@example.com" }));

        Assert.That(error!.Code, Is.EqualTo(ErrorCode.ResourceExists));
        Assert.That((await Client.Account.ListOrgInvitationsAsync(Sandbox.OrganizationId)).Invitations, Has.Count.EqualTo(1));
    }

    [TestCase("not-an-address")]
    [TestCase("a@b")]
    [TestCase("two@@example.com")]
    public void An_invitation_needs_an_email_address(string email)
    {
        var error = Assert.ThrowsAsync<PgBeamValidationException>(() => Client.Account.CreateOrgInvitationAsync(Sandbox.OrganizationId, new CreateOrgInvitationRequest { Email = email }));

        Assert.That(error!.Errors.Single().Field, Is.EqualTo("email"));
    }

    [Test]
    public async Task Revoking_cancels_a_pending_invitation_once()
    {
        var invitation = await Client.Account.CreateOrgInvitationAsync(Sandbox.OrganizationId, new CreateOrgInvitationRequest { Email = "dev@example.com" });

        await Client.Account.RevokeOrgInvitationAsync(Sandbox.OrganizationId, invitation.Id);

        Assert.ThrowsAsync<PgBeamNotFoundException>(() => Client.Account.RevokeOrgInvitationAsync(Sandbox.OrganizationId, invitation.Id));
        var pending = await Client.Account.ListOrgInvitationsAsync(Sandbox.OrganizationId, new ListOrgInvitationsParams { Status = OrgInvitationStatus.Pending });
        var canceled = await Client.Account.ListOrgInvitationsAsync(Sandbox.OrganizationId, new ListOrgInvitationsParams { Status = OrgInvitationStatus.Canceled });
        Assert.That(pending.Invitations, Is.Empty);
        Assert.That(canceled.Invitations.Single().Id, Is.EqualTo(invitation.Id));
        Assert.DoesNotThrowAsync(() => Client.Account.CreateOrgInvitationAsync(Sandbox.OrganizationId, new CreateOrgInvitationRequest { Email = "dev@example.com" }), "a canceled invitation no longer blocks the address");
    }

    [Test]
    public async Task An_accepted_invitation_makes_a_member_whose_role_can_change_and_who_can_be_removed()
    {
        var member = await InviteAndAcceptAsync("ana@example.com", AssignableOrgRole.Approver);

        var promoted = await Client.Account.UpdateOrgMemberRoleAsync(Sandbox.OrganizationId, member.Id, new UpdateOrgMemberRoleRequest { Role = AssignableOrgRole.SecurityAdmin });
        var accepted = await Client.Account.ListOrgInvitationsAsync(Sandbox.OrganizationId, new ListOrgInvitationsParams { Status = OrgInvitationStatus.Accepted });
        await Client.Account.RemoveOrgMemberAsync(Sandbox.OrganizationId, member.Id);

        Assert.That(member.Role, Is.EqualTo(OrgRole.Approver));
        Assert.That(member.Email, Is.EqualTo("ana@example.com"));
        Assert.That(promoted.Role, Is.EqualTo(OrgRole.SecurityAdmin));
        Assert.That(accepted.Invitations, Has.Count.EqualTo(1));
        Assert.That((await Client.Account.ListOrgMembersAsync(Sandbox.OrganizationId)).Members.Select(m => m.Role), Is.EqualTo(new[] { OrgRole.Owner }));
        Assert.ThrowsAsync<PgBeamNotFoundException>(() => Client.Account.RemoveOrgMemberAsync(Sandbox.OrganizationId, member.Id));
        Assert.ThrowsAsync<PgBeamConflictException>(() => Client.Account.CreateOrgInvitationAsync(Sandbox.OrganizationId, new CreateOrgInvitationRequest { Email = StoredOwnerEmail }), "the owner is already a member");
    }

    [Test]
    public async Task The_only_owner_can_be_neither_demoted_nor_removed()
    {
        var owner = (await Client.Account.ListOrgMembersAsync(Sandbox.OrganizationId)).Members.Single();

        var demote = Assert.ThrowsAsync<PgBeamConflictException>(() => Client.Account.UpdateOrgMemberRoleAsync(Sandbox.OrganizationId, owner.Id, new UpdateOrgMemberRoleRequest { Role = AssignableOrgRole.Admin }));
        var remove = Assert.ThrowsAsync<PgBeamConflictException>(() => Client.Account.RemoveOrgMemberAsync(Sandbox.OrganizationId, owner.Id));

        Assert.That(demote!.Code, Is.EqualTo(ErrorCode.InvalidState));
        Assert.That(remove!.ServerMessage, Does.Contain("only owner"));
        Assert.That((await Client.Account.ListOrgMembersAsync(Sandbox.OrganizationId)).Members.Single().Role, Is.EqualTo(OrgRole.Owner));
    }

    [Test]
    public async Task Members_and_invitations_page()
    {
        for (var i = 0; i < 3; i++)
        {
            await InviteAndAcceptAsync($"m{i}@example.com", AssignableOrgRole.Member);
        }

        var first = await Client.Account.ListOrgMembersAsync(Sandbox.OrganizationId, new ListOrgMembersParams { PageSize = 3 });
        var second = await Client.Account.ListOrgMembersAsync(Sandbox.OrganizationId, new ListOrgMembersParams { PageSize = 3, PageToken = first.NextPageToken });
        var invitations = await Client.Account.ListOrgInvitationsAsync(Sandbox.OrganizationId, new ListOrgInvitationsParams { PageSize = 2 });

        Assert.That(first.Members.Select(m => m.Role), Is.EqualTo(new[] { OrgRole.Owner, OrgRole.Member, OrgRole.Member }));
        Assert.That(second.Members.Single().Email, Is.EqualTo("m2@example.com"));
        Assert.That(second.NextPageToken, Is.Null);
        Assert.That(invitations.Invitations, Has.Count.EqualTo(2));
        Assert.That(invitations.NextPageToken, Is.Not.Null);
    }

    [Test]
    public async Task Onboarding_follows_the_state_and_the_steps_ticked_off()
    {
        var fresh = await Client.Account.GetOnboardingProgressAsync(Sandbox.OrganizationId);
        var project = await CreateProjectAsync();
        await CreateCredentialAsync(project.Id, (await CreatePolicyAsync(project.Id)).Id);
        var withState = await Client.Account.GetOnboardingProgressAsync(Sandbox.OrganizationId);
        Sandbox.SeedAuditEntry(project.Id);
        await Client.Account.UpdateOnboardingProgressAsync(Sandbox.OrganizationId, new UpdateOnboardingRequest { Step = OnboardingStep.ConnectionTested });
        Clock.Advance(System.TimeSpan.FromMinutes(5));
        var done = await Client.Account.UpdateOnboardingProgressAsync(Sandbox.OrganizationId, new UpdateOnboardingRequest { Step = OnboardingStep.ConnectionStringCopied, Dismiss = true });

        Assert.That(fresh.OrgCreated, Is.True);
        Assert.That(fresh.StepsCompleted, Is.Zero);
        Assert.That(fresh.StepsTotal, Is.EqualTo(6));
        Assert.That(fresh.CompletedAt, Is.Null);
        Assert.That(withState.ProjectCreated && withState.DatabaseAdded && withState.AgentCredentialCreated, Is.True);
        Assert.That(withState.FirstQueryRun, Is.False);
        Assert.That(withState.StepsCompleted, Is.EqualTo(3));
        Assert.That(done.FirstQueryRun, Is.True, "an audited query counts as the first query");
        Assert.That(done.Completed, Is.True);
        Assert.That(done.Dismissed, Is.True);
        Assert.That(done.StepsCompleted, Is.EqualTo(6));
        Assert.That(done.CompletedAt, Is.EqualTo(Start.AddMinutes(5)));
    }

    private async Task<OrgMember> InviteAndAcceptAsync(string email, AssignableOrgRole role)
    {
        var invitation = await Client.Account.CreateOrgInvitationAsync(Sandbox.OrganizationId, new CreateOrgInvitationRequest { Email = email, Role = role });
        return Sandbox.AcceptInvitation(invitation.Id);
    }
}
