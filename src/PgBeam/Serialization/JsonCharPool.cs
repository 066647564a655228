using System.Buffers;
using Newtonsoft.Json;

namespace PgBeam.Serialization;

/// <summary>Lends Json.NET's readers and writers their character buffers from <see cref="ArrayPool{T}.Shared"/>, so a call allocates none.</summary>
internal sealed class JsonCharPool : IArrayPool<char>
{
    public static readonly JsonCharPool Instance = new();

    public char[] Rent(int minimumLength) => ArrayPool<char>.Shared.Rent(minimumLength);

    public void Return(char[]? array)
    {
        if (array is not null)
        {
            ArrayPool<char>.Shared.Return(array);
        }
    }
}
