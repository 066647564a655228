using System;
using System.Collections.Generic;
using System.Linq;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using PgBeam.Serialization;
using PgBeam.Testing.Routing;

namespace PgBeam.Testing.Validation;

/// <summary>
/// Checks a request body field by field against the contract's rules (required, type, length, range, enum) and
/// stops at the first problem with a 400 whose message names the field by its JSON path (<c>database.port</c>,
/// <c>masking_rules[0].kind</c>). Values are never echoed except for enums, which are never secrets.
/// </summary>
internal sealed class JsonBody
{
    private readonly JObject _json;
    private readonly string _path;

    private JsonBody(JObject json, string path)
    {
        _json = json;
        _path = path;
    }

    /// <summary>Parses a body that must be a JSON object.</summary>
    public static JsonBody Parse(byte[]? body)
    {
        if (body is null || body.Length == 0)
        {
            throw SandboxProblem.BadRequest("The request body is missing; this operation takes a JSON object.");
        }

        var token = ReadToken(body);
        if (token is not JObject json)
        {
            throw SandboxProblem.BadRequest($"The request body must be a JSON object, not {Describe(token.Type)}.");
        }

        return new JsonBody(json, string.Empty);
    }

    /// <summary>Reads one JSON value (strings stay strings, numbers keep their precision); 400 when it is not JSON.</summary>
    public static JToken ReadToken(byte[] body)
    {
        JToken token;
        try
        {
            using var reader = new JsonTextReader(new System.IO.StreamReader(new System.IO.MemoryStream(body), System.Text.Encoding.UTF8))
            {
                DateParseHandling = DateParseHandling.None,
                FloatParseHandling = FloatParseHandling.Decimal,
            };
            token = JToken.ReadFrom(reader);
            if (reader.Read())
            {
                throw SandboxProblem.BadRequest("The request body has content after its JSON value.");
            }
        }
        catch (JsonReaderException ex)
        {
            // The parser's own message can quote the body; only the position is reported.
            throw SandboxProblem.BadRequest(FormattableString.Invariant(
                $"The request body is not valid JSON (line {ex.LineNumber}, position {ex.LinePosition})."));
        }

        return token;
    }

    /// <summary>Parses a body that may be left out; an absent body reads as <c>{}</c>.</summary>
    public static JsonBody ParseOptional(byte[]? body) =>
        body is null || body.Length == 0 ? new JsonBody(new JObject(), string.Empty) : Parse(body);

    /// <summary>Whether the field is present, even as <c>null</c> (PATCH bodies change only what they carry).</summary>
    public bool Has(string name) => _json.ContainsKey(name);

    /// <summary>Whether the field is present with an explicit <c>null</c>.</summary>
    public bool IsNull(string name) => _json.TryGetValue(name, out var value) && value.Type == JTokenType.Null;

    public string? String(string name, bool required = false, int minLength = 0, int maxLength = int.MaxValue, bool nullable = false, bool noWhitespace = false)
    {
        var token = Field(name, required, nullable);
        if (token is null)
        {
            return null;
        }

        if (token.Type != JTokenType.String)
        {
            throw WrongType(name, "a string", token);
        }

        var value = (string)token!;
        if (value.Length < minLength)
        {
            throw Invalid(name, minLength == 1 ? "must not be empty" : $"must be at least {minLength} characters long", "too_short");
        }

        if (value.Length > maxLength)
        {
            throw Invalid(name, $"must be at most {maxLength} characters long", "too_long");
        }

        if (value.Contains('\0', StringComparison.Ordinal))
        {
            throw Invalid(name, "must not contain a NUL character");
        }

        if (noWhitespace && value.Any(char.IsWhiteSpace))
        {
            throw Invalid(name, "must not contain whitespace");
        }

        return value;
    }

    public long? Integer(string name, bool required = false, long minimum = int.MinValue, long maximum = int.MaxValue)
    {
        var token = Field(name, required, nullable: false);
        if (token is null)
        {
            return null;
        }

        if (token.Type is not (JTokenType.Integer or JTokenType.Float))
        {
            throw WrongType(name, "an integer", token);
        }

        decimal number;
        try
        {
            number = token.Value<decimal>();
        }
        catch (Exception ex) when (ex is OverflowException or InvalidCastException)
        {
            throw Invalid(name, "is out of range", "out_of_range");
        }

        if (number != decimal.Truncate(number))
        {
            throw WrongType(name, "an integer", token);
        }

        if (number < minimum || number > maximum)
        {
            throw Invalid(name, maximum == int.MaxValue || maximum == long.MaxValue
                ? FormattableString.Invariant($"must be at least {minimum}")
                : FormattableString.Invariant($"must be between {minimum} and {maximum}"), "out_of_range");
        }

        return (long)number;
    }

    public bool? Boolean(string name, bool required = false)
    {
        var token = Field(name, required, nullable: false);
        if (token is null)
        {
            return null;
        }

        return token.Type == JTokenType.Boolean ? (bool)token! : throw WrongType(name, "true or false", token);
    }

    /// <summary>A string that must be one of <paramref name="allowed"/> (the contract's enum values).</summary>
    public string? OneOf<T>(string name, IReadOnlyList<T> allowed, bool required = false)
    {
        var value = String(name, required);
        if (value is null)
        {
            return null;
        }

        var values = allowed.Select(v => v!.ToString()!).ToArray();
        if (!values.Contains(value, StringComparer.Ordinal))
        {
            throw Invalid(name, $"must be one of {string.Join(", ", values)}; got '{value}'");
        }

        return value;
    }

    public DateTimeOffset? Timestamp(string name, bool required = false, bool nullable = false)
    {
        var value = String(name, required, nullable: nullable);
        if (value is null)
        {
            return null;
        }

        if (!Rfc3339.TryParse(value, out var timestamp))
        {
            throw Invalid(name, "must be an RFC 3339 date-time such as 2026-01-31T12:00:00Z", "invalid_format");
        }

        return timestamp;
    }

    public IReadOnlyList<string>? StringArray(string name, int maxItems = int.MaxValue, int maxItemLength = int.MaxValue, IReadOnlyCollection<string>? allowed = null)
    {
        var items = Array(name, maxItems);
        if (items is null)
        {
            return null;
        }

        var result = new List<string>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            var itemName = FormattableString.Invariant($"{name}[{i}]");
            if (items[i].Type != JTokenType.String)
            {
                throw WrongType(itemName, "a string", items[i]);
            }

            var value = (string)items[i]!;
            if (value.Length > maxItemLength)
            {
                throw Invalid(itemName, $"must be at most {maxItemLength} characters long", "too_long");
            }

            if (allowed is not null && !allowed.Contains(value, StringComparer.Ordinal))
            {
                throw Invalid(itemName, $"must be one of {string.Join(", ", allowed)}; got '{value}'");
            }

            result.Add(value);
        }

        return result;
    }

    /// <summary>A nested object, checked with the returned reader (its messages carry the nested path).</summary>
    public JsonBody? Object(string name, bool required = false)
    {
        var token = Field(name, required, nullable: false);
        if (token is null)
        {
            return null;
        }

        return token is JObject json ? new JsonBody(json, PathOf(name)) : throw WrongType(name, "an object", token);
    }

    public IReadOnlyList<JsonBody>? ObjectArray(string name, int maxItems = int.MaxValue)
    {
        var items = Array(name, maxItems);
        if (items is null)
        {
            return null;
        }

        var result = new List<JsonBody>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            var itemName = FormattableString.Invariant($"{name}[{i}]");
            result.Add(items[i] is JObject json ? new JsonBody(json, PathOf(itemName)) : throw WrongType(itemName, "an object", items[i]));
        }

        return result;
    }

    /// <summary>The checked body as the SDK's DTO.</summary>
    public T As<T>() => _json.ToObject<T>(SdkJson.Serializer)!;

    /// <summary>A 400 about a field of this object, for rules that need more than one field or the sandbox's state.</summary>
    /// <param name="name">The field, relative to this object.</param>
    /// <param name="rule">What is wrong, completing "Field 'x' …".</param>
    /// <param name="code">The token for the field error (<c>invalid_value</c>, <c>too_long</c>…).</param>
    public SandboxProblem Invalid(string name, string rule, string code = "invalid_value") =>
        SandboxProblem.Field(PathOf(name), code, $"Field '{PathOf(name)}' {rule}.");

    private JArray? Array(string name, int maxItems)
    {
        var token = Field(name, required: false, nullable: false);
        if (token is null)
        {
            return null;
        }

        if (token is not JArray items)
        {
            throw WrongType(name, "an array", token);
        }

        if (items.Count > maxItems)
        {
            throw Invalid(name, $"must have at most {maxItems} items", "too_long");
        }

        return items;
    }

    private JToken? Field(string name, bool required, bool nullable)
    {
        if (!_json.TryGetValue(name, out var token))
        {
            return required ? throw SandboxProblem.Field(PathOf(name), "required", $"Missing required field '{PathOf(name)}'.") : null;
        }

        if (token.Type == JTokenType.Null)
        {
            return nullable ? null : throw Invalid(name, required ? "is required and must not be null" : "must not be null", required ? "required" : "not_nullable");
        }

        return token;
    }

    private SandboxProblem WrongType(string name, string expected, JToken token) =>
        Invalid(name, $"must be {expected}, not {Describe(token.Type)}", "invalid_type");

    private string PathOf(string name) => _path.Length == 0 ? name : _path + "." + name;

    private static string Describe(JTokenType type) => type switch
    {
        JTokenType.Object => "an object",
        JTokenType.Array => "an array",
        JTokenType.Integer or JTokenType.Float => "a number",
        JTokenType.String => "a string",
        JTokenType.Boolean => "a boolean",
        JTokenType.Null => "null",
        _ => type.ToString().ToLowerInvariant(),
    };
}
