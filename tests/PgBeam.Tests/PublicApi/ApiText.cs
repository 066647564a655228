using System.Collections.Generic;

namespace PgBeam.Tests.PublicApi;

/// <summary>Splitting C# declarations at the top level: commas and spaces inside <c>&lt;&gt;</c>, <c>()</c>, <c>[]</c> or quotes do not count.</summary>
internal static class ApiText
{
    public static List<string> SplitTopLevel(string text, char separator)
    {
        var parts = new List<string>();
        var depth = 0;
        var quoted = false;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '"' && (i == 0 || text[i - 1] != '\\'))
            {
                quoted = !quoted;
            }
            else if (!quoted && c is '<' or '(' or '[')
            {
                depth++;
            }
            else if (!quoted && c is '>' or ')' or ']')
            {
                depth--;
            }
            else if (!quoted && depth == 0 && c == separator)
            {
                parts.Add(text[start..i].Trim());
                start = i + 1;
            }
        }

        parts.Add(text[start..].Trim());
        parts.RemoveAll(part => part.Length == 0);
        return parts;
    }

    /// <summary>The index of the first <paramref name="c"/> outside <c>&lt;&gt;</c> and quotes, or -1.</summary>
    public static int IndexOfTopLevel(string text, char c)
    {
        var angle = 0;
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '"')
            {
                quoted = !quoted;
            }
            else if (!quoted && text[i] == '<')
            {
                angle++;
            }
            else if (!quoted && text[i] == '>')
            {
                angle--;
            }
            else if (!quoted && angle == 0 && text[i] == c)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The index of the parenthesis that closes the one at <paramref name="open"/>.</summary>
    public static int Closing(string text, int open)
    {
        var depth = 0;
        var quoted = false;
        for (var i = open; i < text.Length; i++)
        {
            if (text[i] == '"')
            {
                quoted = !quoted;
            }
            else if (!quoted && text[i] == '(')
            {
                depth++;
            }
            else if (!quoted && text[i] == ')' && --depth == 0)
            {
                return i;
            }
        }

        return text.Length - 1;
    }

    /// <summary>The text before the first top-level <paramref name="c"/> (all of it when there is none).</summary>
    public static string Before(string text, char c)
    {
        var index = IndexOfTopLevel(text, c);
        return index < 0 ? text : text[..index];
    }
}
