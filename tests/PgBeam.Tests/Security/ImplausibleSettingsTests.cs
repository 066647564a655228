using System;
using System.Collections.Generic;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NUnit.Framework;
using PgBeam.Tests.Support;

namespace PgBeam.Tests.Security;

/// <summary>
/// Item 10 of issue 9: settings that bind to nonsense ("Timeout": "20" is 20 days) are refused at start-up, with a
/// message that shows the expected format ("00:00:20"); so is an attempt timeout longer than the total budget.
/// </summary>
public class ImplausibleSettingsTests
{
    private static OptionsValidationException StartWith(Dictionary<string, string?> section)
    {
        var values = new Dictionary<string, string?> { ["PgBeam:ApiKey"] = "pgb_live_SETTINGS_key" };
        foreach (var (key, value) in section)
        {
            values["PgBeam:" + key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        services.AddPgBeam(configuration.GetSection("PgBeam"));
        using var provider = services.BuildServiceProvider();
        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate())!;
        Assert.That(error.ToString(), Does.Not.Contain("pgb_live_SETTINGS_key"));
        return error;
    }

    [Test]
    public void A_bare_number_of_seconds_for_Timeout_is_refused_at_start_up_with_the_expected_format()
    {
        var error = StartWith(new() { ["Timeout"] = "20" });

        Assert.That(error.Message, Does.Contain("Timeout").And.Contain("20.00:00:00").And.Contain("\"00:00:20\""));
    }

    [TestCase("Retry:TotalBudget", "2", TestName = "A_total_budget_of_days_is_refused_at_start_up")]
    [TestCase("TokenProviderTimeout", "10", TestName = "A_token_provider_timeout_of_days_is_refused_at_start_up")]
    [TestCase("Retry:BaseDelay", "1", TestName = "A_base_delay_of_days_is_refused_at_start_up")]
    [TestCase("Retry:MaxDelay", "30", TestName = "A_max_delay_of_days_is_refused_at_start_up")]
    public void A_duration_of_days_is_refused(string setting, string value)
    {
        var error = StartWith(new() { [setting] = value });

        Assert.That(error.Message, Does.Contain(setting.Replace(':', '.')).And.Contain("\"00:00:20\""));
    }

    [Test]
    public void An_attempt_timeout_longer_than_the_total_budget_is_refused_at_start_up()
    {
        var error = StartWith(new() { ["Timeout"] = "00:05:00", ["Retry:TotalBudget"] = "00:02:00" });

        Assert.That(error.Message, Does.Contain("Timeout (00:05:00) is longer than Retry.TotalBudget (00:02:00)").And.Contain("\"00:00:20\""));
    }

    [Test]
    public void The_same_rules_apply_to_options_set_in_code()
    {
        Assert.Throws<ArgumentException>(() => new PgBeamClient(new PgBeamClientOptions { ApiKey = TestClients.ApiKey, Timeout = TimeSpan.FromDays(20) }));
        Assert.Throws<ArgumentException>(() => new PgBeamClient(new PgBeamClientOptions
        {
            ApiKey = TestClients.ApiKey,
            Timeout = TimeSpan.FromMinutes(3),
            Retry = new RetryOptions { TotalBudget = TimeSpan.FromMinutes(2) },
        }));
    }

    [Test]
    public void Durations_in_the_documented_format_are_accepted()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["PgBeam:ApiKey"] = "pgb_k",
            ["PgBeam:Timeout"] = "00:00:20",
            ["PgBeam:Retry:TotalBudget"] = "00:01:00",
        }).Build();
        var services = new ServiceCollection();
        services.AddPgBeam(configuration.GetSection("PgBeam"));
        using var provider = services.BuildServiceProvider();

        Assert.DoesNotThrow(() => provider.GetRequiredService<IStartupValidator>().Validate());
        Assert.That(provider.GetRequiredService<PgBeamClient>(), Is.Not.Null);
    }

    [Test]
    public void A_short_budget_bound_without_a_timeout_keeps_the_default_timeout_and_is_accepted()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["PgBeam:ApiKey"] = "pgb_k",
            ["PgBeam:Retry:TotalBudget"] = "00:00:10",
        }).Build();
        var services = new ServiceCollection();
        services.AddPgBeam(configuration.GetSection("PgBeam"));
        using var provider = services.BuildServiceProvider();

        Assert.DoesNotThrow(() => provider.GetRequiredService<IStartupValidator>().Validate());
    }

    [Test]
    public void A_short_budget_under_the_default_attempt_timeout_is_still_accepted()
    {
        // The default 30 s attempt timeout was not chosen by anyone; the budget simply ends the call first.
        Assert.DoesNotThrow(() => new PgBeamClient(new PgBeamClientOptions { ApiKey = TestClients.ApiKey, Retry = new RetryOptions { TotalBudget = TimeSpan.FromSeconds(3) } }).Dispose());
    }
}
