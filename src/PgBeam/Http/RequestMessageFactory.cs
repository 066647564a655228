using System;
using System.Net.Http;

namespace PgBeam.Http;

/// <summary>
/// Builds the request message of a call, once: method and absolute URI, <c>Accept</c>, the JSON body, the caller's
/// extra headers, the operation's header parameters, <c>User-Agent</c> and the call's <c>Idempotency-Key</c>.
/// <c>Authorization</c> is set per attempt (<see cref="BearerAuthentication"/>).
/// </summary>
internal sealed class RequestMessageFactory
{
    private readonly Uri _baseUri;
    private readonly string _userAgent;

    public RequestMessageFactory(ClientConfiguration configuration)
    {
        _baseUri = configuration.BaseUri;
        _userAgent = UserAgent.Build(configuration.Options.ApplicationName);
    }

    /// <exception cref="ArgumentException">A string in the body contains an unpaired surrogate; nothing was sent.</exception>
    public HttpRequestMessage Create(CallContext call)
    {
        var request = call.Request;
        var message = new HttpRequestMessage(request.Method, request.BuildUri(_baseUri));
        // The contract's media type, a valid header value: added as text, so it is not parsed on every call.
        message.Headers.TryAddWithoutValidation("Accept", request.Accept);
        if (request.Body is not null)
        {
            message.Content = JsonRequestBody.Create(request.Body, request.OperationId);
        }

        if (call.Options is { } options)
        {
            // RequestOptions.Validate has checked names and values, and refused the headers the SDK sets itself.
            foreach (var header in options.Headers)
            {
                message.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
        }

        // Header parameters of the operation (If-Match, If-None-Match) win over the same names in RequestOptions.Headers.
        foreach (var header in request.Headers)
        {
            message.Headers.Remove(header.Key);
            message.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        message.Headers.TryAddWithoutValidation("User-Agent", _userAgent);
        if (call.IdempotencyKey is { } key)
        {
            message.Headers.TryAddWithoutValidation(IdempotencyKeys.HeaderName, key);
        }

        return message;
    }
}
