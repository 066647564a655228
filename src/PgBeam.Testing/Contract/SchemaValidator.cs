using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using Newtonsoft.Json.Linq;
using PgBeam.Testing.Routing;
using PgBeam.Testing.Validation;

namespace PgBeam.Testing.Contract;

/// <summary>
/// Checks a JSON value against a contract schema (required, type, nullable, enum, length, range, items, format
/// <c>date-time</c>, pattern) and lists every rejected field by its path, for the operations the sandbox answers
/// from the contract rather than by hand. Values are never quoted back, except enum values.
/// </summary>
internal sealed class SchemaValidator(SandboxContract contract)
{
    private const int MaxErrors = 20;

    /// <summary>The problems of <paramref name="value"/>, named from <paramref name="path"/> (empty for the body itself).</summary>
    public List<SandboxFieldError> Validate(JToken value, JObject schema, string path = "")
    {
        var errors = new List<SandboxFieldError>();
        Check(value, schema, path, errors, depth: 0);
        return errors;
    }

    /// <summary>Checks a query or path parameter, which arrives as text, against its schema.</summary>
    public SandboxFieldError? ValidateParameter(string name, string text, JObject schema)
    {
        var flat = contract.Flatten(schema);
        JToken value = flat.Type switch
        {
            "integer" when long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer) => new JValue(integer),
            "number" when decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) => new JValue(number),
            "boolean" when text is "true" or "false" => new JValue(text == "true"),
            "integer" or "number" or "boolean" => JValue.CreateNull(),
            _ => new JValue(text),
        };
        if (value.Type == JTokenType.Null)
        {
            return new SandboxFieldError(name, "invalid_type", $"Parameter '{name}' must be {Expected(flat.Type)}.");
        }

        var errors = Validate(value, schema, name);
        return errors.Count == 0 ? null : errors[0] with { Message = errors[0].Message.Replace("Field '", "Parameter '", StringComparison.Ordinal) };
    }

    private void Check(JToken value, JObject schema, string path, List<SandboxFieldError> errors, int depth)
    {
        if (errors.Count >= MaxErrors || depth > 32)
        {
            return;
        }

        var flat = contract.Flatten(schema);
        if (value.Type == JTokenType.Null)
        {
            if (!flat.Nullable && flat.Type is not null)
            {
                errors.Add(Error(path, "not_nullable", "must not be null"));
            }

            return;
        }

        if (!TypeMatches(flat.Type, value))
        {
            errors.Add(Error(path, "invalid_type", $"must be {Expected(flat.Type)}, not {Describe(value.Type)}"));
            return;
        }

        if (flat.Enum is { Count: > 0 } allowed && !allowed.Any(a => JToken.DeepEquals(a, value)))
        {
            var shown = value.Type == JTokenType.String ? $"; got '{value}'" : string.Empty;
            errors.Add(Error(path, "invalid_value", $"must be one of {string.Join(", ", allowed.Select(a => a.ToString()))}{shown}"));
            return;
        }

        switch (value)
        {
            case JObject json:
                foreach (var name in flat.Required)
                {
                    if (!json.ContainsKey(name) && !(flat.Properties.TryGetValue(name, out var required) && contract.Flatten(required).ReadOnly))
                    {
                        var field = Join(path, name);
                        errors.Add(new SandboxFieldError(field, "required", $"Missing required field '{field}'."));
                    }
                }

                foreach (var property in json.Properties())
                {
                    if (flat.Properties.TryGetValue(property.Name, out var propertySchema))
                    {
                        Check(property.Value, propertySchema, Join(path, property.Name), errors, depth + 1);
                    }
                    else if (flat.AdditionalProperties is { } valueSchema)
                    {
                        Check(property.Value, valueSchema, Join(path, property.Name), errors, depth + 1);
                    }
                }

                break;
            case JArray array:
                if (flat.MinItems is { } minItems && array.Count < minItems)
                {
                    errors.Add(Error(path, "too_short", FormattableString.Invariant($"must have at least {minItems} items")));
                }

                if (flat.MaxItems is { } maxItems && array.Count > maxItems)
                {
                    errors.Add(Error(path, "too_long", FormattableString.Invariant($"must have at most {maxItems} items")));
                }

                if (flat.Items is { } items)
                {
                    for (var i = 0; i < array.Count; i++)
                    {
                        Check(array[i], items, FormattableString.Invariant($"{path}[{i}]"), errors, depth + 1);
                    }
                }

                break;
            case JValue { Type: JTokenType.String } text:
                CheckString((string)text!, flat, path, errors);
                break;
            case JValue { Type: JTokenType.Integer or JTokenType.Float } number:
                CheckNumber(number.Value<decimal>(), flat, path, errors);
                break;
        }
    }

    private static void CheckString(string text, FlatSchema flat, string path, List<SandboxFieldError> errors)
    {
        if (flat.MinLength is { } minLength && text.Length < minLength)
        {
            errors.Add(Error(path, "too_short", minLength == 1 ? "must not be empty" : FormattableString.Invariant($"must be at least {minLength} characters long")));
        }
        else if (flat.MaxLength is { } maxLength && text.Length > maxLength)
        {
            errors.Add(Error(path, "too_long", FormattableString.Invariant($"must be at most {maxLength} characters long")));
        }
        else if (flat.Format == "date-time" && !Rfc3339.TryParse(text, out _))
        {
            errors.Add(Error(path, "invalid_format", "must be an RFC 3339 date-time such as 2026-01-31T12:00:00Z"));
        }
        else if (flat.Format == "date" && !DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            errors.Add(Error(path, "invalid_format", "must be a date such as 2026-01-31"));
        }
        else if (flat.Pattern is { } pattern && !Matches(pattern, text))
        {
            errors.Add(Error(path, "invalid_format", "does not have the expected format"));
        }
    }

    private static void CheckNumber(decimal number, FlatSchema flat, string path, List<SandboxFieldError> errors)
    {
        if (flat.Type == "integer" && number != decimal.Truncate(number))
        {
            errors.Add(Error(path, "invalid_type", "must be an integer, not a fraction"));
            return;
        }

        var low = flat.Minimum is { } minimum && (flat.ExclusiveMinimum ? number <= minimum : number < minimum);
        var high = flat.Maximum is { } maximum && (flat.ExclusiveMaximum ? number >= maximum : number > maximum);
        if (low || high)
        {
            var range = (flat.Minimum, flat.Maximum) switch
            {
                ({ } min, { } max) => FormattableString.Invariant($"must be between {min} and {max}"),
                ({ } min, null) => FormattableString.Invariant($"must be {(flat.ExclusiveMinimum ? "greater than" : "at least")} {min}"),
                (null, { } max) => FormattableString.Invariant($"must be {(flat.ExclusiveMaximum ? "less than" : "at most")} {max}"),
                _ => "is out of range",
            };
            errors.Add(Error(path, "out_of_range", range));
        }
    }

    /// <summary>Whether a value matches a contract pattern; a pattern .NET cannot read is not held against the value.</summary>
    public static bool Matches(string pattern, string text)
    {
        try
        {
            return Regex.IsMatch(text, pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException)
        {
            return true;
        }
    }

    private static bool TypeMatches(string? type, JToken value) => type switch
    {
        null => true,
        "object" => value.Type == JTokenType.Object,
        "array" => value.Type == JTokenType.Array,
        "string" => value.Type == JTokenType.String,
        "boolean" => value.Type == JTokenType.Boolean,
        "integer" => value.Type == JTokenType.Integer || (value.Type == JTokenType.Float && value.Value<decimal>() == decimal.Truncate(value.Value<decimal>())),
        "number" => value.Type is JTokenType.Integer or JTokenType.Float,
        _ => true,
    };

    private static SandboxFieldError Error(string path, string code, string rule)
    {
        var field = path.Length == 0 ? "body" : path;
        var message = path.Length == 0 ? $"The request body {rule}." : $"Field '{path}' {rule}.";
        return new SandboxFieldError(field, code, message);
    }

    private static string Join(string path, string name) => path.Length == 0 ? name : path + "." + name;

    private static string Expected(string? type) => type switch
    {
        "object" => "an object",
        "array" => "an array",
        "integer" => "an integer",
        "number" => "a number",
        "boolean" => "true or false",
        _ => "a string",
    };

    private static string Describe(JTokenType type) => type switch
    {
        JTokenType.Object => "an object",
        JTokenType.Array => "an array",
        JTokenType.Integer or JTokenType.Float => "a number",
        JTokenType.String => "a string",
        JTokenType.Boolean => "a boolean",
        _ => type.ToString().ToLowerInvariant(),
    };
}
