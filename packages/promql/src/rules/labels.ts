/** Label-set helpers shared by rule evaluation and the unit-test runner (Prometheus `labels.Labels` semantics). */
import type { Labels } from '../values.js';
import { goQuote } from '../template/go-format.js';

/** Keys of a label set in sorted order (label names cannot be integer-like, so insertion order is kept). */
export function sortedKeys(labels: Labels): string[] {
  const keys = Object.keys(labels);
  for (let i = 1; i < keys.length; i++) if (keys[i - 1]! > keys[i]!) return keys.sort();
  return keys;
}

/** A new label set with keys sorted, empty values dropped (Prometheus never stores empty labels). */
export function normalizeLabels(labels: Record<string, string>): Labels {
  const out: Record<string, string> = {};
  for (const k of sortedKeys(labels)) {
    const v = labels[k]!;
    if (v !== '') out[k] = v;
  }
  return out;
}

/** Stable identity of a label set (order-independent). */
export function labelsKey(labels: Labels): string {
  const keys = sortedKeys(labels);
  let s = '';
  for (const k of keys) s += k + '\u0000' + labels[k] + '\u0001';
  return s;
}

/** Prometheus `labels.Compare`: by name, then value, pairwise; shorter set first on a tie. */
export function compareLabels(a: Labels, b: Labels): number {
  const ka = sortedKeys(a);
  const kb = sortedKeys(b);
  const n = Math.min(ka.length, kb.length);
  for (let i = 0; i < n; i++) {
    if (ka[i] !== kb[i]) return ka[i]! < kb[i]! ? -1 : 1;
    const va = a[ka[i]!]!;
    const vb = b[kb[i]!]!;
    if (va !== vb) return va < vb ? -1 : 1;
  }
  return ka.length - kb.length;
}

/** Prometheus `labels.Labels.String()`: `{a="1", b="2"}`. */
export function labelsString(labels: Labels): string {
  const keys = sortedKeys(labels);
  return '{' + keys.map((k) => `${k}=${goQuote(labels[k]!)}`).join(', ') + '}';
}

export function labelsEqual(a: Labels, b: Labels): boolean {
  return labelsKey(a) === labelsKey(b);
}
