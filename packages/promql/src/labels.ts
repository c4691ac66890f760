/**
 * Label sets, in one place (Prometheus `labels.Labels` semantics): building a normalized set, its
 * identity key, comparison, printing, and the copy-with-changes helpers the engine uses. A label
 * set is a plain frozen object whose keys are in byte-wise order; the functions that take a set
 * from outside (`labelsKey`, `compareLabels`, `labelsString`) accept keys in any order.
 */
import { goQuote } from './template/go-format.js';
import type { Labels } from './values.js';

/** The metric-name label. */
export const METRIC_NAME = '__name__';

/** Separates names and values in `labelsKey` (Prometheus' `labels.Separator`); never part of a label name. */
const SEP = '\xff';

/** Byte-wise (UTF-16 code unit) string comparison, as Go's `<` on ASCII label names. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Keys of a label set in sorted order (label names cannot be integer-like, so insertion order is kept). */
export function sortedKeys(labels: Readonly<Record<string, string>>): string[] {
  const keys = Object.keys(labels);
  for (let i = 1; i < keys.length; i++) if (keys[i - 1]! > keys[i]!) return keys.sort(compareStrings);
  return keys;
}

/**
 * A label set with keys in Prometheus order (byte-wise sorted names), frozen; labels with an empty
 * (or undefined) value are dropped, as Prometheus treats them as absent.
 */
export function normalizeLabels(input: Readonly<Record<string, string>>): Labels {
  const out: Record<string, string> = {};
  for (const k of sortedKeys(input)) {
    const v = input[k];
    if (v !== '' && v !== undefined) out[k] = v;
  }
  return Object.freeze(out);
}

/** A string that identifies a label set: equal label sets give equal keys, whatever their key order. */
export function labelsKey(labels: Labels): string {
  let s = '';
  let prev = '';
  for (const k in labels) {
    if (k < prev) return sortedLabelsKey(labels);
    s += k + SEP + labels[k] + SEP;
    prev = k;
  }
  return s;
}

function sortedLabelsKey(labels: Labels): string {
  let s = '';
  for (const k of sortedKeys(labels)) s += k + SEP + labels[k] + SEP;
  return s;
}

/** Whether two label sets hold the same names and values. */
export function labelsEqual(a: Labels, b: Labels): boolean {
  return labelsKey(a) === labelsKey(b);
}

/** Prometheus `labels.Compare`: label by label, name then value; a prefix sorts first. */
export function compareLabels(a: Labels, b: Labels): number {
  const ka = sortedKeys(a);
  const kb = sortedKeys(b);
  const n = Math.min(ka.length, kb.length);
  for (let i = 0; i < n; i++) {
    const na = ka[i]!;
    const nb = kb[i]!;
    if (na !== nb) return na < nb ? -1 : 1;
    const va = a[na]!;
    const vb = b[nb]!;
    if (va !== vb) return va < vb ? -1 : 1;
  }
  return ka.length - kb.length;
}

/** Prometheus `labels.Labels.String()`: `{__name__="up", a="1"}`, values quoted like Go's `strconv.Quote`. */
export function labelsString(labels: Labels): string {
  return `{${sortedKeys(labels)
    .map((k) => `${k}=${goQuote(labels[k]!)}`)
    .join(', ')}}`;
}

/** `name{a="1"}` form used in messages (the metric name in front when present). */
export function formatSeries(labels: Labels): string {
  const name = labels[METRIC_NAME];
  const parts: string[] = [];
  for (const k of sortedKeys(labels)) if (k !== METRIC_NAME) parts.push(`${k}=${goQuote(labels[k]!)}`);
  if (name !== undefined) return parts.length ? `${name}{${parts.join(', ')}}` : name;
  return `{${parts.join(', ')}}`;
}

/** The label set without `__name__` (the same object when there is none). */
export function dropMetricName(labels: Labels): Labels {
  if (!(METRIC_NAME in labels)) return labels;
  const out: Record<string, string> = {};
  for (const k in labels) if (k !== METRIC_NAME) out[k] = labels[k]!;
  return Object.freeze(out);
}

/** Copy with `name` set to `value` (removed when `value` is empty), keys kept sorted. */
export function setLabel(labels: Labels, name: string, value: string): Labels {
  return normalizeLabels({ ...labels, [name]: value });
}

/** Keep only the listed label names. */
export function keepLabels(labels: Labels, names: readonly string[]): Labels {
  const out: Record<string, string> = {};
  for (const k in labels) if (names.includes(k)) out[k] = labels[k]!;
  return Object.freeze(out);
}

/** Remove the listed label names. */
export function deleteLabels(labels: Labels, names: readonly string[]): Labels {
  const out: Record<string, string> = {};
  for (const k in labels) if (!names.includes(k)) out[k] = labels[k]!;
  return Object.freeze(out);
}

const LABEL_NAME_RE = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
/** Whether `name` is a valid Prometheus label name. */
export function isValidLabelName(name: string): boolean {
  return LABEL_NAME_RE.test(name);
}
