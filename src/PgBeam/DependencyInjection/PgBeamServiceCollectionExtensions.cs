using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Reflection;
using System.Threading;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PgBeam;
using PgBeam.DependencyInjection;
using PgBeam.Http;

// The .NET convention: registration methods live where IServiceCollection does, so no extra using is needed.
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Registers <see cref="PgBeamClient"/> and its services (<see cref="IProjectsClient"/>, <see cref="IAgentsClient"/>, …)
/// in a service collection, on a named <see cref="HttpClient"/> from <see cref="IHttpClientFactory"/>.
/// </summary>
/// <remarks>
/// <para>
/// The client is a singleton; each service interface resolves to the client's property of that type. Options are
/// the named options <see cref="PgBeamClientOptions"/> (the default name for an unkeyed client, the key for a keyed
/// one), validated when the host starts with the same rules as <c>new PgBeamClient(options)</c>, and settings left
/// empty fall back to the environment (<c>PGBEAM_API_KEY</c>, <c>PGBEAM_API_URL</c>, …).
/// </para>
/// <para>
/// Requests pass through the SDK's call pipeline (user agent, idempotency key, retries, auth, attempt timeout) and
/// then through the <see cref="IHttpClientFactory"/> client named <c>PgBeam</c> (or <c>PgBeam:&lt;key&gt;</c>), whose
/// builder is returned so you can add handlers, a proxy or custom TLS to it. When the options carry no
/// <see cref="PgBeamClientOptions.LoggerFactory"/> the container's <see cref="ILoggerFactory"/> is used, and when
/// they keep <see cref="TimeProvider.System"/> a <see cref="TimeProvider"/> registered in the container is used.
/// </para>
/// </remarks>
public static class PgBeamServiceCollectionExtensions
{
    /// <summary>The name of the <see cref="IHttpClientFactory"/> client of the unkeyed <see cref="PgBeamClient"/>.</summary>
    public const string HttpClientName = "PgBeam";

    /// <summary>
    /// Registers a <see cref="PgBeamClient"/> configured entirely from the environment
    /// (<c>PGBEAM_API_KEY</c>, <c>PGBEAM_TOKEN</c> or <c>PGBEAM_API_TOKEN</c>, and <c>PGBEAM_API_URL</c>).
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <returns>The builder of the <see cref="IHttpClientFactory"/> client the SDK sends through.</returns>
    public static IHttpClientBuilder AddPgBeam(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        return Register(services, serviceKey: null, builder => { });
    }

    /// <summary>Registers a <see cref="PgBeamClient"/> configured in code.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the options; settings left empty fall back to the environment.</param>
    /// <returns>The builder of the <see cref="IHttpClientFactory"/> client the SDK sends through.</returns>
    /// <example><code>services.AddPgBeam(options => options.ApiKey = builder.Configuration["PgBeam:ApiKey"]);</code></example>
    public static IHttpClientBuilder AddPgBeam(this IServiceCollection services, Action<PgBeamClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        return Register(services, serviceKey: null, builder => builder.Configure(configure));
    }

    /// <summary>
    /// Registers a <see cref="PgBeamClient"/> whose options are bound from a configuration section
    /// (<c>ApiKey</c>, <c>BaseUrl</c>, <c>Timeout</c>, <c>Retry:MaxRetries</c>, <c>ApplicationName</c>, …), and follow its reloads
    /// for clients resolved afterwards.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The section, typically <c>builder.Configuration.GetSection("PgBeam")</c>.</param>
    /// <returns>The builder of the <see cref="IHttpClientFactory"/> client the SDK sends through.</returns>
    public static IHttpClientBuilder AddPgBeam(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        return Register(services, serviceKey: null, builder => builder.Configure(options => Bind(configuration, options)));
    }

    /// <summary>
    /// Registers a keyed <see cref="PgBeamClient"/> (and keyed services), one per account or organization, resolved
    /// with <c>[FromKeyedServices("org-a")]</c> or <c>GetRequiredKeyedService&lt;PgBeamClient&gt;("org-a")</c>.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="name">The service key; also the name of its options and of its <c>PgBeam:&lt;name&gt;</c> HTTP client.</param>
    /// <param name="configure">Sets the options; settings left empty fall back to the environment.</param>
    /// <returns>The builder of this client's <see cref="IHttpClientFactory"/> client.</returns>
    public static IHttpClientBuilder AddPgBeam(this IServiceCollection services, string name, Action<PgBeamClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(configure);
        return Register(services, name, builder => builder.Configure(configure));
    }

    /// <summary>
    /// Registers a keyed <see cref="PgBeamClient"/> (and keyed services) whose options are bound from a configuration
    /// section, for example <c>builder.Configuration.GetSection("PgBeam:OrgA")</c>.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="name">The service key; also the name of its options and of its <c>PgBeam:&lt;name&gt;</c> HTTP client.</param>
    /// <param name="configuration">The section the options are bound from.</param>
    /// <returns>The builder of this client's <see cref="IHttpClientFactory"/> client.</returns>
    public static IHttpClientBuilder AddPgBeam(this IServiceCollection services, string name, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(configuration);
        return Register(services, name, builder => builder.Configure(options => Bind(configuration, options)));
    }

    /// <summary>The <see cref="IHttpClientFactory"/> client name used for a keyed registration: <c>PgBeam:&lt;name&gt;</c>.</summary>
    /// <param name="name">The service key given to <c>AddPgBeam(name, …)</c>.</param>
    /// <returns>The HTTP client name.</returns>
    public static string GetHttpClientName(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return HttpClientName + ":" + name;
    }

    private static void Bind(IConfiguration configuration, PgBeamClientOptions options)
    {
        var baseUrl = options.BaseUrl;
        var baseUrlWasSet = options.BaseUrlWasSet;
        var timeout = options.Timeout;
        var timeoutWasSet = options.TimeoutWasSet;
        configuration.Bind(options);
        if (configuration[nameof(PgBeamClientOptions.BaseUrl)] is null)
        {
            // The binder writes BaseUrl back even when the section has none; that must not hide PGBEAM_API_URL.
            options.RestoreBaseUrl(baseUrl, baseUrlWasSet);
        }

        if (configuration[nameof(PgBeamClientOptions.Timeout)] is null)
        {
            // Likewise for Timeout: the default must not count as a timeout someone chose (see ClientConfiguration).
            options.RestoreTimeout(timeout, timeoutWasSet);
        }
    }

    private static IHttpClientBuilder Register(IServiceCollection services, string? serviceKey, Action<OptionsBuilder<PgBeamClientOptions>> configureOptions)
    {
        var optionsName = serviceKey ?? Options.Options.DefaultName;
        var httpClientName = serviceKey is null ? HttpClientName : GetHttpClientName(serviceKey);

        var optionsBuilder = services.AddOptions<PgBeamClientOptions>(optionsName);
        configureOptions(optionsBuilder);
        optionsBuilder.ValidateOnStart();
        services.AddSingleton<IValidateOptions<PgBeamClientOptions>>(new PgBeamClientOptionsValidator(optionsName, serviceKey));

        if (serviceKey is null)
        {
            services.TryAddSingleton(provider => CreateClient(provider, optionsName, httpClientName));
            foreach (var service in ServiceProperties)
            {
                services.TryAddSingleton(service.PropertyType, provider => service.GetValue(provider.GetRequiredService<PgBeamClient>())!);
            }
        }
        else
        {
            services.TryAddKeyedSingleton(serviceKey, (provider, _) => CreateClient(provider, optionsName, httpClientName));
            foreach (var service in ServiceProperties)
            {
                services.TryAddKeyedSingleton(service.PropertyType, serviceKey, (provider, key) => service.GetValue(provider.GetRequiredKeyedService<PgBeamClient>(key))!);
            }
        }

        // Runs after every Configure of this client, the caller's ConfigurePrimaryHttpMessageHandler included.
        services.PostConfigure<HttpClientFactoryOptions>(httpClientName, static options =>
            options.HttpMessageHandlerBuilderActions.Add(static builder => RedirectPolicy.DisableAutoRedirect(builder.PrimaryHandler)));

        return services
            .AddHttpClient(httpClientName, httpClient =>
            {
                // The SDK's pipeline owns the per-attempt timeout and the total budget; HttpClient's 100 s default
                // would otherwise cut a longer configured timeout short.
                httpClient.Timeout = Timeout.InfiniteTimeSpan;
            })
            // The factory's default loggers mask header values in their text but not in their structured state,
            // which structured sinks export: the bearer token and custom header values would leave with it. The
            // SDK's own logger writes the same events with no secret in either.
            .RemoveAllLoggers()
            .AddLogger(
                provider => new SecretFreeHttpClientLogger(provider.GetRequiredService<ILoggerFactory>().CreateLogger(SecretFreeHttpClientLogger.CategoryFor(httpClientName))),
                wrapHandlersPipeline: false)
            // Should someone add the default logger back, its text at least stays masked.
            .RedactLoggedHeaders(static _ => true);
    }

    /// <summary>
    /// The service properties of <see cref="PgBeamClient"/> (<c>Projects</c>, <c>Agents</c>, …), found by reflection so
    /// that a service generated for a new contract tag is registered without a hand edit here.
    /// </summary>
    private static IReadOnlyList<PropertyInfo> ServiceProperties { get; } = typeof(PgBeamClient)
        .GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Where(property => property.PropertyType.IsInterface && property.GetIndexParameters().Length == 0 && property.GetMethod is not null)
        .OrderBy(property => property.Name, StringComparer.Ordinal)
        .ToArray();

    private static PgBeamClient CreateClient(IServiceProvider provider, string optionsName, string httpClientName)
    {
        // Get() runs the validator, so a bad configuration fails here too when the host skipped ValidateOnStart.
        var options = provider.GetRequiredService<IOptionsMonitor<PgBeamClientOptions>>().Get(optionsName).Clone();
        options.LoggerFactory ??= provider.GetService<ILoggerFactory>();
        if (ReferenceEquals(options.TimeProvider, TimeProvider.System) && provider.GetService<TimeProvider>() is { } timeProvider)
        {
            options.TimeProvider = timeProvider;
        }

        // An HttpClient set in the options is the caller's choice and wins; otherwise the factory's named client.
        var transport = options.HttpClient as HttpMessageInvoker
            ?? new HttpClientFactoryTransport(provider.GetRequiredService<IHttpClientFactory>(), httpClientName);
        return new PgBeamClient(ClientConfiguration.Create(options), transport);
    }
}
