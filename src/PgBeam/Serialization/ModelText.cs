using System;
using System.Collections.Generic;
using System.Reflection;
using Newtonsoft.Json;
using Newtonsoft.Json.Serialization;

namespace PgBeam.Serialization;

/// <summary>
/// Builds the <c>ToString()</c> of the generated DTOs: type name and JSON, with every secret masked, and the values of
/// fields this SDK version does not know masked too (their names are shown).
/// </summary>
internal static class ModelText
{
    /// <summary>What a masked secret reads as.</summary>
    public const string Mask = "***";

    private static readonly JsonSerializerSettings MaskingSettings = CreateMaskingSettings();

    public static string Describe(object model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return model.GetType().Name + " " + JsonConvert.SerializeObject(model, MaskingSettings);
    }

    /// <summary>The JSON of a model with secrets masked, for logs and diagnostics.</summary>
    public static string ToMaskedJson(object model) => JsonConvert.SerializeObject(model, MaskingSettings);

    private static JsonSerializerSettings CreateMaskingSettings()
    {
        var settings = new JsonSerializerSettings
        {
            NullValueHandling = NullValueHandling.Ignore,
            ContractResolver = new MaskingContractResolver(),
            DateFormatString = PgBeamJson.Settings.DateFormatString,
            MaxDepth = 64,
            ReferenceLoopHandling = ReferenceLoopHandling.Ignore,
        };
        return settings;
    }

    private sealed class MaskingContractResolver : DefaultContractResolver
    {
        /// <summary>
        /// Fields this SDK version does not know (kept in <c>AdditionalProperties</c>) are named but never shown: a
        /// newer server may add a secret, and nothing here says which ones are.
        /// </summary>
        protected override JsonObjectContract CreateObjectContract(Type objectType)
        {
            var contract = base.CreateObjectContract(objectType);
            if (contract.ExtensionDataGetter is { } getter)
            {
                contract.ExtensionDataGetter = target => MaskValues(getter(target));
            }

            return contract;
        }

        private static IEnumerable<KeyValuePair<object, object>> MaskValues(IEnumerable<KeyValuePair<object, object>>? fields)
        {
            if (fields is null)
            {
                yield break;
            }

            foreach (var field in fields)
            {
                yield return new(field.Key, Mask);
            }
        }

        protected override JsonProperty CreateProperty(MemberInfo member, MemberSerialization memberSerialization)
        {
            var property = base.CreateProperty(member, memberSerialization);
            if (member.GetCustomAttribute<SensitiveAttribute>() is not null && property.ValueProvider is { } inner)
            {
                property.ValueProvider = new MaskingValueProvider(inner);
                property.PropertyType = typeof(string);
                property.Converter = null;
            }

            return property;
        }
    }

    private sealed class MaskingValueProvider(IValueProvider inner) : IValueProvider
    {
        public object? GetValue(object target) => inner.GetValue(target) is null ? null : Mask;

        public void SetValue(object target, object? value) => throw new NotSupportedException("Masked values are write-only.");
    }
}
