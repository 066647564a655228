namespace PgBeam.Serialization;

/// <summary>Implemented by every generated DTO: checks required fields before a request is sent.</summary>
internal interface IPgBeamModel
{
    /// <summary>Throws an <see cref="System.ArgumentException"/> naming the first required field that is not set.</summary>
    /// <param name="path">Where this object sits in the request, for the message (<c>body</c>, <c>body.database</c>).</param>
    void Validate(string path);
}
