namespace PgBeam.Testing.Routing;

/// <summary>One rejected part of a request, for the <c>errors</c> list of a validation problem.</summary>
/// <param name="Field">Its path (<c>database.port</c>, <c>masking_rules[1].kind</c>) or the query parameter's name.</param>
/// <param name="Code">A short token for the rule it broke (<c>required</c>, <c>invalid_type</c>, <c>out_of_range</c>).</param>
/// <param name="Message">What is wrong, for people; never the value, except an enum value.</param>
internal sealed record SandboxFieldError(string Field, string Code, string Message);
