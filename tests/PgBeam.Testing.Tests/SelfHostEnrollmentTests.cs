using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using NUnit.Framework;
using PgBeam.Testing.Tests.Support;

namespace PgBeam.Testing.Tests;

[TestFixture(SandboxTransport.InProcess)]
[TestFixture(SandboxTransport.PrismProxy)]
public class SelfHostEnrollmentTests(SandboxTransport transport) : SandboxTestBase(transport)
{
    private string OrgId => Sandbox.OrganizationId;

    [Test]
    public async Task Create_shows_the_token_once_and_the_list_never_does()
    {
        var created = await Client.Platform.CreateSelfHostEnrollmentAsync(OrgId, new CreateSelfHostEnrollmentRequest { RegionLabel = "customer-vpc-us-east", Description = "prod cluster", ExpiresAt = Start.AddDays(30) });
        var list = await Client.Platform.ListSelfHostEnrollmentsAsync(OrgId);
        using var http = CreateRawHttpClient();
        var rawList = await http.GetStringAsync($"v1/organizations/{OrgId}/self-host-enrollments");

        Assert.That(created.Token, Does.StartWith("pbh_"));
        Assert.That(created.Enrollment.Id, Does.StartWith("she_"));
        Assert.That(created.Enrollment.OrgId, Is.EqualTo(OrgId));
        Assert.That((created.Enrollment.RegionLabel, created.Enrollment.Description), Is.EqualTo(("customer-vpc-us-east", "prod cluster")));
        Assert.That(created.Enrollment.ExpiresAt, Is.EqualTo(Start.AddDays(30)));
        Assert.That(created.Enrollment.RevokedAt, Is.Null);
        Assert.That(created.Enrollment.CreatedAt, Is.EqualTo(Start));
        Assert.That(list.Enrollments.Single().Id, Is.EqualTo(created.Enrollment.Id));
        Assert.That(list.Enrollments.Single().AdditionalProperties, Is.Empty);
        Assert.That(rawList, Does.Contain(created.Enrollment.Id).And.Not.Contain(created.Token).And.Not.Contain("\"token\""));
        Assert.That(created.ToString(), Does.Not.Contain(created.Token));
        Assert.That(Sandbox.IsSelfHostTokenValid(created.Token), Is.True);
    }

    [Test]
    public async Task A_body_is_optional()
    {
        var created = await Client.Platform.CreateSelfHostEnrollmentAsync(OrgId);

        Assert.That(created.Enrollment.ExpiresAt, Is.Null);
        Assert.That(Sandbox.IsSelfHostTokenValid(created.Token), Is.True);
    }

    [Test]
    public async Task Rotate_issues_a_new_token_and_the_previous_one_stops_working_at_once()
    {
        var created = await Client.Platform.CreateSelfHostEnrollmentAsync(OrgId, new CreateSelfHostEnrollmentRequest { RegionLabel = "eu" });
        Clock.Advance(TimeSpan.FromHours(1));

        var rotated = await Client.Platform.RotateSelfHostEnrollmentAsync(OrgId, created.Enrollment.Id);

        Assert.That(rotated.Token, Does.StartWith("pbh_").And.Not.EqualTo(created.Token));
        Assert.That(rotated.Enrollment.Id, Is.EqualTo(created.Enrollment.Id));
        Assert.That(rotated.Enrollment.CreatedAt, Is.EqualTo(Start));
        Assert.That(rotated.Enrollment.RegionLabel, Is.EqualTo("eu"));
        Assert.That(Sandbox.IsSelfHostTokenValid(created.Token), Is.False);
        Assert.That(Sandbox.IsSelfHostTokenValid(rotated.Token), Is.True);
    }

    [Test]
    public async Task Revoke_is_final_the_enrollment_stays_listed_and_acting_on_it_again_fails()
    {
        var created = await Client.Platform.CreateSelfHostEnrollmentAsync(OrgId);
        Clock.Advance(TimeSpan.FromMinutes(10));

        await Client.Platform.RevokeSelfHostEnrollmentAsync(OrgId, created.Enrollment.Id);

        var listed = (await Client.Platform.ListSelfHostEnrollmentsAsync(OrgId)).Enrollments.Single();
        Assert.That(listed.RevokedAt, Is.EqualTo(Start.AddMinutes(10)));
        Assert.That(Sandbox.IsSelfHostTokenValid(created.Token), Is.False);
        Assert.ThrowsAsync<PgBeamNotFoundException>(() => Client.Platform.RevokeSelfHostEnrollmentAsync(OrgId, created.Enrollment.Id));
        var rotate = Assert.ThrowsAsync<PgBeamConflictException>(() => Client.Platform.RotateSelfHostEnrollmentAsync(OrgId, created.Enrollment.Id));
        Assert.That(rotate!.ErrorCode, Is.EqualTo("INVALID_STATE"));
        Assert.That(Sandbox.IsSelfHostTokenValid(created.Token), Is.False);
    }

    [Test]
    public async Task An_expired_enrollment_token_is_refused()
    {
        var created = await Client.Platform.CreateSelfHostEnrollmentAsync(OrgId, new CreateSelfHostEnrollmentRequest { ExpiresAt = Start.AddHours(1) });

        Clock.Advance(TimeSpan.FromHours(2));

        Assert.That(Sandbox.IsSelfHostTokenValid(created.Token), Is.False);
    }

    [Test]
    public async Task An_expiry_in_the_past_is_400_on_expires_at()
    {
        var error = Assert.ThrowsAsync<PgBeamValidationException>(() => Client.Platform.CreateSelfHostEnrollmentAsync(OrgId, new CreateSelfHostEnrollmentRequest { ExpiresAt = Start.AddMinutes(-1) }));

        Assert.That(error!.Errors.Select(e => e.Field), Is.EqualTo(new[] { "expires_at" }));
        Assert.That((await Client.Platform.ListSelfHostEnrollmentsAsync(OrgId)).Enrollments, Is.Empty);
    }

    [Test]
    public async Task List_shows_the_most_recent_first_page_by_page()
    {
        var created = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            created.Add((await Client.Platform.CreateSelfHostEnrollmentAsync(OrgId)).Enrollment.Id);
            Clock.Advance(TimeSpan.FromSeconds(1));
        }

        var seen = new List<string>();
        string? token = null;
        do
        {
            var page = await Client.Platform.ListSelfHostEnrollmentsAsync(OrgId, new ListSelfHostEnrollmentsParams { PageSize = 2, PageToken = token });
            seen.AddRange(page.Enrollments.Select(e => e.Id));
            token = string.IsNullOrEmpty(page.NextPageToken) ? null : page.NextPageToken;
        }
        while (token is not null);

        created.Reverse();
        Assert.That(seen, Is.EqualTo(created));
    }

    [Test]
    public async Task Another_organization_is_forbidden_and_an_unknown_enrollment_is_404()
    {
        Assert.ThrowsAsync<PgBeamForbiddenException>(() => Client.Platform.CreateSelfHostEnrollmentAsync("org_someone_else"));
        Assert.ThrowsAsync<PgBeamForbiddenException>(() => Client.Platform.ListSelfHostEnrollmentsAsync("org_someone_else"));
        Assert.ThrowsAsync<PgBeamNotFoundException>(() => Client.Platform.RevokeSelfHostEnrollmentAsync(OrgId, "she_missing"));
        Assert.ThrowsAsync<PgBeamNotFoundException>(() => Client.Platform.RotateSelfHostEnrollmentAsync(OrgId, "she_missing"));
        var created = await Client.Platform.CreateSelfHostEnrollmentAsync(OrgId);
        Assert.ThrowsAsync<PgBeamForbiddenException>(() => Client.Platform.RotateSelfHostEnrollmentAsync("org_someone_else", created.Enrollment.Id));
    }
}
