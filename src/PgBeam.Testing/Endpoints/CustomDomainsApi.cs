using System;
using System.Linq;
using System.Net;
using System.Text.RegularExpressions;
using PgBeam.Testing.Routing;
using PgBeam.Testing.State;

namespace PgBeam.Testing.Endpoints;

/// <summary>
/// A project's custom domains (<c>dom_</c> ids). The hostname must fit the contract's pattern (letters, digits and
/// inner hyphens in dot-separated labels, at most 253 characters) and, as DNS requires, no label may pass 63
/// characters; it is stored in lower case. A hostname is attached to one project at a time in the whole sandbox, so a
/// second create of the same name (in any case) is 409 <c>RESOURCE_EXISTS</c>; deleting the domain or its project
/// frees the name. A new domain is unverified, with a
/// verification token and the DNS records to publish; verify looks the TXT record up in the sandbox's DNS, which
/// holds only what <see cref="PgBeamSandbox.PublishDnsTxtRecord"/> put there: when the expected value is found the
/// domain becomes verified (with <c>verified_at</c> and a TLS certificate valid for 90 days), otherwise the answer is
/// <c>verified: false</c> with the reason. Delete detaches it; afterwards it is 404. The sandbox organization is
/// treated as being on a plan that includes custom domains, so the contract's 403 never comes.
/// </summary>
internal static class CustomDomainsApi
{
    /// <summary>Days a certificate issued at verification stays valid (the ACME default).</summary>
    private const int CertificateDays = 90;

    private static readonly Regex HostnamePattern = new(@"^[a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?(\.[a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?)*$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    public static SandboxResult Create(SandboxCall call)
    {
        var state = call.State;
        var project = state.RequireProject(call.Path("project_id"));
        var body = call.Body();
        var name = body.String("domain", required: true, minLength: 1, maxLength: 253)!;
        if (!HostnamePattern.IsMatch(name))
        {
            throw body.Invalid("domain", "must be a host name such as db.example.com: labels of letters, digits and inner hyphens, separated by dots", "invalid_format");
        }

        if (name.Split('.').Any(label => label.Length > 63))
        {
            throw body.Invalid("domain", "has a label longer than 63 characters", "invalid_format");
        }

        var domainName = name.ToLowerInvariant();
        if (state.CustomDomains.Live.FirstOrDefault(d => d.Domain == domainName && state.Projects.Find(d.ProjectId) is not null) is { } holder)
        {
            throw SandboxProblem.Exists(holder.ProjectId == project.Id
                ? $"Project '{project.Id}' already has the custom domain '{domainName}' ('{holder.Id}')."
                : $"The custom domain '{domainName}' is already attached to another project.");
        }

        var token = state.NewHex(32);
        var proxyHost = SandboxState.ProxyHostOf(project.Id);
        var domain = new CustomDomain
        {
            Id = state.NewId("dom"),
            ProjectId = project.Id,
            Domain = domainName,
            Verified = false,
            VerifiedAt = null,
            TlsCertExpiry = null,
            DnsVerificationToken = token,
            DnsInstructions = new DnsInstructions
            {
                CnameHost = domainName,
                CnameTarget = proxyHost,
                TxtHost = TxtHostOf(domainName),
                TxtValue = TxtValueOf(token),
                AcmeCnameHost = "_acme-challenge." + domainName,
                AcmeCnameTarget = "_acme-challenge." + proxyHost,
            },
            CreatedAt = call.Now,
            UpdatedAt = call.Now,
        };
        state.CustomDomains.Add(domain.Id, state.NextSequence(), domain);
        return SandboxResult.Json(HttpStatusCode.Created, domain);
    }

    public static SandboxResult List(SandboxCall call)
    {
        var state = call.State;
        var project = state.RequireProject(call.Path("project_id"));
        var (domains, next) = state.CustomDomains.Page(d => d.ProjectId == project.Id, call.Query.PageSize(), call.Query.String("page_token", idPattern: true));
        return SandboxResult.Json(HttpStatusCode.OK, new ListCustomDomainsResponse { Domains = domains, NextPageToken = next });
    }

    public static SandboxResult Delete(SandboxCall call)
    {
        var state = call.State;
        var project = state.RequireProject(call.Path("project_id"));
        var domain = Require(state, project.Id, call.Path("domain_id"));
        state.CustomDomains.Delete(domain.Id);
        return SandboxResult.NoContent();
    }

    /// <summary>Looks for the TXT record; a domain verified once stays verified.</summary>
    public static SandboxResult Verify(SandboxCall call)
    {
        var state = call.State;
        var project = state.RequireProject(call.Path("project_id"));
        var domain = Require(state, project.Id, call.Path("domain_id"));
        if (domain.Verified)
        {
            return SandboxResult.Json(HttpStatusCode.OK, new VerifyCustomDomainResponse { Verified = true, Domain = domain });
        }

        var host = TxtHostOf(domain.Domain);
        var found = state.DnsTxtRecords.TryGetValue(host, out var values) && values.Contains(TxtValueOf(domain.DnsVerificationToken));
        if (!found)
        {
            return SandboxResult.Json(HttpStatusCode.OK, new VerifyCustomDomainResponse
            {
                Verified = false,
                Error = $"No TXT record with the expected value was found at {host}.",
                Domain = domain,
            });
        }

        domain.Verified = true;
        domain.VerifiedAt = call.Now;
        domain.TlsCertExpiry = call.Now.AddDays(CertificateDays);
        domain.UpdatedAt = call.Now;
        return SandboxResult.Json(HttpStatusCode.OK, new VerifyCustomDomainResponse { Verified = true, Domain = domain });
    }

    /// <summary>The host name of the ownership TXT record of <paramref name="domainName"/>.</summary>
    public static string TxtHostOf(string domainName) => "_pgbeam-verify." + domainName;

    /// <summary>The value the ownership TXT record must hold.</summary>
    public static string TxtValueOf(string token) => "pgbeam-verify=" + token;

    private static CustomDomain Require(SandboxState state, string projectId, string domainId) =>
        state.CustomDomains.Find(domainId) is { } domain && domain.ProjectId == projectId
            ? domain
            : throw SandboxProblem.NotFound($"Custom domain '{domainId}' does not exist in project '{projectId}'.");
}
