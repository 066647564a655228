using System.Linq;
using System.Net;
using PgBeam.Testing.Routing;
using PgBeam.Testing.State;

namespace PgBeam.Testing.Endpoints;

/// <summary>
/// Self-host enrollments of an organization (<c>she_</c> ids). The organization must be the sandbox's (or one of
/// its projects'); another is 403 <c>FORBIDDEN</c>, the one status every operation here declares. The sandbox
/// organization's plan is taken to include self-hosting. Create issues a <c>pbh_</c> token that appears only in the
/// create answer, and rotate one that appears only in the rotate answer: the sandbox keeps only its SHA-256, never
/// returns it in the list and never puts it in a message; a rotation makes the previous token invalid at once (see
/// <see cref="PgBeamSandbox.IsSelfHostTokenValid"/>). <c>expires_at</c>, if sent, must be in the future. List shows
/// every enrollment, revoked ones too (with <c>revoked_at</c>), most recent first. Revoking is final: the enrollment
/// stays listed as revoked, a second revoke is 404 (no active enrollment has that id) and a rotate is 409
/// <c>INVALID_STATE</c>. Create is a 409 while a project of the organization has an enabled approval rule
/// (<see cref="SelfHostApprovalConflict"/>).
/// </summary>
internal static class SelfHostEnrollmentsApi
{
    public static SandboxResult Create(SandboxCall call)
    {
        var state = call.State;
        var orgId = RequireOrganization(call);
        var body = call.OptionalBody();
        body.String("region_label", maxLength: 100);
        body.String("description", maxLength: 500);
        var expiresAt = body.Timestamp("expires_at", nullable: true);
        if (expiresAt is { } expiry && expiry <= call.Now)
        {
            throw body.Invalid("expires_at", "must be in the future");
        }

        SelfHostApprovalConflict.RefuseEnrollment(state, orgId);
        var request = body.As<CreateSelfHostEnrollmentRequest>();
        var enrollment = new SelfHostEnrollment
        {
            Id = state.NewId("she"),
            OrgId = orgId,
            RegionLabel = request.RegionLabel,
            Description = request.Description,
            CreatedBy = null,
            CreatedAt = call.Now,
            LastSeenAt = null,
            RevokedAt = null,
            ExpiresAt = expiresAt,
        };
        var stored = new StoredSelfHostEnrollment(enrollment);
        state.SelfHostEnrollments.Add(enrollment.Id, state.NextSequence(), stored);
        return SandboxResult.Json(HttpStatusCode.Created, Issue(state, stored));
    }

    public static SandboxResult List(SandboxCall call)
    {
        var state = call.State;
        var orgId = RequireOrganization(call);
        var (enrollments, next) = state.SelfHostEnrollments.Page(
            e => e.Enrollment.OrgId == orgId,
            call.Query.PageSize(),
            call.Query.String("page_token", idPattern: true),
            rows => rows.Reverse());
        return SandboxResult.Json(HttpStatusCode.OK, new ListSelfHostEnrollmentsResponse { Enrollments = enrollments.Select(e => e.Enrollment).ToList(), NextPageToken = next });
    }

    public static SandboxResult Revoke(SandboxCall call)
    {
        var stored = RequireEnrollment(call);
        if (stored.Enrollment.RevokedAt is not null)
        {
            throw SandboxProblem.NotFound($"Self-host enrollment '{stored.Enrollment.Id}' is already revoked.");
        }

        stored.Enrollment.RevokedAt = call.Now;
        return SandboxResult.NoContent();
    }

    public static SandboxResult Rotate(SandboxCall call)
    {
        var stored = RequireEnrollment(call);
        if (stored.Enrollment.RevokedAt is not null)
        {
            throw SandboxProblem.InvalidState($"Self-host enrollment '{stored.Enrollment.Id}' is revoked; a revoked enrollment cannot be rotated.");
        }

        return SandboxResult.Json(HttpStatusCode.OK, Issue(call.State, stored));
    }

    /// <summary>A new token for <paramref name="stored"/>, replacing whatever it had.</summary>
    private static SelfHostEnrollmentSecret Issue(SandboxState state, StoredSelfHostEnrollment stored)
    {
        var token = "pbh_" + state.NewSecret(40);
        stored.Accept(token);
        return new SelfHostEnrollmentSecret { Enrollment = stored.Enrollment, Token = token };
    }

    private static string RequireOrganization(SandboxCall call)
    {
        var orgId = call.Path("org_id");
        var state = call.State;
        return orgId == state.OrganizationId || state.Projects.Live.Any(p => p.OrgId == orgId)
            ? orgId
            : throw new SandboxProblem(HttpStatusCode.Forbidden, "FORBIDDEN", $"The API key has no access to organization '{orgId}'.");
    }

    private static StoredSelfHostEnrollment RequireEnrollment(SandboxCall call)
    {
        var orgId = RequireOrganization(call);
        var enrollmentId = call.Path("enrollment_id");
        return call.State.SelfHostEnrollments.Find(enrollmentId) is { } stored && stored.Enrollment.OrgId == orgId
            ? stored
            : throw SandboxProblem.NotFound($"Self-host enrollment '{enrollmentId}' does not exist in organization '{orgId}'.");
    }
}
