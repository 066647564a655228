using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using NUnit.Framework;
using PgBeam.Testing.Endpoints;
using PgBeam.Testing.Tests.Support;

namespace PgBeam.Testing.Tests;

[TestFixture(SandboxTransport.InProcess)]
[TestFixture(SandboxTransport.PrismProxy)]
public class CacheRuleTests(SandboxTransport transport) : SandboxTestBase(transport)
{
    private async Task<(string ProjectId, Database Database)> DatabaseAsync(string host = "db.internal")
    {
        var project = await CreateProjectAsync();
        Clock.Advance(TimeSpan.FromMinutes(1));
        var database = await Client.Databases.CreateDatabaseAsync(project.Id, new CreateDatabaseRequest { Host = host, Port = 5432, Name = "shop", Username = "u", Password = "pw" });
        return (project.Id, database);
    }

    [Test]
    public async Task The_observed_shapes_are_named_by_the_xxhash64_of_their_sql_and_start_uncached()
    {
        var (projectId, database) = await DatabaseAsync();

        var entries = (await Client.Projects.ListCacheRulesAsync(projectId, database.Id, new ListCacheRulesParams { PageSize = 100 })).Entries;

        Assert.That(entries, Is.Not.Empty);
        Assert.That(entries.Select(e => e.QueryHash), Is.EqualTo(entries.Select(e => XxHash64.HexOf(e.NormalizedSql))));
        Assert.That(entries.Select(e => e.QueryHash), Is.Unique.And.All.Match("^[a-f0-9]{16}$"));
        Assert.That(entries, Has.All.Matches<CacheRuleEntry>(e => !e.CacheEnabled && e.CacheTtlSeconds is null && e.CacheSwrSeconds is null));
        Assert.That(entries, Has.All.Matches<CacheRuleEntry>(e => e.FirstSeenAt == database.CreatedAt && e.LastSeenAt >= e.FirstSeenAt));
        Assert.That(entries.Where(e => e.QueryType != CacheRuleQueryType.Read).Select(e => e.Recommendation), Has.All.EqualTo(CacheRuleRecommendation.Poor));
        Assert.That(entries.Where(e => e.QueryType == CacheRuleQueryType.Read).Select(e => e.Recommendation), Has.Some.EqualTo(CacheRuleRecommendation.Great));
    }

    [Test]
    public async Task An_update_turns_caching_on_for_one_shape_of_one_database_and_null_inherits_again()
    {
        var (projectId, database) = await DatabaseAsync();
        var other = (await Client.Databases.ListDatabasesAsync(projectId)).Databases.First(d => d.Id != database.Id);
        var read = (await Client.Projects.ListCacheRulesAsync(projectId, database.Id)).Entries.First(e => e.QueryType == CacheRuleQueryType.Read);

        var updated = await Client.Projects.UpdateCacheRuleAsync(projectId, database.Id, read.QueryHash, new UpdateCacheRuleRequest { CacheEnabled = true, CacheTtlSeconds = 300, CacheSwrSeconds = 60 });
        var listed = (await Client.Projects.ListCacheRulesAsync(projectId, database.Id)).Entries.Single(e => e.QueryHash == read.QueryHash);
        var elsewhere = (await Client.Projects.ListCacheRulesAsync(projectId, other.Id)).Entries.Single(e => e.QueryHash == read.QueryHash);
        var inherited = await Client.Projects.UpdateCacheRuleAsync(projectId, database.Id, read.QueryHash, new UpdateCacheRuleRequest { CacheEnabled = true, CacheTtlSeconds = null });

        Assert.That((updated.Entry.CacheEnabled, updated.Entry.CacheTtlSeconds, updated.Entry.CacheSwrSeconds), Is.EqualTo((true, (int?)300, (int?)60)));
        Assert.That(updated.Entry.NormalizedSql, Is.EqualTo(read.NormalizedSql));
        Assert.That((listed.CacheEnabled, listed.CacheTtlSeconds), Is.EqualTo((true, (int?)300)));
        Assert.That(elsewhere.CacheEnabled, Is.False);
        Assert.That((inherited.Entry.CacheEnabled, inherited.Entry.CacheTtlSeconds, inherited.Entry.CacheSwrSeconds), Is.EqualTo((true, (int?)null, (int?)null)));
    }

    [Test]
    public async Task A_write_shape_cannot_be_cached_but_can_be_turned_off()
    {
        var (projectId, database) = await DatabaseAsync();
        var write = (await Client.Projects.ListCacheRulesAsync(projectId, database.Id)).Entries.First(e => e.QueryType == CacheRuleQueryType.Write);

        var error = Assert.ThrowsAsync<PgBeamValidationException>(() => Client.Projects.UpdateCacheRuleAsync(projectId, database.Id, write.QueryHash, new UpdateCacheRuleRequest { CacheEnabled = true }));
        var off = await Client.Projects.UpdateCacheRuleAsync(projectId, database.Id, write.QueryHash, new UpdateCacheRuleRequest { CacheEnabled = false });

        Assert.That(error!.Errors.Select(e => e.Field), Is.EqualTo(new[] { "cache_enabled" }));
        Assert.That(off.Entry.CacheEnabled, Is.False);
    }

    [Test]
    public async Task A_shape_the_database_has_not_seen_is_404()
    {
        var (projectId, database) = await DatabaseAsync();
        var unreachable = await Client.Databases.CreateDatabaseAsync(projectId, new CreateDatabaseRequest { Host = "db.example.invalid", Port = 5432, Name = "shop", Username = "u", Password = "pw" });
        var hash = (await Client.Projects.ListCacheRulesAsync(projectId, database.Id)).Entries[0].QueryHash;
        var unreachableProject = projectId;

        Assert.ThrowsAsync<PgBeamNotFoundException>(() => Client.Projects.UpdateCacheRuleAsync(projectId, database.Id, "0123456789abcdef", new UpdateCacheRuleRequest { CacheEnabled = false }));
        Assert.ThrowsAsync<PgBeamNotFoundException>(() => Client.Projects.UpdateCacheRuleAsync(unreachableProject, unreachable.Id, hash, new UpdateCacheRuleRequest { CacheEnabled = false }));
        Assert.That((await Client.Projects.ListCacheRulesAsync(unreachableProject, unreachable.Id)).Entries, Is.Empty);
        Assert.ThrowsAsync<PgBeamNotFoundException>(() => Client.Projects.ListCacheRulesAsync(projectId, "db_missing"));
    }

    [Test]
    public async Task List_pages_through_the_shapes()
    {
        var (projectId, database) = await DatabaseAsync();
        var all = (await Client.Projects.ListCacheRulesAsync(projectId, database.Id, new ListCacheRulesParams { PageSize = 100 })).Entries.Select(e => e.QueryHash).ToList();

        var seen = new List<string>();
        string? token = null;
        do
        {
            var page = await Client.Projects.ListCacheRulesAsync(projectId, database.Id, new ListCacheRulesParams { PageSize = 3, PageToken = token });
            Assert.That(page.Entries, Has.Count.LessThanOrEqualTo(3));
            seen.AddRange(page.Entries.Select(e => e.QueryHash));
            token = string.IsNullOrEmpty(page.NextPageToken) ? null : page.NextPageToken;
        }
        while (token is not null);

        Assert.That(seen, Is.EqualTo(all));
        Assert.That(all.Count, Is.GreaterThan(3));
    }
}

/// <summary>The hash the sandbox names query shapes by, against the reference implementation's values.</summary>
public class XxHash64Tests
{
    [TestCase("", "ef46db3751d8e999")]
    [TestCase("abc", "44bc2cf5ad770999")]
    [TestCase("SELECT * FROM users WHERE id = $1", "123176ae6232d025")]
    [TestCase("SELECT id, email, full_name FROM active_users ORDER BY id LIMIT $1", "caee14afc9cc2e3e")]
    public void Hashes_like_the_reference_xxh64(string text, string expected)
    {
        Assert.That(XxHash64.HexOf(text), Is.EqualTo(expected));
    }
}
