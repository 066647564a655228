using System;
using System.Collections;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using PgBeam.Serialization;

namespace PgBeam.Diagnostics;

/// <summary>
/// Masks secrets in text the SDK did not write itself but puts in an exception message: a server's error message
/// (which may echo what was sent, such as a password that failed validation) and a JSON path. It masks the secrets
/// of the call it knows (the key or token, the request's <c>x-sensitive</c> fields, custom header values) and
/// anything shaped like one (PgBeam key and token prefixes, passwords in URLs and connection strings, bearer
/// tokens, JWTs, secret-named JSON fields).
/// </summary>
internal sealed class SecretRedactor
{
    /// <summary>What a masked secret reads as (the same as <c>ToString()</c> of the DTOs).</summary>
    public const string Mask = ModelText.Mask;

    /// <summary>Shorter values are not masked wherever they occur: that would shred the message, not protect a secret.</summary>
    private const int MinimumSecretLength = 4;

    private static readonly Regex SecretShapes = new(
        """
        (?<keep>\b(?:pgb|pbo|pbu|pba|pbh)_)[A-Za-z0-9_\-]{4,}
        | (?<keep>\b[a-z][a-z0-9+.\-]*://[^\s/:@'"]*:)[^\s/@'"]+(?=@)
        | (?<keep>\bBearer\s+)[A-Za-z0-9\-._~+/]+=*
        | (?<keep>\b(?:password|pwd)\s*=\s*)[^\s;'"&]+
        | (?<keep>"(?:password|secret|token|mcp_token|connection_string|api_key)"\s*:\s*")(?:[^"\\]|\\.)*
        | \beyJ[A-Za-z0-9_\-]+\.[A-Za-z0-9_\-]+\.[A-Za-z0-9_\-]*
        """,
        RegexOptions.IgnorePatternWhitespace | RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture,
        TimeSpan.FromMilliseconds(200));

    private static readonly ConcurrentDictionary<Type, ModelShape> Shapes = new();

    private readonly List<string> _known = [];

    /// <summary>Adds a value to mask wherever it occurs.</summary>
    public SecretRedactor Add(string? secret)
    {
        if (secret is { Length: >= MinimumSecretLength } && !_known.Contains(secret, StringComparer.Ordinal))
        {
            _known.Add(secret);
        }

        return this;
    }

    /// <summary>Adds the values of the <c>x-sensitive</c> properties of <paramref name="model"/> and of the models inside it.</summary>
    public SecretRedactor AddSensitiveValuesOf(object? model)
    {
        AddSensitiveValues(model, depth: 0);
        return this;
    }

    /// <summary>The text with every known secret and every secret-shaped value masked.</summary>
    public string? Redact(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text;
        }

        // Longest first, so a secret that contains another is masked whole.
        foreach (var secret in _known.OrderByDescending(value => value.Length))
        {
            text = text.Replace(secret, Mask, StringComparison.Ordinal);
        }

        try
        {
            return SecretShapes.Replace(text, match => match.Groups["keep"].Value + Mask);
        }
        catch (RegexMatchTimeoutException)
        {
            // Never let a pathological message through unchecked.
            return "(message withheld: it could not be checked for secrets)";
        }
    }

    private void AddSensitiveValues(object? value, int depth)
    {
        if (value is null || value is string || depth > 16)
        {
            return;
        }

        if (value is IEnumerable items)
        {
            foreach (var item in items)
            {
                AddSensitiveValues(item, depth + 1);
            }

            return;
        }

        if (value is not IPgBeamModel)
        {
            return;
        }

        var shape = Shapes.GetOrAdd(value.GetType(), ModelShape.Of);
        foreach (var property in shape.Sensitive)
        {
            Add(property.GetValue(value) as string);
        }

        foreach (var property in shape.Nested)
        {
            AddSensitiveValues(property.GetValue(value), depth + 1);
        }
    }

    /// <summary>Which properties of a DTO type are secrets, and which hold further DTOs.</summary>
    private sealed class ModelShape(PropertyInfo[] sensitive, PropertyInfo[] nested)
    {
        public PropertyInfo[] Sensitive { get; } = sensitive;

        public PropertyInfo[] Nested { get; } = nested;

        public static ModelShape Of(Type type)
        {
            var properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(property => property.CanRead && property.GetIndexParameters().Length == 0)
                .ToArray();
            return new ModelShape(
                properties.Where(property => property.PropertyType == typeof(string) && property.IsDefined(typeof(SensitiveAttribute), inherit: true)).ToArray(),
                properties.Where(property => HoldsModels(property.PropertyType)).ToArray());
        }

        private static bool HoldsModels(Type type)
        {
            if (typeof(IPgBeamModel).IsAssignableFrom(type))
            {
                return true;
            }

            // Lists and arrays of DTOs; the extension-data dictionaries hold raw JSON, not DTOs.
            var element = type.IsArray
                ? type.GetElementType()
                : type.GetInterfaces().Append(type)
                    .FirstOrDefault(candidate => candidate.IsGenericType && candidate.GetGenericTypeDefinition() == typeof(IEnumerable<>))
                    ?.GetGenericArguments()[0];
            return element is not null && typeof(IPgBeamModel).IsAssignableFrom(element);
        }
    }
}
