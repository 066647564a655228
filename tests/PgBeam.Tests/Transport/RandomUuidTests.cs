using System;
using System.Collections.Generic;
using System.Linq;
using NUnit.Framework;
using PgBeam.Http;

namespace PgBeam.Tests.Transport;

public class RandomUuidTests
{
    [Test]
    public void Keys_are_version_4_UUIDs_and_never_repeat_across_many_batches()
    {
        var keys = Enumerable.Range(0, 5_000).Select(_ => RandomUuid.Next()).ToList();

        Assert.That(keys, Has.All.Match("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$"));
        Assert.That(keys.Distinct().Count(), Is.EqualTo(keys.Count));
    }

    [Test]
    public void Every_hex_digit_outside_the_fixed_bits_varies()
    {
        var keys = Enumerable.Range(0, 2_000).Select(_ => RandomUuid.Next().Replace("-", string.Empty, StringComparison.Ordinal)).ToList();

        var fixedPositions = new HashSet<int> { 12 };
        for (var position = 0; position < 32; position++)
        {
            var distinct = keys.Select(k => k[position]).Distinct().Count();
            if (fixedPositions.Contains(position))
            {
                Assert.That(distinct, Is.EqualTo(1), $"position {position} is the version");
            }
            else
            {
                Assert.That(distinct, Is.GreaterThanOrEqualTo(position == 16 ? 4 : 16), $"position {position} looks fixed");
            }
        }
    }
}
