using System;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PgBeam.Benchmarks.Fixtures;

namespace PgBeam.Benchmarks.Load;

/// <summary>
/// The <c>serve</c> command: Kestrel on 127.0.0.1 (an ephemeral port), answering <c>GET /v1/projects/{id}</c> with
/// the project fixture. It prints <c>listening http://127.0.0.1:PORT</c>, serves until its standard input closes
/// (its parent ends it that way, or by ending), and stops by itself after <see cref="MaxLifetime"/> in any case.
/// </summary>
public static class LoopbackServer
{
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromMinutes(20);

    public static async Task<int> RunAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        await using var disposeApp = app.ConfigureAwait(false);

        var project = ApiFixtures.Project();
        app.Run(context =>
        {
            var request = context.Request;
            if (!HttpMethods.IsGet(request.Method) || !request.Path.StartsWithSegments("/v1/projects", StringComparison.Ordinal))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            }

            context.Response.StatusCode = StatusCodes.Status200OK;
            context.Response.ContentType = "application/json; charset=utf-8";
            context.Response.ContentLength = project.Length;
            return context.Response.Body.WriteAsync(project, 0, project.Length, context.RequestAborted);
        });

        await app.StartAsync().ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Console.WriteLine("listening " + address);

        var stdinClosed = Task.Run(() => Console.In.ReadToEnd(), CancellationToken.None);
        await Task.WhenAny(stdinClosed, Task.Delay(MaxLifetime, CancellationToken.None)).ConfigureAwait(false);
        await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        return 0;
    }
}
