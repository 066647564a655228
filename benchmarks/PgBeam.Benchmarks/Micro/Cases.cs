namespace PgBeam.Benchmarks.Micro;

/// <summary>The names of the measured cases, as the report shows them.</summary>
public static class Cases
{
    public const string GetProject = "getProject";
    public const string CreateAgentCredential = "createAgentCredential";
    public const string ListAuditLogs = "listAuditLogs (1,000 entries)";
    public const string AutoPaging = "auto-paging 100,000 audit entries";
    public const string Concurrency = "64 concurrent callers (Kestrel, loopback)";
    public const string SdkOptionCost = "SDK features switched off";
    public const string ColdStart = "cold start (new process: client + first call)";
}
