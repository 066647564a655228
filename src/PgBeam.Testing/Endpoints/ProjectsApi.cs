using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using PgBeam.Testing.Routing;
using PgBeam.Testing.State;
using PgBeam.Testing.Validation;

namespace PgBeam.Testing.Endpoints;

/// <summary>Projects: create (with their primary database), list per organization, get, patch, delete (with everything in them).</summary>
internal static class ProjectsApi
{
    public static SandboxResult Create(SandboxCall call)
    {
        var body = call.Body();
        var name = body.String("name", required: true, minLength: 1, maxLength: 100)!;
        var orgId = body.String("org_id", required: true, minLength: 1)!;
        body.String("description", maxLength: 500);
        body.StringArray("tags", maxItems: 10, maxItemLength: 50);
        body.OneOf("cloud", CloudProvider.KnownValues);
        body.Boolean("self_hosted");
        DatabasesApi.CheckCreate(body.Object("database", required: true)!);
        var request = body.As<CreateProjectRequest>();

        var state = call.State;
        if (state.Projects.Live.Any(p => p.OrgId == orgId && p.Name == name))
        {
            throw SandboxProblem.Exists($"Organization '{orgId}' already has a project named '{name}'.");
        }

        var project = AddProject(state, request, call.Now);
        var database = DatabasesApi.AddDatabase(state, project, request.Database, call.Now);
        return SandboxResult.Json(HttpStatusCode.Created, new CreateProjectResponse { Project = project, Database = database });
    }

    public static SandboxResult List(SandboxCall call)
    {
        var orgId = call.Query.String("org_id", required: true)!;
        var pageSize = call.Query.PageSize();
        var token = call.Query.String("page_token", idPattern: true);
        var sortBy = call.Query.OneOf("sort_by", ListProjectsSortBy.KnownValues) ?? ListProjectsSortBy.CreatedAt.Value;

        Func<IEnumerable<ResourceTable<Project>.Row>, IEnumerable<ResourceTable<Project>.Row>> order = sortBy switch
        {
            "name" => rows => rows.OrderBy(r => r.Value.Name, StringComparer.OrdinalIgnoreCase).ThenBy(r => r.Sequence),
            "active_connections" => rows => rows.OrderByDescending(r => r.Value.ActiveConnections ?? 0).ThenBy(r => r.Sequence),
            _ => rows => rows,
        };

        var state = call.State;
        var (projects, next) = state.Projects.Page(p => p.OrgId == orgId, pageSize, token, order);
        return SandboxResult.Json(HttpStatusCode.OK, new ListProjectsResponse
        {
            Projects = projects,
            Total = state.Projects.Live.Count(p => p.OrgId == orgId),
            NextPageToken = next,
        });
    }

    public static SandboxResult Get(SandboxCall call) =>
        SandboxResult.Json(HttpStatusCode.OK, call.State.RequireProject(call.Path("project_id")));

    public static SandboxResult Update(SandboxCall call)
    {
        var state = call.State;
        var project = state.RequireProject(call.Path("project_id"));
        var body = call.Body();
        var name = body.String("name", minLength: 1, maxLength: 100);
        var description = body.String("description", maxLength: 500);
        var tags = body.StringArray("tags", maxItems: 10, maxItemLength: 50);
        var status = body.OneOf("status", ProjectStatus.KnownValues);
        if (status == ProjectStatus.Deleted.Value)
        {
            throw body.Invalid("status", "cannot be set to 'deleted'; delete the project with DELETE /v1/projects/{project_id}");
        }

        var cidrs = body.ObjectArray("allowed_cidrs", maxItems: 50);
        foreach (var cidr in cidrs ?? [])
        {
            var value = cidr.String("cidr", required: true, minLength: 1)!;
            if (!IsCidr(value))
            {
                throw cidr.Invalid("cidr", "must be an IPv4 or IPv6 address or CIDR block such as 10.0.0.0/8");
            }

            cidr.String("label", maxLength: 100);
        }

        var defaultPolicy = body.String("default_policy_profile_id", nullable: true);
        if (!string.IsNullOrEmpty(defaultPolicy) && state.Policies.Find(defaultPolicy)?.ProjectId != project.Id)
        {
            throw body.Invalid("default_policy_profile_id", $"names no policy profile of project '{project.Id}'");
        }

        var residency = body.OneOf("residency", DataResidency.KnownValues);
        var agentsDisabled = body.Boolean("agents_disabled");
        // The contract gives updateProject no 409, so a taken name is a 400 on the field.
        if (name is not null && name != project.Name && state.Projects.Live.Any(p => p.OrgId == project.OrgId && p.Name == name))
        {
            throw body.Invalid("name", $"is already the name of another project of organization '{project.OrgId}'");
        }

        var request = body.As<UpdateProjectRequest>();
        project.Name = name ?? project.Name;
        project.Description = description ?? project.Description;
        project.Tags = tags is null ? project.Tags : request.Tags;
        project.Status = status is null ? project.Status : request.Status ?? project.Status;
        project.AllowedCidrs = cidrs is null ? project.AllowedCidrs : request.AllowedCidrs;
        if (body.Has("default_policy_profile_id"))
        {
            // null and "" both unset it; the contract makes the field nullable, so it then reads back as null.
            project.DefaultPolicyProfileId = string.IsNullOrEmpty(defaultPolicy) ? null : defaultPolicy;
        }

        project.Residency = residency is null ? project.Residency : request.Residency;
        project.AgentsDisabled = agentsDisabled ?? project.AgentsDisabled;
        project.UpdatedAt = call.Now;
        return SandboxResult.Json(HttpStatusCode.OK, project);
    }

    public static SandboxResult Delete(SandboxCall call)
    {
        var state = call.State;
        var project = state.RequireProject(call.Path("project_id"));
        state.Projects.Delete(project.Id);

        // What belongs to the project goes with it; its credentials stop working at once.
        foreach (var database in state.Databases.Live.Where(d => d.ProjectId == project.Id).ToList())
        {
            state.Databases.Delete(database.Id);
        }

        foreach (var policy in state.Policies.Live.Where(p => p.ProjectId == project.Id).ToList())
        {
            state.Policies.Delete(policy.Id);
        }

        foreach (var credential in state.CredentialsOf(project.Id).ToList())
        {
            state.Credentials.Delete(credential.Credential.Id);
        }

        foreach (var approval in state.Approvals.Live.Where(a => a.ProjectId == project.Id).ToList())
        {
            state.Approvals.Delete(approval.Id);
        }

        foreach (var webhook in state.Webhooks.Live.Where(w => w.Endpoint.ProjectId == project.Id).ToList())
        {
            state.Webhooks.Delete(webhook.Endpoint.Id);
        }

        return SandboxResult.NoContent();
    }

    /// <summary>Stores a new project with the API's defaults; shared with <see cref="PgBeamSandbox.SeedProject"/>.</summary>
    public static Project AddProject(SandboxState state, CreateProjectRequest request, DateTimeOffset now)
    {
        var id = state.NewId("prj");
        var project = new Project
        {
            Id = id,
            OrgId = request.OrgId,
            Name = request.Name,
            Description = request.Description,
            Tags = request.Tags ?? [],
            Cloud = request.Cloud ?? CloudProvider.Aws,
            SelfHosted = request.SelfHosted ?? false,
            ProxyHost = SandboxState.ProxyHostOf(id),
            QueriesPerSecond = 0,
            BurstSize = 0,
            MaxConnections = 0,
            AllowedCidrs = [],
            Residency = DataResidency.Any,
            AgentsDisabled = false,
            DatabaseCount = 0,
            ActiveConnections = 0,
            Status = ProjectStatus.Active,
            CreatedAt = now,
            UpdatedAt = now,
        };
        state.Projects.Add(id, state.NextSequence(), project);
        return project;
    }

    private static bool IsCidr(string value)
    {
        var slash = value.IndexOf('/', StringComparison.Ordinal);
        var address = slash < 0 ? value : value[..slash];
        if (!System.Net.IPAddress.TryParse(address, out var ip))
        {
            return false;
        }

        if (slash < 0)
        {
            return true;
        }

        var maxPrefix = ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? 128 : 32;
        return int.TryParse(value.AsSpan(slash + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var prefix) && prefix <= maxPrefix;
    }
}
