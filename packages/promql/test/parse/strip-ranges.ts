/** A deep copy of a syntax tree without `range` keys, to compare trees parsed from different text. */
export function stripRanges<T>(node: T): T {
  if (Array.isArray(node)) return node.map(stripRanges) as T;
  if (node !== null && typeof node === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(node)) if (k !== 'range') out[k] = stripRanges(v);
    return out as T;
  }
  return node;
}
