using System;
using System.Buffers.Binary;
using System.Numerics;
using System.Text;

namespace PgBeam.Testing.Endpoints;

/// <summary>
/// XXH64 with seed 0, the hash the API names query shapes by (<c>query_hash</c>: 16 lowercase hex digits of the
/// normalized SQL's UTF-8 bytes). Written out here so the sandbox needs no hashing package.
/// </summary>
internal static class XxHash64
{
    private const ulong Prime1 = 11400714785074694791UL;
    private const ulong Prime2 = 14029467366897019727UL;
    private const ulong Prime3 = 1609587929392839161UL;
    private const ulong Prime4 = 9650029242287828579UL;
    private const ulong Prime5 = 2870177450012600261UL;

    /// <summary>The hash of <paramref name="text"/>'s UTF-8 bytes as 16 lowercase hex digits.</summary>
    public static string HexOf(string text) => Hash(Encoding.UTF8.GetBytes(text)).ToString("x16", System.Globalization.CultureInfo.InvariantCulture);

    public static ulong Hash(ReadOnlySpan<byte> data)
    {
        unchecked
        {
            var length = data.Length;
            var i = 0;
            ulong hash;
            if (length >= 32)
            {
                ulong v1 = Prime1 + Prime2, v2 = Prime2, v3 = 0, v4 = 0 - Prime1;
                for (; i <= length - 32; i += 32)
                {
                    v1 = Round(v1, BinaryPrimitives.ReadUInt64LittleEndian(data[i..]));
                    v2 = Round(v2, BinaryPrimitives.ReadUInt64LittleEndian(data[(i + 8)..]));
                    v3 = Round(v3, BinaryPrimitives.ReadUInt64LittleEndian(data[(i + 16)..]));
                    v4 = Round(v4, BinaryPrimitives.ReadUInt64LittleEndian(data[(i + 24)..]));
                }

                hash = BitOperations.RotateLeft(v1, 1) + BitOperations.RotateLeft(v2, 7) + BitOperations.RotateLeft(v3, 12) + BitOperations.RotateLeft(v4, 18);
                hash = Merge(Merge(Merge(Merge(hash, v1), v2), v3), v4);
            }
            else
            {
                hash = Prime5;
            }

            hash += (ulong)length;
            for (; i + 8 <= length; i += 8)
            {
                hash ^= Round(0, BinaryPrimitives.ReadUInt64LittleEndian(data[i..]));
                hash = (BitOperations.RotateLeft(hash, 27) * Prime1) + Prime4;
            }

            if (i + 4 <= length)
            {
                hash ^= BinaryPrimitives.ReadUInt32LittleEndian(data[i..]) * Prime1;
                hash = (BitOperations.RotateLeft(hash, 23) * Prime2) + Prime3;
                i += 4;
            }

            for (; i < length; i++)
            {
                hash ^= data[i] * Prime5;
                hash = BitOperations.RotateLeft(hash, 11) * Prime1;
            }

            hash ^= hash >> 33;
            hash *= Prime2;
            hash ^= hash >> 29;
            hash *= Prime3;
            hash ^= hash >> 32;
            return hash;
        }
    }

    private static ulong Round(ulong accumulator, ulong input)
    {
        unchecked
        {
            accumulator += input * Prime2;
            return BitOperations.RotateLeft(accumulator, 31) * Prime1;
        }
    }

    private static ulong Merge(ulong hash, ulong value)
    {
        unchecked
        {
            hash ^= Round(0, value);
            return (hash * Prime1) + Prime4;
        }
    }
}
