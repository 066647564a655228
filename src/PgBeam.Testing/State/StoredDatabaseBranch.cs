namespace PgBeam.Testing.State;

/// <summary>A sandbox branch and the project it belongs to (the API's branch carries only its source database).</summary>
internal sealed class StoredDatabaseBranch(string projectId, DatabaseBranch branch)
{
    public string ProjectId { get; } = projectId;

    public DatabaseBranch Branch { get; } = branch;
}
