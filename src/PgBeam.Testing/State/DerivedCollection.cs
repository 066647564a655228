using System;
using System.Collections.Generic;
using Newtonsoft.Json.Linq;

namespace PgBeam.Testing.State;

/// <summary>
/// The resources of one concrete collection path (<c>/v1/projects/prj_1/honeytokens</c>) that the sandbox keeps for
/// operations nobody modelled by hand: in creation order, with the ids deleted since, so a deleted one stays gone.
/// </summary>
internal sealed class DerivedCollection
{
    private readonly List<string> _order = [];
    private readonly Dictionary<string, JObject> _items = new(StringComparer.Ordinal);
    private readonly HashSet<string> _deleted = new(StringComparer.Ordinal);

    /// <summary>
    /// The contract schema of the kept resources (set by the first one kept); an operation on this path that answers
    /// another schema (a read that wraps the resource with more) is answered without touching them.
    /// </summary>
    public string? Schema { get; set; }

    /// <summary>How many resources were created here, deleted ones included (it varies the ids of identical creates).</summary>
    public int Created { get; private set; }

    /// <summary>The live resources in creation order.</summary>
    public IEnumerable<JObject> Items
    {
        get
        {
            foreach (var id in _order)
            {
                yield return _items[id];
            }
        }
    }

    public JObject? Find(string id) => _items.GetValueOrDefault(id);

    public bool WasDeleted(string id) => _deleted.Contains(id);

    /// <summary>Stores a copy of <paramref name="resource"/> under <paramref name="id"/>, new or replacing.</summary>
    public void Put(string id, JObject resource, bool created)
    {
        if (!_items.ContainsKey(id))
        {
            _order.Add(id);
        }

        _items[id] = (JObject)resource.DeepClone();
        _deleted.Remove(id);
        if (created)
        {
            Created++;
        }
    }

    public void Remove(string id)
    {
        if (_items.Remove(id))
        {
            _order.Remove(id);
        }

        _deleted.Add(id);
    }
}
