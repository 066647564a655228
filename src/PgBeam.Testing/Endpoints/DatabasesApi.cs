using System;
using System.Linq;
using System.Net;
using PgBeam.Testing.Routing;
using PgBeam.Testing.State;
using PgBeam.Testing.Validation;

namespace PgBeam.Testing.Endpoints;

/// <summary>A project's upstream databases: create, list, get, patch, delete. Passwords are accepted and never returned.</summary>
internal static class DatabasesApi
{
    public static SandboxResult Create(SandboxCall call)
    {
        var state = call.State;
        var project = state.RequireProject(call.Path("project_id"));
        var body = call.Body();
        CheckCreate(body);
        var database = AddDatabase(state, project, body.As<CreateDatabaseRequest>(), call.Now);
        return SandboxResult.Json(HttpStatusCode.Created, database);
    }

    public static SandboxResult List(SandboxCall call)
    {
        var state = call.State;
        var project = state.RequireProject(call.Path("project_id"));
        var (databases, next) = state.Databases.Page(d => d.ProjectId == project.Id, call.Query.PageSize(), call.Query.String("page_token", idPattern: true));
        return SandboxResult.Json(HttpStatusCode.OK, new ListDatabasesResponse { Databases = databases, NextPageToken = next });
    }

    public static SandboxResult Get(SandboxCall call)
    {
        var projectId = call.State.RequireProject(call.Path("project_id")).Id;
        return SandboxResult.Json(HttpStatusCode.OK, call.State.RequireDatabase(projectId, call.Path("database_id")));
    }

    public static SandboxResult Update(SandboxCall call)
    {
        var state = call.State;
        var project = state.RequireProject(call.Path("project_id"));
        var database = state.RequireDatabase(project.Id, call.Path("database_id"));
        var body = call.Body();
        body.String("host", minLength: 1, noWhitespace: true);
        body.Integer("port", minimum: 1, maximum: 65535);
        body.String("name");
        body.String("username");
        body.String("password");
        body.OneOf("ssl_mode", SslMode.KnownValues);
        body.OneOf("role", DatabaseRole.KnownValues);
        body.String("pool_region");
        body.Integer("query_timeout_ms", minimum: 0, maximum: 300_000);
        body.Boolean("auto_read_routing");
        CheckCacheConfig(body.Object("cache_config"));
        CheckPoolConfig(body.Object("pool_config"));
        var request = body.As<UpdateDatabaseRequest>();

        database.Host = request.Host ?? database.Host;
        database.Port = request.Port ?? database.Port;
        database.Name = request.Name ?? database.Name;
        database.Username = request.Username ?? database.Username;
        database.SslMode = request.SslMode ?? database.SslMode;
        database.Role = request.Role ?? database.Role;
        database.PoolRegion = request.PoolRegion ?? database.PoolRegion;
        database.QueryTimeoutMs = request.QueryTimeoutMs ?? database.QueryTimeoutMs;
        database.AutoReadRouting = request.AutoReadRouting ?? database.AutoReadRouting;
        database.CacheConfig = request.CacheConfig ?? database.CacheConfig;
        database.PoolConfig = request.PoolConfig ?? database.PoolConfig;
        database.ConnectionString = ConnectionStringOf(project.Id, database.Username, database.Name);
        database.UpdatedAt = call.Now;
        return SandboxResult.Json(HttpStatusCode.OK, database);
    }

    public static SandboxResult Delete(SandboxCall call)
    {
        var state = call.State;
        var project = state.RequireProject(call.Path("project_id"));
        var database = state.RequireDatabase(project.Id, call.Path("database_id"));
        state.Databases.Delete(database.Id);
        project.DatabaseCount = state.Databases.Live.Count(d => d.ProjectId == project.Id);
        return SandboxResult.NoContent();
    }

    /// <summary>The rules of <c>CreateDatabaseRequest</c>, also used for the database inside a new project.</summary>
    public static void CheckCreate(JsonBody body)
    {
        body.String("host", required: true, minLength: 1, noWhitespace: true);
        body.Integer("port", required: true, minimum: 1, maximum: 65535);
        body.String("name", required: true, minLength: 1);
        body.String("username", required: true, minLength: 1);
        body.String("password", required: true, minLength: 1);
        body.OneOf("ssl_mode", SslMode.KnownValues);
        body.OneOf("role", DatabaseRole.KnownValues);
        body.String("pool_region");
        body.Integer("query_timeout_ms", minimum: 0, maximum: 300_000);
        body.Boolean("auto_read_routing");
        CheckCacheConfig(body.Object("cache_config"));
        CheckPoolConfig(body.Object("pool_config"));
    }

    public static Database AddDatabase(SandboxState state, Project project, CreateDatabaseRequest request, DateTimeOffset now)
    {
        var id = state.NewId("db");
        var database = new Database
        {
            Id = id,
            ProjectId = project.Id,
            ConnectionString = ConnectionStringOf(project.Id, request.Username, request.Name),
            Host = request.Host,
            Port = request.Port ?? 0,
            Name = request.Name,
            Username = request.Username,
            SslMode = request.SslMode ?? SslMode.Require,
            Role = request.Role ?? DatabaseRole.Primary,
            PoolRegion = string.IsNullOrEmpty(request.PoolRegion) ? null : request.PoolRegion,
            QueryTimeoutMs = request.QueryTimeoutMs ?? 0,
            AutoReadRouting = request.AutoReadRouting ?? false,
            CacheConfig = request.CacheConfig ?? new CacheConfig { Enabled = true, TtlSeconds = 60, MaxEntries = 10_000, SwrSeconds = 30 },
            PoolConfig = request.PoolConfig ?? new PoolConfig { PoolSize = 10, MinPoolSize = 1, PoolMode = PoolMode.Transaction, MaxActive = 200 },
            CreatedAt = now,
            UpdatedAt = now,
        };
        state.Databases.Add(id, state.NextSequence(), database);
        project.DatabaseCount = state.Databases.Live.Count(d => d.ProjectId == project.Id);
        return database;
    }

    /// <summary>The DSN through the proxy with a placeholder for the password, as the API shows it.</summary>
    private static string ConnectionStringOf(string projectId, string username, string databaseName) =>
        $"postgresql://{Uri.EscapeDataString(username)}:YOUR_PASSWORD@{SandboxState.ProxyHostOf(projectId)}:5432/{Uri.EscapeDataString(databaseName)}";

    private static void CheckCacheConfig(JsonBody? cache)
    {
        if (cache is null)
        {
            return;
        }

        cache.Boolean("enabled", required: true);
        cache.Integer("ttl_seconds", required: true, minimum: 0, maximum: 86_400);
        cache.Integer("max_entries", required: true, minimum: 0, maximum: 1_000_000);
        cache.Integer("swr_seconds", required: true, minimum: 0, maximum: 86_400);
    }

    private static void CheckPoolConfig(JsonBody? pool)
    {
        if (pool is null)
        {
            return;
        }

        pool.Integer("pool_size", required: true, minimum: 1, maximum: 10_000);
        pool.Integer("min_pool_size", required: true, minimum: 1, maximum: 10_000);
        pool.OneOf("pool_mode", PoolMode.KnownValues, required: true);
        pool.Integer("max_active", minimum: 1, maximum: 10_000);
    }
}
