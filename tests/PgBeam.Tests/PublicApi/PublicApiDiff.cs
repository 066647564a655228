using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;

namespace PgBeam.Tests.PublicApi;

/// <summary>
/// Names every difference between the committed public API snapshot and the API of the build: added, removed, renamed
/// (a removed and an added type or member of the same shape), optional → required (a <c>required</c> modifier appears,
/// or a parameter loses its default), type changed, or changed otherwise. Only additions are safe for every caller;
/// everything else is a reviewed decision (<c>build/accept-public-api.sh --breaking</c>).
/// </summary>
internal static class PublicApiDiff
{
    public static IReadOnlyList<ApiChange> Classify(string before, string after) => Classify(ApiSurface.Parse(before), ApiSurface.Parse(after));

    public static IReadOnlyList<ApiChange> Classify(ApiSurface before, ApiSurface after)
    {
        var changes = new List<ApiChange>();
        var removed = before.Types.Keys.Except(after.Types.Keys).Order(StringComparer.Ordinal).ToList();
        var added = after.Types.Keys.Except(before.Types.Keys).Order(StringComparer.Ordinal).ToList();
        foreach (var name in removed.ToList())
        {
            var old = before.Types[name];
            var candidates = added.Select(a => after.Types[a]).Where(n => n.Kind == old.Kind && Fingerprint(n) == Fingerprint(old)).ToList();
            if (candidates.Count == 1)
            {
                changes.Add(new ApiChange(ApiChangeKind.Renamed, name, "→ " + candidates[0].FullName));
                removed.Remove(name);
                added.Remove(candidates[0].FullName);
            }
        }

        changes.AddRange(removed.Select(name => new ApiChange(ApiChangeKind.Removed, name, before.Types[name].Declaration)));
        foreach (var name in added)
        {
            var type = after.Types[name];
            changes.Add(new ApiChange(ApiChangeKind.Added, name, type.Declaration));
            changes.AddRange(type.Members.Select(member => new ApiChange(ApiChangeKind.Added, name + "." + member.Name, member.Text)));
        }

        foreach (var name in before.Types.Keys.Intersect(after.Types.Keys).Order(StringComparer.Ordinal))
        {
            CompareType(before.Types[name], after.Types[name], changes);
        }

        return changes;
    }

    /// <summary>
    /// The report CI and the accept script print: a first line that says it all (<c>no change</c>, <c>additions only:
    /// safe</c> or <c>BREAKING: …</c>), then one line per change, breaking ones first.
    /// </summary>
    public static string Report(string package, IReadOnlyList<ApiChange> changes)
    {
        var text = new StringBuilder();
        var breaking = changes.Where(c => c.IsBreaking).ToList();
        var additions = changes.Count - breaking.Count;
        if (changes.Count == 0)
        {
            text.Append(package).AppendLine(": no change");
        }
        else if (breaking.Count == 0)
        {
            text.Append(package).Append(": additions only: safe (").Append(additions).AppendLine(" added)");
        }
        else
        {
            var counts = breaking.GroupBy(c => c.Kind).OrderBy(g => g.Key).Select(g => $"{ApiChange.Label(g.Key)} {g.Count()}");
            text.Append(package).Append(": BREAKING: ").Append(breaking.Count).Append(" change(s) need a reviewed decision (")
                .AppendJoin(", ", counts).Append("); ").Append(additions).AppendLine(" added");
        }

        foreach (var change in breaking.Concat(changes.Where(c => !c.IsBreaking)))
        {
            text.Append("  ").AppendLine(change.ToString());
        }

        return text.ToString();
    }

    private static void CompareType(ApiType old, ApiType now, List<ApiChange> changes)
    {
        if (old.Declaration != now.Declaration)
        {
            changes.Add(new ApiChange(ApiChangeKind.Changed, old.FullName, $"declaration {old.Declaration} → {now.Declaration}"));
        }

        if (!old.Attributes.SequenceEqual(now.Attributes))
        {
            changes.Add(new ApiChange(ApiChangeKind.Changed, old.FullName, "attributes " + AttributeDifference(old.Attributes, now.Attributes)));
        }

        var before = ByIdentity(old);
        var after = ByIdentity(now);
        foreach (var identity in before.Keys.Intersect(after.Keys))
        {
            var (was, isNow) = (before[identity], after[identity]);
            var subject = old.FullName + "." + was.Name;
            if (was.Text == isNow.Text)
            {
                if (!was.Attributes.SequenceEqual(isNow.Attributes))
                {
                    changes.Add(new ApiChange(ApiChangeKind.Changed, subject, "attributes " + AttributeDifference(was.Attributes, isNow.Attributes)));
                }

                continue;
            }

            changes.AddRange(Modification(subject, was, isNow));
        }

        var removed = before.Keys.Except(after.Keys).Select(k => before[k]).ToList();
        var added = after.Keys.Except(before.Keys).Select(k => after[k]).ToList();

        // The same method with other parameters: one removed and one added overload of that name.
        foreach (var was in removed.ToList())
        {
            var sameName = added.Where(a => a.Name == was.Name && a.Kind == was.Kind).ToList();
            if (sameName.Count == 1 && removed.Count(r => r.Name == was.Name && r.Kind == was.Kind) == 1)
            {
                changes.Add(new ApiChange(SignatureKind(was, sameName[0]), old.FullName + "." + was.Name, SignatureDifference(was, sameName[0])));
                removed.Remove(was);
                added.Remove(sameName[0]);
            }
        }

        // A new name for the same shape: paired by names equal but for case and separators first, then one to one.
        foreach (var was in removed.ToList())
        {
            var sameShape = added.Where(a => a.Shape == was.Shape).ToList();
            var match = sameShape.FirstOrDefault(a => Loose(a.Name) == Loose(was.Name))
                ?? (sameShape.Count == 1 && removed.Count(r => r.Shape == was.Shape) == 1 ? sameShape[0] : null);
            if (match is not null)
            {
                changes.Add(new ApiChange(ApiChangeKind.Renamed, old.FullName + "." + was.Name, $"{was.Name} → {match.Name} ({match.Text})"));
                removed.Remove(was);
                added.Remove(match);
            }
        }

        changes.AddRange(removed.Select(m => new ApiChange(ApiChangeKind.Removed, old.FullName + "." + m.Name, m.Text)));
        changes.AddRange(added.Select(m => new ApiChange(
            ApiChangeKind.Added, now.FullName + "." + m.Name, now.Kind == "interface" ? m.Text + " (implementers of the interface must add it)" : m.Text)));
    }

    private static IEnumerable<ApiChange> Modification(string subject, ApiMember was, ApiMember now)
    {
        var found = false;
        if (was.Type != now.Type)
        {
            found = true;
            yield return new ApiChange(ApiChangeKind.TypeChanged, subject, was.Kind is ApiMemberKind.Method or ApiMemberKind.Operator
                ? $"returns {was.Type} → {now.Type}"
                : $"{was.Type} → {now.Type}");
        }

        for (var i = 0; i < Math.Min(was.Parameters.Count, now.Parameters.Count); i++)
        {
            var (before, after) = (was.Parameters[i], now.Parameters[i]);
            if (before.Type != after.Type)
            {
                found = true;
                yield return new ApiChange(ApiChangeKind.TypeChanged, subject, $"parameter {after.Name}: {before.Type} → {after.Type}");
            }
            else if (before.Default is not null && after.Default is null)
            {
                found = true;
                yield return new ApiChange(ApiChangeKind.OptionalToRequired, subject, $"parameter {after.Name} has no default any more (was {before.Default})");
            }
        }

        if (now.MemberModifiers.Contains("required") && !was.MemberModifiers.Contains("required"))
        {
            found = true;
            yield return new ApiChange(ApiChangeKind.OptionalToRequired, subject, "now a required member: object initializers must set it");
        }

        var otherModifiers = !was.MemberModifiers.Except(["required"]).ToHashSet().SetEquals(now.MemberModifiers.Except(["required"]));
        if (!found || otherModifiers || was.Trailer != now.Trailer)
        {
            yield return new ApiChange(ApiChangeKind.Changed, subject, $"{was.Text} → {now.Text}");
        }
    }

    private static ApiChangeKind SignatureKind(ApiMember was, ApiMember now) =>
        was.Parameters.Count == now.Parameters.Count &&
        was.Parameters.Zip(now.Parameters).All(p => p.First.Name == p.Second.Name || p.First.Type == p.Second.Type) &&
        was.Parameters.Zip(now.Parameters).Any(p => p.First.Type != p.Second.Type)
            ? ApiChangeKind.TypeChanged
            : ApiChangeKind.Changed;

    private static string SignatureDifference(ApiMember was, ApiMember now)
    {
        var oldNames = was.Parameters.Select(p => p.Name).ToList();
        var newNames = now.Parameters.Select(p => p.Name).ToList();
        var gained = now.Parameters.Where(p => !oldNames.Contains(p.Name)).ToList();
        var lost = was.Parameters.Where(p => !newNames.Contains(p.Name)).ToList();
        var parts = new List<string>();
        if (gained.Count > 0)
        {
            parts.Add((gained.All(p => p.Default is not null) ? "optional parameter(s) added: " : "parameter(s) added: ") + string.Join(", ", gained));
        }

        if (lost.Count > 0)
        {
            parts.Add("parameter(s) removed: " + string.Join(", ", lost));
        }

        parts.Add($"({was.Text} → {now.Text})");
        return string.Join("; ", parts);
    }

    /// <summary>Members by identity; overloads that share parameter names are told apart by their types.</summary>
    private static Dictionary<string, ApiMember> ByIdentity(ApiType type)
    {
        var duplicates = type.Members.GroupBy(m => m.Identity).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
        var members = new Dictionary<string, ApiMember>(StringComparer.Ordinal);
        foreach (var member in type.Members)
        {
            var key = duplicates.Contains(member.Identity) ? member.Identity + " " + member.Shape : member.Identity;
            members.TryAdd(key, member);
        }

        return members;
    }

    /// <summary>A type's members and declaration with its own name blanked, so a renamed type matches its old self.</summary>
    private static string Fingerprint(ApiType type)
    {
        var self = new Regex(@"\b" + Regex.Escape(type.SimpleName) + @"\b", RegexOptions.CultureInvariant);
        return string.Join('\n', type.Members.Select(m => self.Replace(string.Join(' ', m.Attributes) + " " + m.Text, "§")).Order(StringComparer.Ordinal));
    }

    private static string Loose(string name) => name.Replace("_", string.Empty, StringComparison.Ordinal).ToUpperInvariant();

    private static string AttributeDifference(IReadOnlyList<string> before, IReadOnlyList<string> after) =>
        string.Join(" ", before.Except(after).Select(a => "-" + a).Concat(after.Except(before).Select(a => "+" + a)));
}
