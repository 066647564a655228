using System.Linq;
using System.Runtime.CompilerServices;
using Newtonsoft.Json;
using NUnit.Framework;

namespace PgBeam.Tests.Serialization;

public class PgBeamJsonSettingsTests
{
    [Test]
    public void The_public_settings_write_a_model_exactly_as_the_SDK_sends_it()
    {
        var input = new UpdateProjectRequest { Name = "shop", DefaultPolicyProfileId = null };

        var json = JsonConvert.SerializeObject(input, PgBeamJsonSettings.Create());

        Assert.That(json, Is.EqualTo("""{"name":"shop","default_policy_profile_id":null}"""), "unset fields left out, an explicit null kept");
    }

    [Test]
    public void Each_call_gives_a_new_copy_so_changing_one_leaves_the_SDK_alone()
    {
        var mine = PgBeamJsonSettings.Create();
        mine.NullValueHandling = NullValueHandling.Include;
        mine.DateFormatString = "yyyy";

        var fresh = PgBeamJsonSettings.Create();

        Assert.That(fresh, Is.Not.SameAs(mine));
        Assert.That((fresh.NullValueHandling, fresh.DateParseHandling, fresh.MaxDepth), Is.EqualTo((NullValueHandling.Ignore, DateParseHandling.DateTimeOffset, (int?)128)));
    }

    [Test]
    public void The_testing_package_reaches_the_SDK_through_its_public_API_only()
    {
        var friends = typeof(PgBeamClient).Assembly.GetCustomAttributes(typeof(InternalsVisibleToAttribute), false)
            .Cast<InternalsVisibleToAttribute>()
            .Select(a => a.AssemblyName)
            .ToList();

        Assert.That(friends, Does.Contain("PgBeam.Tests"), "the attribute is read (the SDK's own tests are friends)");
        Assert.That(friends, Does.Not.Contain("PgBeam.Testing"));
    }
}
