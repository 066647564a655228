using System.Collections.Generic;

namespace PgBeam.ContractTests.Contract;

/// <summary>
/// The JSON body of an operation, as field paths (<c>database.cache_config.enabled</c>; array items add <c>[]</c>:
/// <c>masking_rules[].table</c>), which is also how <see cref="Recording.JsonFieldPaths"/> names what was sent.
/// </summary>
/// <param name="Required">Whether the operation needs a body at all.</param>
/// <param name="AllFields">Every field the schema defines, at every depth.</param>
/// <param name="RequiredFields">The fields a minimal valid body has: required ones, descending only into required objects.</param>
/// <param name="NullableFields">The fields the schema lets be an explicit JSON null.</param>
/// <param name="LocallyRequiredFields">The fields their own object requires, whether or not that object is sent.</param>
internal sealed record ContractRequestBody(
    bool Required,
    IReadOnlySet<string> AllFields,
    IReadOnlySet<string> RequiredFields,
    IReadOnlySet<string> NullableFields,
    IReadOnlySet<string> LocallyRequiredFields);
