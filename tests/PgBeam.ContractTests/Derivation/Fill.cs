namespace PgBeam.ContractTests.Derivation;

/// <summary>Which fields a derived request value sets.</summary>
internal enum Fill
{
    /// <summary>The required fields only, descending into what they require.</summary>
    Required,

    /// <summary>Every field the contract lets a client send, at every depth.</summary>
    All,

    /// <summary>The required fields, an explicit null in every nullable field, and the objects that lead to them.</summary>
    Nulls,
}
