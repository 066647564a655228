using System;

namespace PgBeam.Serialization;

/// <summary>Marks a DTO property whose value is a secret (contract extension <c>x-sensitive</c>): masked in <c>ToString()</c> and logs.</summary>
[AttributeUsage(AttributeTargets.Property, Inherited = true)]
internal sealed class SensitiveAttribute : Attribute
{
}
