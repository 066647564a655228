namespace PgBeam.Benchmarks.Running;

/// <summary>How long the suite may take.</summary>
public enum SuiteMode
{
    /// <summary>Every case once, nothing worth reading: proves the suite runs (CI).</summary>
    Smoke,

    /// <summary>Short iterations and loads, under three minutes on two cores; ratios are indicative.</summary>
    Quick,

    /// <summary>The numbers the README quotes.</summary>
    Full,
}
