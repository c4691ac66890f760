import type { Labels } from '../values.js';

/** The metric-name label. */
export const METRIC_NAME = '__name__';

const SEP = '\xff';

/**
 * Builds a plain labels object with keys in Prometheus order (byte-wise sorted names);
 * labels with an empty value are dropped, as Prometheus treats them as absent.
 */
export function makeLabels(input: Readonly<Record<string, string>>): Labels {
  const names = Object.keys(input).filter((k) => input[k] !== '' && input[k] !== undefined);
  names.sort(compareStrings);
  const out: Record<string, string> = {};
  for (const n of names) out[n] = input[n]!;
  return Object.freeze(out);
}

/** Byte-wise (UTF-16 code unit) string comparison, as Go's `<` on ASCII label names. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A string that identifies a label set; equal label sets give equal keys. Expects sorted labels. */
export function labelsKey(labels: Labels): string {
  let s = '';
  for (const k in labels) s += k + SEP + labels[k] + SEP;
  return s;
}

/** Prometheus `labels.Compare`: label by label, name then value; a prefix sorts first. */
export function compareLabels(a: Labels, b: Labels): number {
  const ka = Object.keys(a);
  const kb = Object.keys(b);
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

/** The label set without `__name__` (the same object when there is none). */
export function dropMetricName(labels: Labels): Labels {
  if (!(METRIC_NAME in labels)) return labels;
  const out: Record<string, string> = {};
  for (const k in labels) if (k !== METRIC_NAME) out[k] = labels[k]!;
  return Object.freeze(out);
}

/** Copy with `name` set to `value` (removed when `value` is empty), keys kept sorted. */
export function setLabel(labels: Labels, name: string, value: string): Labels {
  return makeLabels({ ...labels, [name]: value });
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

/** `{a="1", b="2"}` with the metric name in front when present, like Prometheus' `labels.String()`. */
export function formatLabels(labels: Labels): string {
  const parts: string[] = [];
  for (const k in labels) parts.push(`${k}=${JSON.stringify(labels[k])}`);
  return `{${parts.join(', ')}}`;
}

/** `name{a="1"}` form used in messages. */
export function formatSeries(labels: Labels): string {
  const name = labels[METRIC_NAME];
  const parts: string[] = [];
  for (const k in labels) if (k !== METRIC_NAME) parts.push(`${k}=${JSON.stringify(labels[k])}`);
  if (name !== undefined) return parts.length ? `${name}{${parts.join(', ')}}` : name;
  return `{${parts.join(', ')}}`;
}

const LABEL_NAME_RE = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
/** Whether `name` is a valid Prometheus label name. */
export function isValidLabelName(name: string): boolean {
  return LABEL_NAME_RE.test(name);
}
