using System.Linq;
using System.Net;
using PgBeam.Testing.Routing;
using PgBeam.Testing.State;

namespace PgBeam.Testing.Endpoints;

/// <summary>
/// Sandbox branches (<c>brn_</c> ids): throwaway copies the gateway spins up when an agent under a policy with
/// <c>write_mode: sandbox</c> writes. No API call makes one, so tests put them in place with
/// <see cref="PgBeamSandbox.SeedDatabaseBranch"/>. List shows the project's branches in creation order, filtered by
/// <c>status</c> when asked. Discard marks a branch <c>discarded</c> with <c>discarded_at</c> (it stays listed, as the
/// contract's status filter expects); discarding it again changes nothing and is another 204.
/// </summary>
internal static class DatabaseBranchesApi
{
    public static SandboxResult List(SandboxCall call)
    {
        var state = call.State;
        var project = state.RequireProject(call.Path("project_id"));
        var status = call.Query.OneOf("status", DatabaseBranchStatus.KnownValues);
        var (branches, next) = state.DatabaseBranches.Page(
            b => b.ProjectId == project.Id && (status is null || b.Branch.Status.ToString() == status),
            call.Query.PageSize(),
            call.Query.String("page_token", idPattern: true));
        return SandboxResult.Json(HttpStatusCode.OK, new ListDatabaseBranchesResponse { Branches = branches.Select(b => b.Branch).ToList(), NextPageToken = next });
    }

    public static SandboxResult Discard(SandboxCall call)
    {
        var state = call.State;
        var project = state.RequireProject(call.Path("project_id"));
        var branchId = call.Path("branch_id");
        if (state.DatabaseBranches.Find(branchId) is not { } stored || stored.ProjectId != project.Id)
        {
            throw SandboxProblem.NotFound($"Sandbox branch '{branchId}' does not exist in project '{project.Id}'.");
        }

        var branch = stored.Branch;
        if (branch.Status != DatabaseBranchStatus.Discarded)
        {
            branch.Status = DatabaseBranchStatus.Discarded;
            branch.DiscardedAt = call.Now;
        }

        return SandboxResult.NoContent();
    }
}
