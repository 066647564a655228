// The PgBeam quickstart. With PGBEAM_API_KEY (or PGBEAM_TOKEN / PGBEAM_API_TOKEN) set it talks to the real API, in
// the project named by PGBEAM_PROJECT_ID; without a key it runs offline against the in-process sandbox.
using System;
using System.Linq;
using PgBeam;
using PgBeam.Testing;
using Quickstart;

string[] keyVariables = ["PGBEAM_API_KEY", "PGBEAM_TOKEN", "PGBEAM_API_TOKEN"];
var hasKey = keyVariables.Any(name => !string.IsNullOrEmpty(Environment.GetEnvironmentVariable(name)));

PgBeamClient client;
string projectId;
if (hasKey)
{
    projectId = Environment.GetEnvironmentVariable("PGBEAM_PROJECT_ID") ?? string.Empty;
    if (string.IsNullOrWhiteSpace(projectId))
    {
        Console.Error.WriteLine("PGBEAM_PROJECT_ID is not set. With an API key the quickstart works in a real project: set PGBEAM_PROJECT_ID to its id (prj_…), or unset PGBEAM_API_KEY to run against the offline sandbox.");
        return 2;
    }

    client = new PgBeamClient(); // the key, and PGBEAM_API_URL if set, come from the environment
    Console.WriteLine($"Using the PgBeam API at {client.BaseUrl} in project {projectId}.");
}
else
{
    Console.WriteLine("PGBEAM_API_KEY is not set: running against the in-process PgBeam sandbox (no network, no account; the values below are fake).");
    var sandbox = new PgBeamSandbox();
    client = sandbox.CreateClient();
    var created = await client.Projects.CreateProjectAsync(new CreateProjectRequest
    {
        Name = "quickstart",
        OrgId = sandbox.OrganizationId,
        Database = new CreateDatabaseRequest { Host = "db.internal", Port = 5432, Name = "app", Username = "app", Password = "sandbox-only" },
    });
    projectId = created.Project.Id;
}

using (client)
{
    try
    {
        await AgentCredentialQuickstart.RunAsync(client, projectId, Console.Out);
        return 0;
    }
    catch (PgBeamException ex)
    {
        Console.Error.WriteLine($"The quickstart failed: {ex.Message}");
        return 1;
    }
}
