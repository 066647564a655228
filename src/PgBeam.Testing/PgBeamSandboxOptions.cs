using System;

namespace PgBeam.Testing;

/// <summary>Settings of a <see cref="PgBeamSandbox"/>.</summary>
public sealed class PgBeamSandboxOptions
{
    /// <summary>The organization <see cref="PgBeamSandbox.SeedProject"/> and the quickstart create projects in. Default <c>org_sandbox</c>.</summary>
    public string OrganizationId { get; set; } = "org_sandbox";

    /// <summary>
    /// The sandbox clock: timestamps, credential expiry and approval deadlines follow it. Pass the same
    /// <c>FakeTimeProvider</c> you give <see cref="PgBeamClientOptions.TimeProvider"/> to test expiry and retry waits
    /// without sleeping. Default <see cref="TimeProvider.System"/>.
    /// </summary>
    public TimeProvider? TimeProvider { get; set; }

    /// <summary>Makes ids and fake secrets repeatable from run to run. Default: different on every run.</summary>
    public int? RandomSeed { get; set; }
}
