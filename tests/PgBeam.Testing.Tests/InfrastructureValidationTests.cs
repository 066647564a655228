using System.Linq;
using System.Threading.Tasks;
using NUnit.Framework;
using PgBeam.Testing.Tests.Support;

namespace PgBeam.Testing.Tests;

/// <summary>
/// Requests to the infrastructure operations that break the contract's schemas (patterns, ranges), which a
/// contract-checking proxy would reject before they reach the sandbox, so these run in process only.
/// </summary>
[TestFixture(SandboxTransport.InProcess)]
public class InfrastructureValidationTests(SandboxTransport transport) : SandboxTestBase(transport)
{
    [TestCase("db..example.com")]
    [TestCase("-db.example.com")]
    [TestCase("db.example.com.")]
    [TestCase("db_1.example.com")]
    [TestCase("https://db.example.com")]
    public async Task A_domain_that_is_not_a_host_name_is_400_on_the_domain_field(string domain)
    {
        var project = await CreateProjectAsync();

        var error = Assert.ThrowsAsync<PgBeamValidationException>(() => Client.Projects.CreateCustomDomainAsync(project.Id, new CreateCustomDomainRequest { Domain = domain }));

        Assert.That(error!.Errors.Select(e => e.Field), Is.EqualTo(new[] { "domain" }));
        Assert.That((await Client.Projects.ListCustomDomainsAsync(project.Id)).Domains, Is.Empty);
    }

    [Test]
    public async Task A_replica_host_with_whitespace_or_a_port_out_of_range_is_400_naming_the_field()
    {
        var project = await CreateProjectAsync();
        var primary = (await Client.Databases.ListDatabasesAsync(project.Id)).Databases.Single();

        var host = Assert.ThrowsAsync<PgBeamValidationException>(() => Client.Projects.CreateReplicaAsync(primary.Id, new CreateReplicaRequest { Host = "replica host", Port = 5432 }));
        var port = Assert.ThrowsAsync<PgBeamValidationException>(() => Client.Projects.CreateReplicaAsync(primary.Id, new CreateReplicaRequest { Host = "replica", Port = 70000 }));

        Assert.That(host!.Errors.Select(e => e.Field), Is.EqualTo(new[] { "host" }));
        Assert.That(port!.Errors.Select(e => e.Field), Is.EqualTo(new[] { "port" }));
        Assert.That((await Client.Projects.ListReplicasAsync(primary.Id)).Replicas, Is.Empty);
    }

    [Test]
    public async Task An_empty_or_overlong_annotation_is_400_naming_the_field()
    {
        var project = await CreateProjectAsync();

        var empty = Assert.ThrowsAsync<PgBeamValidationException>(() => Client.SchemaAnnotations.PutSchemaAnnotationAsync(project.Id, new SchemaAnnotationInput { TableName = "users", Description = "" }));
        var longTable = Assert.ThrowsAsync<PgBeamValidationException>(() => Client.SchemaAnnotations.PutSchemaAnnotationAsync(project.Id, new SchemaAnnotationInput { TableName = new string('t', 256), Description = "d" }));

        Assert.That(empty!.Errors.Select(e => e.Field), Is.EqualTo(new[] { "description" }));
        Assert.That(longTable!.Errors.Select(e => e.Field), Is.EqualTo(new[] { "table_name" }));
        Assert.That((await Client.SchemaAnnotations.ListSchemaAnnotationsAsync(project.Id)).Annotations, Is.Empty);
    }

    [Test]
    public async Task A_query_hash_that_is_not_16_hex_digits_is_400_naming_it()
    {
        var project = await CreateProjectAsync();
        var database = (await Client.Databases.ListDatabasesAsync(project.Id)).Databases.Single();

        var error = Assert.ThrowsAsync<PgBeamValidationException>(() => Client.Projects.UpdateCacheRuleAsync(project.Id, database.Id, "ABCDEF0123456789", new UpdateCacheRuleRequest { CacheEnabled = true }));

        Assert.That(error!.Errors.Select(e => e.Field), Is.EqualTo(new[] { "query_hash" }));
    }
}
