/** Label-set helpers shared by rule evaluation and the unit-test runner (Prometheus `labels.Labels` semantics). */
import type { Labels } from '../values.js';
import { goQuote } from '../template/go-format.js';

/** A new label set with keys sorted, empty values dropped (Prometheus never stores empty labels). */
export function normalizeLabels(labels: Record<string, string>): Labels {
  const out: Record<string, string> = {};
  for (const k of Object.keys(labels).sort()) {
    const v = labels[k]!;
    if (v !== '') out[k] = v;
  }
  return out;
}

/** Stable identity of a label set (order-independent). */
export function labelsKey(labels: Labels): string {
  const keys = Object.keys(labels).sort();
  let s = '';
  for (const k of keys) s += k + '\u0000' + labels[k] + '\u0001';
  return s;
}

/** Prometheus `labels.Compare`: by name, then value, pairwise; shorter set first on a tie. */
export function compareLabels(a: Labels, b: Labels): number {
  const ka = Object.keys(a).sort();
  const kb = Object.keys(b).sort();
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
  const keys = Object.keys(labels).sort();
  return '{' + keys.map((k) => `${k}=${goQuote(labels[k]!)}`).join(', ') + '}';
}

export function labelsEqual(a: Labels, b: Labels): boolean {
  return labelsKey(a) === labelsKey(b);
}
