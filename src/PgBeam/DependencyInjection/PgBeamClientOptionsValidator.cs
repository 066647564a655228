using System;
using Microsoft.Extensions.Options;
using PgBeam.Http;

namespace PgBeam.DependencyInjection;

/// <summary>
/// Validates the options of one registered client with exactly the rules of <c>new PgBeamClient(options)</c>
/// (<see cref="ClientConfiguration.Create"/>), so a host fails at start rather than at the first call.
/// </summary>
internal sealed class PgBeamClientOptionsValidator : IValidateOptions<PgBeamClientOptions>
{
    private readonly string _optionsName;
    private readonly string _description;

    public PgBeamClientOptionsValidator(string optionsName, string? serviceKey)
    {
        _optionsName = optionsName;
        _description = serviceKey is null ? "The PgBeam client" : $"The PgBeam client '{serviceKey}'";
    }

    public ValidateOptionsResult Validate(string? name, PgBeamClientOptions options)
    {
        if (!string.Equals(name ?? Options.DefaultName, _optionsName, StringComparison.Ordinal))
        {
            return ValidateOptionsResult.Skip;
        }

        try
        {
            ClientConfiguration.Create(options);
            return ValidateOptionsResult.Success;
        }
        catch (ArgumentException ex)
        {
            // ClientConfiguration's messages never contain the key, so they can be shown as they are.
            return ValidateOptionsResult.Fail($"{_description} is misconfigured: {ex.Message}");
        }
    }
}
