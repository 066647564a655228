using System.Collections.Generic;

namespace PgBeam.ContractTests.Calls;

/// <summary>The calls of <c>client.Platform</c>: health, regions and self-host enrollments.</summary>
internal static class PlatformCalls
{
    public static IEnumerable<OperationCall> All() =>
    [
        .. OperationCall.Returning("getHealth", (c, ct) => c.Platform.GetHealthAsync(cancellationToken: ct)),
        .. OperationCall.Returning("listRegions", (c, ct) => c.Platform.ListRegionsAsync(cancellationToken: ct)),

        OperationCall.Returning("createSelfHostEnrollment", CallVariant.RequiredOnly, (c, ct) =>
            c.Platform.CreateSelfHostEnrollmentAsync(SampleIds.Org, null, cancellationToken: ct)),
        OperationCall.Returning("createSelfHostEnrollment", CallVariant.AllFields, (c, ct) =>
            c.Platform.CreateSelfHostEnrollmentAsync(SampleIds.Org, new CreateSelfHostEnrollmentRequest
            {
                RegionLabel = "on-prem-frankfurt",
                Description = "Rack 4, cluster B.",
                ExpiresAt = SampleIds.Expiry,
            }, cancellationToken: ct)),
        OperationCall.Returning("createSelfHostEnrollment", CallVariant.ExplicitNulls, (c, ct) =>
            c.Platform.CreateSelfHostEnrollmentAsync(SampleIds.Org, new CreateSelfHostEnrollmentRequest { ExpiresAt = null }, cancellationToken: ct)),

        .. OperationCall.Returning("listSelfHostEnrollments", (c, ct) => c.Platform.ListSelfHostEnrollmentsAsync(SampleIds.Org, cancellationToken: ct)),
        .. OperationCall.WithoutBody("revokeSelfHostEnrollment", (c, ct) => c.Platform.RevokeSelfHostEnrollmentAsync(SampleIds.Org, SampleIds.Enrollment, cancellationToken: ct)),
        .. OperationCall.Returning("rotateSelfHostEnrollment", (c, ct) => c.Platform.RotateSelfHostEnrollmentAsync(SampleIds.Org, SampleIds.Enrollment, cancellationToken: ct)),
    ];
}
