using System.Reflection;
using System.Runtime.Versioning;
using NUnit.Framework;

namespace PgBeam.Tests.Frameworks;

/// <summary>
/// The tests run once per framework the package ships (net8.0 and net10.0); each run must test that framework's build
/// of PgBeam, even when the net8.0 run rolls forward onto a newer runtime.
/// </summary>
public class TargetFrameworkTests
{
    [Test]
    public void The_PgBeam_build_under_test_is_the_one_for_this_test_run_framework()
    {
        var tests = typeof(TargetFrameworkTests).Assembly.GetCustomAttribute<TargetFrameworkAttribute>()!.FrameworkName;
        var sdk = typeof(PgBeamClient).Assembly.GetCustomAttribute<TargetFrameworkAttribute>()!.FrameworkName;
        var sandbox = typeof(PgBeam.Testing.PgBeamSandbox).Assembly.GetCustomAttribute<TargetFrameworkAttribute>()!.FrameworkName;

        TestContext.Out.WriteLine($"tests {tests}, PgBeam {sdk}, PgBeam.Testing {sandbox}, runtime {System.Environment.Version}");
        Assert.That(sdk, Is.EqualTo(tests));
        Assert.That(sandbox, Is.EqualTo(tests));
    }
}
