using System;
using System.Linq;
using System.Net;
using PgBeam.Testing.Routing;
using PgBeam.Testing.State;
using PgBeam.Testing.Validation;

namespace PgBeam.Testing.Endpoints;

/// <summary>
/// Members and invitations of an organization. Each organization starts with one member, the caller, as
/// <c>owner</c>; <c>owner</c> can be neither granted nor offered (400 on <c>role</c>), so the only owner can be
/// neither demoted nor removed (409). Invitations (32 hex digits, pending for 7 days) join as <c>member</c> unless a
/// role is given; a second pending invitation for the same address (any case), or one for an existing member, is a
/// 409; revoking sets a pending invitation to <c>canceled</c> (it stays listed with that status) and anything not
/// pending answers 404. An invitation is accepted outside the API (<c>PgBeamSandbox.AcceptInvitation</c>), which adds
/// the member.
/// </summary>
internal static class OrgMembersApi
{
    /// <summary>How long an invitation can be accepted.</summary>
    public static readonly TimeSpan InvitationLifetime = TimeSpan.FromDays(7);

    public static SandboxResult ListMembers(SandboxCall call)
    {
        var organization = call.State.RequireOrganization(call.Path("org_id"));
        var (members, next) = organization.Members.Page(_ => true, call.Query.PageSize(), call.Query.String("page_token", idPattern: true));
        return SandboxResult.Json(HttpStatusCode.OK, new ListOrgMembersResponse { Members = members, NextPageToken = next });
    }

    public static SandboxResult UpdateMemberRole(SandboxCall call)
    {
        var organization = call.State.RequireOrganization(call.Path("org_id"));
        var member = RequireMember(organization, call.Path("member_id"));
        var role = new OrgRole(call.Body().OneOf("role", AssignableOrgRole.KnownValues, required: true)!);
        if (member.Role == OrgRole.Owner && role != OrgRole.Owner && IsOnlyOwner(organization, member))
        {
            throw SandboxProblem.InvalidState($"Member '{member.Id}' is the only owner of organization '{organization.Id}'; every organization keeps at least one owner, so hand over ownership first.");
        }

        member.Role = role;
        return SandboxResult.Json(HttpStatusCode.OK, member);
    }

    public static SandboxResult RemoveMember(SandboxCall call)
    {
        var organization = call.State.RequireOrganization(call.Path("org_id"));
        var member = RequireMember(organization, call.Path("member_id"));
        if (member.Role == OrgRole.Owner && IsOnlyOwner(organization, member))
        {
            throw SandboxProblem.InvalidState($"Member '{member.Id}' is the only owner of organization '{organization.Id}' and cannot be removed; hand over ownership first.");
        }

        organization.Members.Delete(member.Id);
        return SandboxResult.NoContent();
    }

    public static SandboxResult ListInvitations(SandboxCall call)
    {
        var organization = call.State.RequireOrganization(call.Path("org_id"));
        var status = call.Query.OneOf("status", OrgInvitationStatus.KnownValues);
        var (invitations, next) = organization.Invitations.Page(
            i => status is null || i.Status.ToString() == status,
            call.Query.PageSize(),
            call.Query.String("page_token", idPattern: true));
        return SandboxResult.Json(HttpStatusCode.OK, new ListOrgInvitationsResponse { Invitations = invitations, NextPageToken = next });
    }

    public static SandboxResult CreateInvitation(SandboxCall call)
    {
        var state = call.State;
        var organization = state.RequireOrganization(call.Path("org_id"));
        var body = call.Body();
        var email = body.String("email", required: true, minLength: 1, maxLength: 254, noWhitespace: true)!;
        if (!IsEmailAddress(email))
        {
            throw body.Invalid("email", "must be an email address such as engineer@example.com", "invalid_format");
        }

        var role = body.OneOf("role", AssignableOrgRole.KnownValues) is { } asked ? new OrgRole(asked) : OrgRole.Member;
        if (organization.Invitations.Live.FirstOrDefault(i => IsPending(i, call.Now) && SameAddress(i.Email, email)) is { } pending)
        {
            throw SandboxProblem.Exists($"The address already has pending invitation '{pending.Id}' to organization '{organization.Id}'.");
        }

        if (organization.Members.Live.FirstOrDefault(m => SameAddress(m.Email, email)) is { } member)
        {
            throw SandboxProblem.Exists($"The address belongs to member '{member.Id}' of organization '{organization.Id}'.");
        }

        var id = state.NewHex(32);
        var invitation = new OrgInvitation
        {
            Id = id,
            Email = email,
            Role = role,
            Status = OrgInvitationStatus.Pending,
            ExpiresAt = call.Now + InvitationLifetime,
            CreatedAt = call.Now,
        };
        organization.Invitations.Add(id, state.NextSequence(), invitation);
        return SandboxResult.Json(HttpStatusCode.Created, invitation);
    }

    public static SandboxResult RevokeInvitation(SandboxCall call)
    {
        var organization = call.State.RequireOrganization(call.Path("org_id"));
        var invitationId = call.Path("invitation_id");
        if (organization.Invitations.Find(invitationId) is not { } invitation || invitation.Status != OrgInvitationStatus.Pending)
        {
            throw SandboxProblem.NotFound($"Organization '{organization.Id}' has no pending invitation '{invitationId}'.");
        }

        invitation.Status = OrgInvitationStatus.Canceled;
        return SandboxResult.NoContent();
    }

    /// <summary>The invitee accepts: the invitation becomes <c>accepted</c> and the person a member with its role.</summary>
    public static OrgMember Accept(SandboxState state, StoredOrganization organization, string invitationId)
    {
        var now = state.Now();
        if (organization.Invitations.Find(invitationId) is not { } invitation || !IsPending(invitation, now))
        {
            throw new InvalidOperationException($"Organization '{organization.Id}' has no pending, unexpired invitation '{invitationId}'.");
        }

        invitation.Status = OrgInvitationStatus.Accepted;
        var id = state.NewHex(32);
        var local = invitation.Email[..invitation.Email.IndexOf('@', StringComparison.Ordinal)];
        var member = new OrgMember
        {
            Id = id,
            UserId = state.NewHex(24),
            Email = invitation.Email,
            Name = local.Length == 0 ? invitation.Email : char.ToUpperInvariant(local[0]) + local[1..],
            Role = invitation.Role,
            CreatedAt = now,
        };
        organization.Members.Add(id, state.NextSequence(), member);
        return member;
    }

    private static OrgMember RequireMember(StoredOrganization organization, string memberId) =>
        organization.Members.Find(memberId) ?? throw SandboxProblem.NotFound($"Organization '{organization.Id}' has no member '{memberId}'.");

    private static bool IsOnlyOwner(StoredOrganization organization, OrgMember member) =>
        !organization.Members.Live.Any(m => m.Id != member.Id && m.Role == OrgRole.Owner);

    private static bool IsPending(OrgInvitation invitation, DateTimeOffset now) =>
        invitation.Status == OrgInvitationStatus.Pending && invitation.ExpiresAt > now;

    private static bool SameAddress(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    /// <summary>One <c>@</c> between a non-empty local part and a dotted domain, as mail servers accept it.</summary>
    private static bool IsEmailAddress(string value)
    {
        var at = value.IndexOf('@', StringComparison.Ordinal);
        if (at <= 0 || at != value.LastIndexOf('@') || at > 64)
        {
            return false;
        }

        var domain = value[(at + 1)..];
        return domain.Length >= 3
            && domain.Contains('.', StringComparison.Ordinal)
            && !domain.StartsWith('.')
            && !domain.EndsWith('.')
            && !domain.Contains("..", StringComparison.Ordinal)
            && domain.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.');
    }
}
