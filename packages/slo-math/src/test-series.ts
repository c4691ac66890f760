/**
 * Synthetic input series for an SLO's generated unit tests: label sets that match the SLI's
 * selectors (a bad-events series, and a good-events one that the total matches but the bad events
 * do not), and promtool `values` text for a traffic profile of phases with an error fraction each.
 */
import { Selector } from '@alertcraft/rule-dsl';
import { compileMatcher, type LabelMatcher } from '@alertcraft/promql';
import { SloInputError } from './errors.js';
import { latencyGood, latencyTotal, singleSelectorOf } from './generate-rules.js';
import { promNumber } from './numbers.js';
import type { EventSource, SloSpec } from './spec.js';

export type Labels = Record<string, string>;

const CANDIDATES = [
  '500',
  '200',
  '503',
  '429',
  '404',
  '1',
  '0',
  'ok',
  'error',
  'true',
  'false',
  'x',
  'a',
  'success',
  'failure',
];

function matches(matchers: readonly LabelMatcher[], labels: Labels): boolean {
  return matchers.every((m) => compileMatcher(m).matches(labels[m.name] ?? ''));
}

function allMatchers(sel: Selector): LabelMatcher[] {
  return [...(sel.metric ? [{ name: '__name__', op: '=' as const, value: sel.metric }] : []), ...sel.matchers];
}

/** Candidates for a regex: its first alternative with `.`/`\d` read as a digit, then common values. */
function regexCandidates(re: string): string[] {
  const first =
    re
      .replace(/^\^|\$$/g, '')
      .replace(/^\((.*)\)$/, '$1')
      .split('|')[0] ?? '';
  const guess = first
    .replace(/\\d/g, '0')
    .replace(/\.\*|\.\+/g, 'x')
    .replace(/\./g, '0')
    .replace(/[()[\]?*+^$\\]/g, '');
  return [guess, ...CANDIDATES];
}

/** A label set that `sel` matches, or an error naming the matcher it cannot satisfy. */
export function labelsMatching(sel: Selector, field: string): Labels {
  const out: Labels = {};
  if (sel.metric) out.__name__ = sel.metric;
  for (const m of sel.matchers) {
    if (m.name === '__name__' && out.__name__) continue;
    if (m.op === '=') {
      if (m.value !== '') out[m.name] = m.value;
      continue;
    }
    if (compileMatcher(m).matches('')) continue;
    const c = compileMatcher(m);
    const v = (m.op === '=~' ? regexCandidates(m.value) : CANDIDATES).find((x) => x !== '' && c.matches(x));
    if (v === undefined)
      throw new SloInputError(
        field,
        `cannot find a label value matching ${m.name}${m.op}"${m.value}" for the generated tests`,
      );
    out[m.name] = v;
  }
  if (!matches(allMatchers(sel), out))
    throw new SloInputError(field, `cannot build a series matching ${sel.toPromQL()} for the generated tests`);
  return out;
}

/** A variant of `labels` that `include` matches but `exclude` does not, or undefined. */
function variantExcluding(labels: Labels, include: Selector, exclude: Selector): Labels | undefined {
  const inc = allMatchers(include);
  const exc = allMatchers(exclude);
  for (const m of exc) {
    if (inc.some((i) => i.name === m.name && i.op === m.op && i.value === m.value)) continue;
    for (const v of ['', ...CANDIDATES]) {
      const l = { ...labels };
      if (v === '') delete l[m.name];
      else l[m.name] = v;
      if (matches(inc, l) && !matches(exc, l)) return l;
    }
  }
  return undefined;
}

function selectorOrThrow(src: EventSource, field: string): Selector {
  const s = src instanceof Selector ? src : singleSelectorOf(src.query);
  if (!s) throw new SloInputError(field, 'cannot generate unit tests: the query must read exactly one series selector');
  return s;
}

/** A series of the test input and how it counts: bad events, good events, or all events. */
export interface TestSeries {
  labels: Labels;
  counts: 'bad' | 'good' | 'all';
}

/** The input series for an SLO's tests. */
export function testSeriesFor(spec: SloSpec, field = 'slo.sli'): TestSeries[] {
  const sli = spec.sli;
  const withGroup = (l: Labels): Labels => {
    const out = { ...l };
    for (const g of spec.groupBy ?? []) if (out[g] === undefined) out[g] = 'a';
    return out;
  };
  if (sli.type === 'latency') {
    const good = latencyGood(sli.buckets, sli.thresholdLe);
    const total = latencyTotal(sli.buckets, sli.total);
    const g = labelsMatching(good, `${field}.buckets`);
    return [
      { labels: withGroup(g), counts: 'good' },
      { labels: withGroup({ ...g, le: '+Inf' }), counts: 'all' },
      { labels: withGroup(labelsMatching(total, `${field}.total`)), counts: 'all' },
    ];
  }
  if (!sli.total)
    throw new SloInputError(
      `${field}.errorRatio`,
      'cannot generate unit tests for an error-ratio query (give error and total events)',
    );
  const total = selectorOrThrow(sli.total, `${field}.total`);
  const partKey = sli.errors ? 'errors' : 'good';
  const part = selectorOrThrow((sli.errors ?? sli.good)!, `${field}.${partKey}`);
  const partKind = sli.errors ? 'bad' : 'good';
  const otherKind = sli.errors ? 'good' : 'bad';
  const p = labelsMatching(part, `${field}.${partKey}`);
  if (matches(allMatchers(total), p)) {
    const other = variantExcluding(p, total, part);
    if (!other)
      throw new SloInputError(
        `${field}.${partKey}`,
        'cannot build a series that the total matches but this selector does not, for the generated tests',
      );
    return [
      { labels: withGroup(p), counts: partKind },
      { labels: withGroup(other), counts: otherKind },
    ];
  }
  const t = labelsMatching(total, `${field}.total`);
  if (matches(allMatchers(part), t))
    throw new SloInputError(`${field}.total`, 'the generated total series would also count as the SLI part');
  return [
    { labels: withGroup(p), counts: partKind },
    { labels: withGroup(t), counts: 'all' },
  ];
}

/** One phase of a test: `samples` scrape intervals with this error fraction. */
export interface TrafficPhase {
  samples: number;
  errorFraction: number;
}

/** Events per scrape interval in the generated tests. */
export const EVENTS_PER_SAMPLE = 1000;

/** promtool `values` text: a first sample at `base`, then each phase's increments. */
export function counterValues(phases: readonly TrafficPhase[], counts: TestSeries['counts'], base = 1000): string {
  const parts = [promNumber(base)];
  let v = base;
  for (const ph of phases) {
    if (ph.samples <= 0) continue;
    const frac = counts === 'all' ? 1 : counts === 'bad' ? ph.errorFraction : 1 - ph.errorFraction;
    const step = EVENTS_PER_SAMPLE * frac;
    parts.push(`${promNumber(v + step)}+${promNumber(step)}x${ph.samples - 1}`);
    v += step * ph.samples;
  }
  return parts.join(' ');
}

/** Series text `name{a="b"}` for promtool. */
export function seriesText(labels: Labels): string {
  const { __name__: name = '', ...rest } = labels;
  const inner = Object.keys(rest)
    .sort()
    .map((k) => `${k}=${JSON.stringify(rest[k])}`)
    .join(', ');
  return `${name}{${inner}}`;
}
