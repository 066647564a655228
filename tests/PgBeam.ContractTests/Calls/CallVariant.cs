namespace PgBeam.ContractTests.Calls;

/// <summary>Which inputs a call sets.</summary>
public enum CallVariant
{
    /// <summary>Path ids, required query parameters and required body fields only (no body when the body is optional).</summary>
    RequiredOnly,

    /// <summary>Every query parameter and every body field the contract defines, at every depth.</summary>
    AllFields,

    /// <summary>The required inputs plus an explicit JSON <c>null</c> in every field the contract declares nullable.</summary>
    ExplicitNulls,
}
