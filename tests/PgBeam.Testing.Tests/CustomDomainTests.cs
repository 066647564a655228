using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using NUnit.Framework;
using PgBeam.Testing.Tests.Support;

namespace PgBeam.Testing.Tests;

[TestFixture(SandboxTransport.InProcess)]
[TestFixture(SandboxTransport.PrismProxy)]
public class CustomDomainTests(SandboxTransport transport) : SandboxTestBase(transport)
{
    [Test]
    public async Task Create_attaches_an_unverified_domain_with_the_dns_records_to_publish()
    {
        var project = await CreateProjectAsync();

        var domain = await Client.Projects.CreateCustomDomainAsync(project.Id, new CreateCustomDomainRequest { Domain = "DB.Example.com" });

        Assert.That(domain.Id, Does.StartWith("dom_"));
        Assert.That(domain.ProjectId, Is.EqualTo(project.Id));
        Assert.That(domain.Domain, Is.EqualTo("db.example.com"));
        Assert.That(domain.Verified, Is.False);
        Assert.That(domain.VerifiedAt, Is.Null);
        Assert.That(domain.TlsCertExpiry, Is.Null);
        Assert.That(domain.CreatedAt, Is.EqualTo(Start));
        Assert.That(domain.DnsInstructions!.TxtHost, Is.EqualTo("_pgbeam-verify.db.example.com"));
        Assert.That(domain.DnsInstructions.TxtValue, Is.EqualTo("pgbeam-verify=" + domain.DnsVerificationToken));
        Assert.That(domain.DnsInstructions.CnameHost, Is.EqualTo("db.example.com"));
        Assert.That(domain.DnsInstructions.CnameTarget, Does.EndWith(".invalid"));
        Assert.That(domain.DnsInstructions.AcmeCnameTarget, Is.EqualTo("_acme-challenge." + domain.DnsInstructions.CnameTarget));
        Assert.That(domain.AdditionalProperties, Is.Empty);
    }

    [Test]
    public async Task A_hostname_already_attached_anywhere_is_a_conflict_whatever_its_case()
    {
        var project = await CreateProjectAsync("one");
        var other = await CreateProjectAsync("two");
        await Client.Projects.CreateCustomDomainAsync(project.Id, new CreateCustomDomainRequest { Domain = "db.example.com" });

        var again = Assert.ThrowsAsync<PgBeamConflictException>(() => Client.Projects.CreateCustomDomainAsync(project.Id, new CreateCustomDomainRequest { Domain = "db.example.com" }));
        var elsewhere = Assert.ThrowsAsync<PgBeamConflictException>(() => Client.Projects.CreateCustomDomainAsync(other.Id, new CreateCustomDomainRequest { Domain = "DB.EXAMPLE.COM" }));

        Assert.That(again!.ErrorCode, Is.EqualTo("RESOURCE_EXISTS"));
        Assert.That(elsewhere!.ErrorCode, Is.EqualTo("RESOURCE_EXISTS"));
        Assert.That((await Client.Projects.ListCustomDomainsAsync(other.Id)).Domains, Is.Empty);
    }

    [Test]
    public async Task A_label_longer_than_dns_allows_is_400_on_the_domain_field()
    {
        var project = await CreateProjectAsync();

        var error = Assert.ThrowsAsync<PgBeamValidationException>(() => Client.Projects.CreateCustomDomainAsync(project.Id, new CreateCustomDomainRequest { Domain = new string('a', 64) + ".example.com" }));

        Assert.That(error!.Errors.Select(e => e.Field), Is.EqualTo(new[] { "domain" }));
    }

    [Test]
    public async Task Verify_fails_until_the_txt_record_is_published_then_marks_the_domain_verified()
    {
        var project = await CreateProjectAsync();
        var domain = await Client.Projects.CreateCustomDomainAsync(project.Id, new CreateCustomDomainRequest { Domain = "db.example.com" });
        Clock.Advance(TimeSpan.FromMinutes(5));

        var early = await Client.Projects.VerifyCustomDomainAsync(project.Id, domain.Id);
        Sandbox.PublishDnsTxtRecord(domain.DnsInstructions!.TxtHost!, "pgbeam-verify=not-the-token");
        var wrong = await Client.Projects.VerifyCustomDomainAsync(project.Id, domain.Id);
        Sandbox.PublishDnsTxtRecord(domain.DnsInstructions.TxtHost!, domain.DnsInstructions.TxtValue!);
        Clock.Advance(TimeSpan.FromMinutes(1));
        var verified = await Client.Projects.VerifyCustomDomainAsync(project.Id, domain.Id);
        Clock.Advance(TimeSpan.FromMinutes(1));
        var again = await Client.Projects.VerifyCustomDomainAsync(project.Id, domain.Id);
        var listed = (await Client.Projects.ListCustomDomainsAsync(project.Id)).Domains.Single();

        Assert.That(early.Verified, Is.False);
        Assert.That(early.Error, Does.Contain("_pgbeam-verify.db.example.com"));
        Assert.That(early.Domain!.Verified, Is.False);
        Assert.That(wrong.Verified, Is.False);
        Assert.That(verified.Verified, Is.True);
        Assert.That(verified.Error, Is.Null);
        Assert.That(verified.Domain!.VerifiedAt, Is.EqualTo(Start.AddMinutes(6)));
        Assert.That(verified.Domain.TlsCertExpiry, Is.EqualTo(Start.AddMinutes(6).AddDays(90)));
        Assert.That(again.Domain!.VerifiedAt, Is.EqualTo(Start.AddMinutes(6)));
        Assert.That(listed.Verified, Is.True);
        Assert.That(listed.UpdatedAt, Is.EqualTo(Start.AddMinutes(6)));
        Assert.That(listed.CreatedAt, Is.EqualTo(Start));
    }

    [Test]
    public async Task Delete_detaches_the_domain_so_it_is_404_after_and_the_name_is_free_again()
    {
        var project = await CreateProjectAsync();
        var domain = await Client.Projects.CreateCustomDomainAsync(project.Id, new CreateCustomDomainRequest { Domain = "db.example.com" });

        await Client.Projects.DeleteCustomDomainAsync(project.Id, domain.Id);

        Assert.ThrowsAsync<PgBeamNotFoundException>(() => Client.Projects.DeleteCustomDomainAsync(project.Id, domain.Id));
        Assert.ThrowsAsync<PgBeamNotFoundException>(() => Client.Projects.VerifyCustomDomainAsync(project.Id, domain.Id));
        Assert.That((await Client.Projects.ListCustomDomainsAsync(project.Id)).Domains, Is.Empty);
        var again = await Client.Projects.CreateCustomDomainAsync(project.Id, new CreateCustomDomainRequest { Domain = "db.example.com" });
        Assert.That(again.Id, Is.Not.EqualTo(domain.Id));
    }

    [Test]
    public async Task Deleting_the_project_frees_its_domain_names()
    {
        var project = await CreateProjectAsync("one");
        var other = await CreateProjectAsync("two");
        await Client.Projects.CreateCustomDomainAsync(project.Id, new CreateCustomDomainRequest { Domain = "db.example.com" });

        await Client.Projects.DeleteProjectAsync(project.Id);
        var moved = await Client.Projects.CreateCustomDomainAsync(other.Id, new CreateCustomDomainRequest { Domain = "db.example.com" });

        Assert.That(moved.ProjectId, Is.EqualTo(other.Id));
        Assert.ThrowsAsync<PgBeamNotFoundException>(() => Client.Projects.ListCustomDomainsAsync(project.Id));
    }

    [Test]
    public async Task A_domain_of_another_project_or_an_unknown_project_is_404()
    {
        var project = await CreateProjectAsync("one");
        var other = await CreateProjectAsync("two");
        var domain = await Client.Projects.CreateCustomDomainAsync(project.Id, new CreateCustomDomainRequest { Domain = "db.example.com" });

        Assert.ThrowsAsync<PgBeamNotFoundException>(() => Client.Projects.VerifyCustomDomainAsync(other.Id, domain.Id));
        Assert.ThrowsAsync<PgBeamNotFoundException>(() => Client.Projects.DeleteCustomDomainAsync(other.Id, domain.Id));
        Assert.ThrowsAsync<PgBeamNotFoundException>(() => Client.Projects.ListCustomDomainsAsync("prj_missing"));
        Assert.ThrowsAsync<PgBeamNotFoundException>(() => Client.Projects.CreateCustomDomainAsync("prj_missing", new CreateCustomDomainRequest { Domain = "x.example.com" }));
    }

    [Test]
    public async Task List_pages_through_the_project_domains_in_creation_order()
    {
        var project = await CreateProjectAsync();
        var created = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            created.Add((await Client.Projects.CreateCustomDomainAsync(project.Id, new CreateCustomDomainRequest { Domain = $"db{i}.example.com" })).Id);
        }

        var seen = new List<string>();
        string? token = null;
        do
        {
            var page = await Client.Projects.ListCustomDomainsAsync(project.Id, new ListCustomDomainsParams { PageSize = 2, PageToken = token });
            Assert.That(page.Domains, Has.Count.LessThanOrEqualTo(2));
            seen.AddRange(page.Domains.Select(d => d.Id));
            token = string.IsNullOrEmpty(page.NextPageToken) ? null : page.NextPageToken;
        }
        while (token is not null);

        Assert.That(seen, Is.EqualTo(created));
    }
}
