using System;
using System.Linq;
using System.Net;
using PgBeam.Testing.Routing;
using PgBeam.Testing.State;

namespace PgBeam.Testing.Endpoints;

/// <summary>
/// Read replicas of a database (<c>rep_</c> ids), reached by the database id alone. The database must exist (in a
/// project that exists) and be a primary: a replica attaches to the primary it copies, so adding one to a database
/// whose role is <c>replica</c> is 409 <c>INVALID_STATE</c>. The same host and port twice on one database is 409
/// <c>RESOURCE_EXISTS</c>. <c>ssl_mode</c> left out takes the primary's. Once the database is deleted its replicas
/// go with it (every call on them is 404).
/// </summary>
internal static class ReplicasApi
{
    public static SandboxResult Create(SandboxCall call)
    {
        var state = call.State;
        var database = RequireDatabase(state, call.Path("database_id"));
        var body = call.Body();
        var host = body.String("host", required: true, minLength: 1, noWhitespace: true)!;
        var port = (int)body.Integer("port", required: true, minimum: 1, maximum: 65535)!;
        var sslMode = body.OneOf("ssl_mode", SslMode.KnownValues);
        if (database.Role == DatabaseRole.Replica)
        {
            throw SandboxProblem.InvalidState($"Database '{database.Id}' is itself a replica; replicas attach to a primary database.");
        }

        if (state.Replicas.Live.FirstOrDefault(r => r.DatabaseId == database.Id && r.Port == port && string.Equals(r.Host, host, StringComparison.OrdinalIgnoreCase)) is { } holder)
        {
            throw SandboxProblem.Exists($"Database '{database.Id}' already has replica '{holder.Id}' at {host}:{port}.");
        }

        var replica = new Replica
        {
            Id = state.NewId("rep"),
            DatabaseId = database.Id,
            Host = host,
            Port = port,
            SslMode = sslMode is null ? database.SslMode : new SslMode(sslMode),
            CreatedAt = call.Now,
            UpdatedAt = call.Now,
        };
        state.Replicas.Add(replica.Id, state.NextSequence(), replica);
        return SandboxResult.Json(HttpStatusCode.Created, replica);
    }

    public static SandboxResult List(SandboxCall call)
    {
        var state = call.State;
        var database = RequireDatabase(state, call.Path("database_id"));
        var (replicas, next) = state.Replicas.Page(r => r.DatabaseId == database.Id, call.Query.PageSize(), call.Query.String("page_token", idPattern: true));
        return SandboxResult.Json(HttpStatusCode.OK, new ListReplicasResponse { Replicas = replicas, NextPageToken = next });
    }

    public static SandboxResult Delete(SandboxCall call)
    {
        var state = call.State;
        var database = RequireDatabase(state, call.Path("database_id"));
        var replicaId = call.Path("replica_id");
        if (state.Replicas.Find(replicaId) is not { } replica || replica.DatabaseId != database.Id)
        {
            throw SandboxProblem.NotFound($"Replica '{replicaId}' does not exist on database '{database.Id}'.");
        }

        state.Replicas.Delete(replica.Id);
        return SandboxResult.NoContent();
    }

    /// <summary>The database named by the path, in any project of the sandbox; 404 when it or its project is gone.</summary>
    private static Database RequireDatabase(SandboxState state, string databaseId) =>
        state.Databases.Find(databaseId) is { } database && state.Projects.Find(database.ProjectId) is not null
            ? database
            : throw SandboxProblem.NotFound($"Database '{databaseId}' does not exist.");
}
