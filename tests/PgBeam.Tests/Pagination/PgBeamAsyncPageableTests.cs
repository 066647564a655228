using System;
using System.Linq;
using System.Threading.Tasks;
using NUnit.Framework;

namespace PgBeam.Tests.Pagination;

/// <summary><see cref="PgBeamAsyncPageable{T}.FromPages"/>, for users who mock a service.</summary>
public class PgBeamAsyncPageableTests
{
    [Test]
    public async Task FromPages_yields_the_items_of_every_page_and_resumes_after_a_token()
    {
        var pageable = PgBeamAsyncPageable<string>.FromPages(
        [
            new PgBeamPage<string>(["a", "b"], "p2"),
            new PgBeamPage<string>(["c"], "p3"),
            new PgBeamPage<string>(["d"], null),
        ]);

        var items = await AutoPagingWalkTests.CollectAsync(pageable);
        var resumed = await AutoPagingWalkTests.CollectAsync(pageable.AsPages("p2"));

        Assert.That(items, Is.EqualTo(new[] { "a", "b", "c", "d" }));
        Assert.That(resumed.SelectMany(p => p.Items), Is.EqualTo(new[] { "c", "d" }));
    }

    [Test]
    public void FromPages_refuses_a_token_none_of_its_pages_carries()
    {
        var pageable = PgBeamAsyncPageable<string>.FromPages([new PgBeamPage<string>(["a"], null)]);

        Assert.That(() => pageable.AsPages("nope"), Throws.ArgumentException.With.Property(nameof(ArgumentException.ParamName)).EqualTo("continuationToken"));
    }

    [Test]
    public void A_page_treats_an_empty_continuation_token_as_the_last_page_and_describes_itself_without_items()
    {
        var page = new PgBeamPage<string>(["secret-ish"], "");

        Assert.That(page.ContinuationToken, Is.Null);
        Assert.That(page.ToString(), Is.EqualTo("PgBeamPage { Items = 1, ContinuationToken = none (last page) }"));
    }

    [Test]
    public void A_derived_pageable_that_does_not_override_AsPages_says_so()
    {
        var pageable = new BarePageable();

        Assert.That(() => pageable.AsPages(), Throws.InstanceOf<NotSupportedException>());
    }

    private sealed class BarePageable : PgBeamAsyncPageable<string>
    {
    }
}
