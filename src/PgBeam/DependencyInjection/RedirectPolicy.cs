using System;
using System.Net.Http;

namespace PgBeam.DependencyInjection;

/// <summary>
/// Turns automatic redirects off on the primary handler <c>IHttpClientFactory</c> builds for the SDK's client, so a
/// 3xx reaches the SDK (which refuses it) instead of being followed to another origin with the request body.
/// </summary>
internal static class RedirectPolicy
{
    public static void DisableAutoRedirect(HttpMessageHandler? handler)
    {
        // A primary handler may itself wrap the one that talks to the network.
        while (handler is DelegatingHandler delegating)
        {
            handler = delegating.InnerHandler;
        }

        try
        {
            switch (handler)
            {
                case SocketsHttpHandler sockets when sockets.AllowAutoRedirect:
                    sockets.AllowAutoRedirect = false;
                    break;
                case HttpClientHandler client when client.AllowAutoRedirect:
                    client.AllowAutoRedirect = false;
                    break;
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or PlatformNotSupportedException)
        {
            // A shared handler that has already sent requests cannot change; the SDK's origin check still refuses
            // any answer that did not come from BaseUrl.
        }
    }
}
