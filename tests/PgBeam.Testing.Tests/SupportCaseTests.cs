using System;
using System.Linq;
using System.Threading.Tasks;
using NUnit.Framework;
using PgBeam.Testing.Tests.Support;

namespace PgBeam.Testing.Tests;

/// <summary>Support cases: open with a first message, list with filters and paging, reply, close and reopen.</summary>
[TestFixture(SandboxTransport.InProcess)]
[TestFixture(SandboxTransport.PrismProxy)]
public class SupportCaseTests(SandboxTransport transport) : SandboxTestBase(transport)
{
    [Test]
    public async Task A_case_opens_with_its_first_message_and_shows_its_conversation()
    {
        var opened = await OpenAsync("Connections time out", severity: 2);
        Clock.Advance(TimeSpan.FromMinutes(3));
        var reply = await Client.Support.CreateSupportMessageAsync(Sandbox.OrganizationId, opened.Id, new CreateSupportMessageRequest { Body = "Still happening." });

        var read = await Client.Support.GetSupportCaseAsync(Sandbox.OrganizationId, opened.Id);

        Assert.That(opened.Id, Does.StartWith("sc_"));
        Assert.That(opened.CaseNumber, Is.EqualTo(1));
        Assert.That(opened.Status, Is.EqualTo(SupportCaseStatus.Open));
        Assert.That(opened.Severity, Is.EqualTo(2));
        Assert.That(opened.MessageCount, Is.EqualTo(1));
        Assert.That(opened.ClosedAt, Is.Null);
        Assert.That(reply.Id, Does.StartWith("sm_"));
        Assert.That(reply.CaseId, Is.EqualTo(opened.Id));
        Assert.That(read.Messages.Select(m => m.Body), Is.EqualTo(new[] { "It fails.", "Still happening." }));
        Assert.That(read.Messages.Select(m => m.Source), Is.All.EqualTo(SupportMessageSource.User));
        Assert.That(read.Case.MessageCount, Is.EqualTo(2));
        Assert.That(read.Case.UpdatedAt, Is.EqualTo(Start.AddMinutes(3)));
        Assert.That(read.Case.CreatedAt, Is.EqualTo(Start));
        Assert.That(read.Case.UserId, Is.EqualTo((await Client.Account.ListOrgMembersAsync(Sandbox.OrganizationId)).Members.Single().UserId));
    }

    [Test]
    public async Task Closing_stamps_closed_at_refuses_replies_and_reopening_clears_it()
    {
        var opened = await OpenAsync("Billing question");
        Clock.Advance(TimeSpan.FromHours(1));

        var closed = await Client.Support.UpdateSupportCaseAsync(Sandbox.OrganizationId, opened.Id, new UpdateSupportCaseRequest { Status = SupportCaseStatus.Closed });
        var refused = Assert.ThrowsAsync<PgBeamConflictException>(() => Client.Support.CreateSupportMessageAsync(Sandbox.OrganizationId, opened.Id, new CreateSupportMessageRequest { Body = "One more thing" }));
        var reopened = await Client.Support.UpdateSupportCaseAsync(Sandbox.OrganizationId, opened.Id, new UpdateSupportCaseRequest { Status = SupportCaseStatus.Open });
        await Client.Support.CreateSupportMessageAsync(Sandbox.OrganizationId, opened.Id, new CreateSupportMessageRequest { Body = "One more thing" });

        Assert.That(closed.Status, Is.EqualTo(SupportCaseStatus.Closed));
        Assert.That(closed.ClosedAt, Is.EqualTo(Start.AddHours(1)));
        Assert.That(refused!.Code, Is.EqualTo(ErrorCode.InvalidState));
        Assert.That(reopened.ClosedAt, Is.Null);
        Assert.That((await Client.Support.GetSupportCaseAsync(Sandbox.OrganizationId, opened.Id)).Messages, Has.Count.EqualTo(2));
    }

    [Test]
    public async Task Lists_filter_by_status_and_title_newest_first_with_the_filter_total()
    {
        var first = await OpenAsync("Slow queries on replica");
        var second = await OpenAsync("Invoice missing");
        var third = await OpenAsync("Replica lag alerts");
        await Client.Support.UpdateSupportCaseAsync(Sandbox.OrganizationId, second.Id, new UpdateSupportCaseRequest { Status = SupportCaseStatus.Closed });

        var all = await Client.Support.ListSupportCasesAsync(Sandbox.OrganizationId);
        var open = await Client.Support.ListSupportCasesAsync(Sandbox.OrganizationId, new ListSupportCasesParams { Status = SupportCaseStatus.Open });
        var replica = await Client.Support.ListSupportCasesAsync(Sandbox.OrganizationId, new ListSupportCasesParams { Search = "REPLICA" });

        Assert.That(all.Cases.Select(c => c.Id), Is.EqualTo(new[] { third.Id, second.Id, first.Id }));
        Assert.That(all.Total, Is.EqualTo(3));
        Assert.That(open.Cases.Select(c => c.Id), Is.EqualTo(new[] { third.Id, first.Id }));
        Assert.That(open.Total, Is.EqualTo(2));
        Assert.That(replica.Cases.Select(c => c.CaseNumber), Is.EqualTo(new[] { 3, 1 }));
    }

    [Test]
    public async Task Lists_page_by_token_or_by_page_number()
    {
        for (var i = 1; i <= 5; i++)
        {
            await OpenAsync($"Case {i}");
        }

        var first = await Client.Support.ListSupportCasesAsync(Sandbox.OrganizationId, new ListSupportCasesParams { PageSize = 2 });
        var byToken = await Client.Support.ListSupportCasesAsync(Sandbox.OrganizationId, new ListSupportCasesParams { PageSize = 2, PageToken = first.NextPageToken });
        var byNumber = await Client.Support.ListSupportCasesAsync(Sandbox.OrganizationId, new ListSupportCasesParams { PageSize = 2, Page = 3 });
        var beyond = await Client.Support.ListSupportCasesAsync(Sandbox.OrganizationId, new ListSupportCasesParams { PageSize = 2, Page = 4 });

        Assert.That(first.Cases.Select(c => c.Title), Is.EqualTo(new[] { "Case 5", "Case 4" }));
        Assert.That(byToken.Cases.Select(c => c.Title), Is.EqualTo(new[] { "Case 3", "Case 2" }));
        Assert.That(byNumber.Cases.Select(c => c.Title), Is.EqualTo(new[] { "Case 1" }));
        Assert.That(byNumber.NextPageToken, Is.Null);
        Assert.That(beyond.Cases, Is.Empty);
        Assert.That(beyond.Total, Is.EqualTo(5));
    }

    [Test]
    public async Task Unknown_cases_and_organizations_are_refused()
    {
        var opened = await OpenAsync("Here");

        Assert.ThrowsAsync<PgBeamNotFoundException>(() => Client.Support.GetSupportCaseAsync(Sandbox.OrganizationId, "sc_missing"));
        Assert.ThrowsAsync<PgBeamNotFoundException>(() => Client.Support.GetSupportCaseAsync("org_other", opened.Id));
        Assert.ThrowsAsync<PgBeamForbiddenException>(() => Client.Support.ListSupportCasesAsync("org_other"));
        var mismatch = Assert.ThrowsAsync<PgBeamValidationException>(() => Client.Support.CreateSupportCaseAsync(Sandbox.OrganizationId, new CreateSupportCaseRequest { OrgId = "org_other", Title = "t", Body = "b" }));
        Assert.That(mismatch!.Errors.Single().Field, Is.EqualTo("org_id"));
    }

    [Test]
    public async Task The_protocol_rules_apply_idempotent_create_and_conditional_read()
    {
        var options = new RequestOptions { IdempotencyKey = "case-1" };
        var request = new CreateSupportCaseRequest { OrgId = Sandbox.OrganizationId, Title = "Once", Body = "b" };
        var opened = await Client.Support.CreateSupportCaseAsync(Sandbox.OrganizationId, request, options);
        var again = await Client.Support.CreateSupportCaseAsync(Sandbox.OrganizationId, request, options);
        var before = (await Client.Support.GetSupportCaseWithResponseAsync(Sandbox.OrganizationId, opened.Id)).GetHeader("ETag")!;
        await Client.Support.CreateSupportMessageAsync(Sandbox.OrganizationId, opened.Id, new CreateSupportMessageRequest { Body = "changes the case" });
        var after = (await Client.Support.GetSupportCaseWithResponseAsync(Sandbox.OrganizationId, opened.Id)).GetHeader("ETag")!;

        using var http = CreateRawHttpClient();
        using var conditional = new System.Net.Http.HttpRequestMessage(System.Net.Http.HttpMethod.Get, $"v1/organizations/{Sandbox.OrganizationId}/support/cases/{opened.Id}");
        conditional.Headers.TryAddWithoutValidation("If-None-Match", after);
        using var notModified = await http.SendAsync(conditional);

        Assert.That(again.Id, Is.EqualTo(opened.Id));
        Assert.That((await Client.Support.ListSupportCasesAsync(Sandbox.OrganizationId)).Total, Is.EqualTo(1));
        Assert.That(after, Is.Not.EqualTo(before));
        Assert.That(notModified.StatusCode, Is.EqualTo(System.Net.HttpStatusCode.NotModified));
    }

    private Task<SupportCase> OpenAsync(string title, int? severity = null) =>
        Client.Support.CreateSupportCaseAsync(Sandbox.OrganizationId, new CreateSupportCaseRequest { OrgId = Sandbox.OrganizationId, Title = title, Severity = severity, Body = "It fails." });
}
