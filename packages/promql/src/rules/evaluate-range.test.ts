/**
 * `evaluateRulesRange` (one range query per rule) against `evaluateRules` (Prometheus' per-step
 * order, itself checked against promtool elsewhere): random series and random rule groups must
 * give the same timeline, errors, evaluation count, per-evaluation infos and stored samples.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createStorage, type Storage } from '../storage/memory-storage.js';
import { isStaleNaN, STALE_NAN } from '../storage/stale.js';
import { evaluateRules } from './evaluate.js';
import { evaluateRulesRange } from './evaluate-range.js';
import type { RuleEvalInfo } from './evaluate-groups.js';
import type { RuleGroupInput, RuleInput } from './types.js';

const MIN = 60_000;

type Step = { kind: 'v'; d: number } | { kind: 'gap' } | { kind: 'stale' } | { kind: 'reset' };

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 8, arbitrary: fc.integer({ min: 0, max: 12 }).map((d) => ({ kind: 'v' as const, d })) },
  { weight: 1, arbitrary: fc.constant({ kind: 'gap' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'stale' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'reset' as const }) },
);

interface SeriesSpec {
  metric: 'c' | 'g';
  job: string;
  instance: string;
  steps: Step[];
}

const seriesArb: fc.Arbitrary<SeriesSpec> = fc.record({
  metric: fc.constantFrom('c' as const, 'g' as const),
  job: fc.constantFrom('a', 'b'),
  instance: fc.constantFrom('1', '2'),
  steps: fc.array(stepArb, { minLength: 3, maxLength: 40 }),
});

function buildStorage(specs: SeriesSpec[], scrapeMs: number): Storage {
  const st = createStorage();
  const seen = new Set<string>();
  for (const spec of specs) {
    const key = `${spec.metric}|${spec.job}|${spec.instance}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const ts: number[] = [];
    const vs: number[] = [];
    let v = 0;
    spec.steps.forEach((s, i) => {
      if (s.kind === 'gap') return;
      if (s.kind === 'stale') {
        ts.push(i * scrapeMs);
        vs.push(STALE_NAN);
        return;
      }
      if (s.kind === 'reset') v = 0;
      else v = spec.metric === 'c' ? v + s.d : s.d;
      ts.push(i * scrapeMs);
      vs.push(v);
    });
    const values = new Float64Array(vs.length);
    vs.forEach((x, i) => {
      values[i] = x;
    });
    if (ts.length)
      st.appendSeries({ __name__: spec.metric, job: spec.job, instance: spec.instance }, Float64Array.from(ts), values);
  }
  return st;
}

// `REC` is replaced by a record name of the pack (earlier, later or the rule's own: all allowed).
const EXPRS = [
  'c',
  'g',
  'rate(c[2m])',
  'sum by (job) (rate(c[2m]))',
  'g > 5',
  'g * 2 + on(job, instance) group_left c',
  'c / on(job) g',
  'sum(g)',
  'time()',
  'vector(1)',
  'absent(g{job="z"})',
  'label_replace(g, "instance", "x", "", "")',
  'REC',
  'REC > 3',
  'rate(REC[3m])',
  'sum(REC) by (job)',
  'count(ALERTS{alertstate="firing"})',
  'ALERTS_FOR_STATE',
  'max_over_time(g[3m]) > 4',
  'sort_desc(g)',
  'topk(1, g)',
  'g offset 1m',
  'delta(g[2m:30s])',
  '{__name__=~"r.*"} > 1',
  // Matchers on labels rules fix: readers that can or cannot see a given writer's output.
  'REC{tier="x"}',
  'sum(REC{tier!="x"})',
  'ALERTS{alertname="A"}',
  'count(ALERTS_FOR_STATE{alertname=~"B|C"})',
];

const recordArb = fc.record({
  record: fc.constantFrom('r1', 'r2', 'r3', 'r4'),
  expr: fc.constantFrom(...EXPRS),
  rec: fc.constantFrom('r1', 'r2', 'r3', 'r4'),
  labels: fc.constantFrom(undefined, { tier: 'x' }, { tier: 'y' }, { instance: '' }, { job: 'same' }),
});

const alertArb = fc.record({
  alert: fc.constantFrom('A', 'B', 'C'),
  expr: fc.constantFrom(...EXPRS),
  rec: fc.constantFrom('r1', 'r2', 'r3', 'r4'),
  cmp: fc.constantFrom('', ' > 2', ' < 8'),
  for: fc.constantFrom(undefined, '1m', '2m', '150s'),
  keep: fc.constantFrom(undefined, '1m', '3m'),
  labels: fc.constantFrom(
    undefined,
    { severity: 'page' },
    { severity: '{{ if gt $value 5.0 }}high{{ else }}low{{ end }}' },
    { v: '{{ $value }}' },
  ),
  annotations: fc.constantFrom(
    undefined,
    { summary: '{{ $labels.job }} at {{ $value | humanize }}' },
    { summary: '{{ with query "sum(g)" }}{{ . | first | value }}{{ end }}' },
  ),
});

const ruleArb: fc.Arbitrary<RuleInput> = fc.oneof(
  recordArb.map((r) => ({
    record: r.record,
    expr: r.expr.replace('REC', `REC:${r.rec}`),
    ...(r.labels ? { labels: r.labels } : {}),
  })),
  alertArb.map((a) => {
    const expr = a.expr.replace('REC', `REC:${a.rec}`);
    return {
      alert: a.alert,
      expr: a.cmp && !/[<>]/.test(expr) ? `(${expr})${a.cmp}` : expr,
      ...(a.for ? { for: a.for } : {}),
      ...(a.keep ? { keep_firing_for: a.keep } : {}),
      ...(a.labels ? { labels: a.labels } : {}),
      ...(a.annotations ? { annotations: a.annotations } : {}),
    };
  }),
);

const groupArb = fc.record({
  interval: fc.constantFrom(undefined, '30s', '1m', '2m'),
  query_offset: fc.constantFrom(undefined, undefined, '30s'),
  limit: fc.constantFrom(undefined, undefined, 2),
  rules: fc.array(ruleArb, { minLength: 1, maxLength: 4 }),
});

function dump(st: Storage): string[] {
  return st
    .series()
    .map(
      (s) =>
        `${JSON.stringify(s.labels)} ${[...s.timestamps].map((t, i) => `${t}=${isStaleNaN(s.values[i]!) ? 'STALE' : s.values[i]}`).join(' ')}`,
    )
    .sort();
}

function run(
  specs: SeriesSpec[],
  scrapeMs: number,
  groups: RuleGroupInput[],
  options: { start: number; end: number; alignment: 'start' | 'epoch' },
) {
  const slowStorage = buildStorage(specs, scrapeMs);
  const fastStorage = buildStorage(specs, scrapeMs);
  const slowInfos: RuleEvalInfo[] = [];
  const fastInfos: RuleEvalInfo[] = [];
  const slow = evaluateRules(slowStorage, groups, { ...options, onEval: (i) => slowInfos.push(i) });
  const fast = evaluateRulesRange(fastStorage, groups, {
    ...options,
    exactSampleOrder: true,
    onEval: (i) => fastInfos.push(i),
  });
  return { slow, fast, slowInfos, fastInfos, slowDump: dump(slowStorage), fastDump: dump(fastStorage) };
}

const stats = { cases: 0, whole: 0, ruleFallbacks: 0, rangeRules: 0 };
const reasons = new Map<string, number>();

describe('evaluateRulesRange = evaluateRules', () => {
  it('gives the same timeline, errors, infos and stored samples on random series and rule groups', () => {
    fc.assert(
      fc.property(
        fc.array(seriesArb, { minLength: 1, maxLength: 6 }),
        fc.constantFrom(15_000, 30_000, 60_000),
        fc.array(groupArb, { minLength: 1, maxLength: 3 }),
        fc.integer({ min: 0, max: 4 }).map((m) => m * 30_000),
        fc.constantFrom('start' as const, 'epoch' as const),
        fc.boolean(),
        (specs, scrapeMs, groupSpecs, start, alignment, wellOrdered) => {
          const groups: RuleGroupInput[] = groupSpecs.map((g, i) => ({
            name: `g${i}`,
            ...(g.interval ? { interval: g.interval } : {}),
            ...(g.query_offset && !wellOrdered ? { query_offset: g.query_offset } : {}),
            ...(g.limit ? { limit: g.limit } : {}),
            rules: g.rules,
          }));
          // Mostly reference a record written by an earlier rule (the common, fast case); sometimes any.
          const earlier: string[] = [];
          for (const g of groups)
            g.rules = g.rules.map((rule) => {
              const m = /REC:(r\d)/.exec(rule.expr);
              let out = rule;
              if (m) {
                const any = m[1]!;
                const own = 'record' in rule ? rule.record : '';
                const usable = earlier.filter((n) => n !== own);
                const pick =
                  usable.length && (wellOrdered || any !== 'r4')
                    ? usable[any.charCodeAt(1) % usable.length]!
                    : wellOrdered
                      ? 'g'
                      : any;
                out = { ...rule, expr: rule.expr.replace(m[0], pick) };
              }
              if (wellOrdered) {
                // Half of the cases only read what earlier rules wrote (the common, fast case):
                // no ALERTS readers, no catch-all name regex, no template queries.
                if (/ALERTS|__name__/.test(out.expr)) out = { ...out, expr: 'g' };
                if ('alert' in out && out.annotations && /query/.test(JSON.stringify(out.annotations)))
                  out = { ...out, annotations: { summary: '{{ $value }}' } };
              }
              if ('record' in out) earlier.push(out.record);
              return out;
            });
          const end = start + 25 * MIN;
          const r = run(specs, scrapeMs, groups, { start, end, alignment });
          stats.cases++;
          const wholeReason = r.fast.fallbacks.find((f) => f.scope === 'evaluation')?.reason;
          if (wholeReason) {
            stats.whole++;
            const k = wholeReason.replace(/rule \S+/g, 'rule X').replace(/\d+ms/g, 'Nms');
            reasons.set(k, (reasons.get(k) ?? 0) + 1);
          } else {
            const rules = groups.reduce((n, g) => n + g.rules.length, 0);
            const perRule = r.fast.fallbacks.filter((f) => f.scope === 'rule').length;
            stats.ruleFallbacks += perRule;
            stats.rangeRules += rules - perRule;
          }
          expect(r.fast.errors).toEqual(r.slow.errors);
          expect(r.fast.timeline).toEqual(r.slow.timeline);
          expect(r.fast.evaluations).toBe(r.slow.evaluations);
          expect(r.fastDump).toEqual(r.slowDump);
          expect(r.fastInfos).toEqual(r.slowInfos);
        },
      ),
      { numRuns: Number(process.env.ALERTCRAFT_FAST_RULES_RUNS ?? 200) },
    );
    console.log(
      `evaluateRulesRange equivalence: ${stats.cases} cases, 0 differences; whole-evaluation fallbacks ${stats.whole}; ` +
        `rules on range queries ${stats.rangeRules}, rules on per-step fallback ${stats.ruleFallbacks}`,
    );
    console.log('whole-evaluation fallback reasons:', Object.fromEntries([...reasons].sort((a, b) => b[1] - a[1])));
    expect(stats.rangeRules).toBeGreaterThan(0);
  });

  it('evaluates a recording chain and an ALERTS reader on range queries (no fallback)', () => {
    const specs: SeriesSpec[] = [
      {
        metric: 'c',
        job: 'a',
        instance: '1',
        steps: Array.from({ length: 30 }, (_, i) => ({ kind: 'v' as const, d: i % 7 })),
      },
      {
        metric: 'g',
        job: 'a',
        instance: '1',
        steps: Array.from({ length: 30 }, (_, i) =>
          i === 12 ? { kind: 'stale' as const } : { kind: 'v' as const, d: i % 9 },
        ),
      },
    ];
    const groups: RuleGroupInput[] = [
      {
        name: 'rec',
        rules: [
          { record: 'job:c:rate2m', expr: 'sum by (job) (rate(c[2m]))' },
          { record: 'job:g:max', expr: 'max by (job) (g)' },
        ],
      },
      {
        name: 'alerts',
        rules: [
          {
            alert: 'High',
            expr: 'job:g:max > 4',
            for: '1m',
            keep_firing_for: '2m',
            labels: { severity: '{{ if gt $value 6.0 }}page{{ else }}ticket{{ end }}' },
          },
          { record: 'firing:count', expr: 'count(ALERTS{alertstate="firing"})' },
        ],
      },
    ];
    const r = run(specs, 60_000, groups, { start: 0, end: 29 * MIN, alignment: 'start' });
    expect(r.fast.fallbacks).toEqual([]);
    expect(r.slow.timeline.length).toBeGreaterThan(0);
    expect(r.fast.timeline).toEqual(r.slow.timeline);
    expect(r.fastDump).toEqual(r.slowDump);
    expect(r.fastInfos).toEqual(r.slowInfos);
  });

  it('falls back to per-step order when a rule reads a recording rule of a later group', () => {
    const specs: SeriesSpec[] = [
      {
        metric: 'g',
        job: 'a',
        instance: '1',
        steps: Array.from({ length: 12 }, (_, i) => ({ kind: 'v' as const, d: i })),
      },
    ];
    const groups: RuleGroupInput[] = [
      { name: 'early', rules: [{ alert: 'Late', expr: 'later > 5' }] },
      { name: 'late', rules: [{ record: 'later', expr: 'g' }] },
    ];
    const r = run(specs, 60_000, groups, { start: 0, end: 11 * MIN, alignment: 'start' });
    expect(r.fast.fallbacks).toEqual([
      { scope: 'evaluation', reason: 'rule Late reads later, written by the later rule later' },
    ]);
    // Per-step: the alert sees `later` from the previous minute, so it goes active one evaluation after g > 5.
    expect(r.slow.timeline[0]!.activeAt).toBe(7 * MIN);
    expect(r.fast.timeline).toEqual(r.slow.timeline);
  });

  it('falls back per rule when the range query fails (many-to-many matching at some steps) with the same per-step errors', () => {
    const specs: SeriesSpec[] = [
      { metric: 'c', job: 'a', instance: '1', steps: Array.from({ length: 10 }, () => ({ kind: 'v' as const, d: 1 })) },
      { metric: 'g', job: 'a', instance: '1', steps: Array.from({ length: 10 }, () => ({ kind: 'v' as const, d: 1 })) },
      {
        metric: 'g',
        job: 'a',
        instance: '2',
        steps: Array.from({ length: 10 }, (_, i) => (i < 5 ? { kind: 'gap' as const } : { kind: 'v' as const, d: 2 })),
      },
    ];
    const groups: RuleGroupInput[] = [{ name: 'g', rules: [{ record: 'ratio', expr: 'c / on(job) g' }] }];
    const r = run(specs, 60_000, groups, { start: 0, end: 9 * MIN, alignment: 'start' });
    expect(r.fast.fallbacks.map((f) => f.scope)).toEqual(['rule']);
    expect(r.slow.errors.length).toBeGreaterThan(0);
    expect(r.fast.errors).toEqual(r.slow.errors);
    expect(r.fastDump).toEqual(r.slowDump);
  });
  it('merges rules writing the same series in per-step order (same record, same alert name)', () => {
    const specs: SeriesSpec[] = [
      {
        metric: 'g',
        job: 'a',
        instance: '1',
        steps: Array.from({ length: 15 }, (_, i) => ({ kind: 'v' as const, d: i % 5 })),
      },
      {
        metric: 'g',
        job: 'b',
        instance: '1',
        steps: Array.from({ length: 15 }, (_, i) =>
          i % 4 === 0 ? { kind: 'gap' as const } : { kind: 'v' as const, d: 9 - (i % 7) },
        ),
      },
    ];
    const groups: RuleGroupInput[] = [
      {
        name: 'one',
        rules: [
          { record: 'same', expr: 'g' },
          { alert: 'Dup', expr: 'g > 2', for: '1m', labels: { severity: 'page' } },
        ],
      },
      {
        name: 'two',
        interval: '2m',
        rules: [
          { record: 'same', expr: 'g * 2 > 3' },
          { alert: 'Dup', expr: 'g > 1', labels: { severity: 'page' } },
          { record: 'reader', expr: 'sum(same) + count(ALERTS)' },
        ],
      },
    ];
    const r = run(specs, 60_000, groups, { start: 0, end: 14 * MIN, alignment: 'start' });
    expect(r.fast.fallbacks).toEqual([]);
    expect(r.fast.timeline).toEqual(r.slow.timeline);
    expect(r.fastDump).toEqual(r.slowDump);
    expect(r.fastInfos).toEqual(r.slowInfos);
  });

  it('keeps range queries when rules share a record name but fix different labels (one group per SLO)', () => {
    const specs: SeriesSpec[] = [
      {
        metric: 'c',
        job: 'a',
        instance: '1',
        steps: Array.from({ length: 20 }, (_, i) => ({ kind: 'v' as const, d: i % 3 })),
      },
      {
        metric: 'c',
        job: 'b',
        instance: '1',
        steps: Array.from({ length: 20 }, (_, i) => ({ kind: 'v' as const, d: (i * 7) % 5 })),
      },
    ];
    const slo = (name: string, job: string): RuleGroupInput => ({
      name: `slo-${name}`,
      rules: [
        { record: 'slo:ratio:rate2m', expr: `sum(rate(c{job="${job}"}[2m]))`, labels: { slo: name } },
        {
          record: 'slo:ratio:max5m',
          expr: `max_over_time(slo:ratio:rate2m{slo="${name}"}[5m])`,
          labels: { slo: name },
        },
        { alert: 'Burn', expr: `slo:ratio:max5m{slo="${name}"} > 0.02`, labels: { slo: name } },
      ],
    });
    const groups = [slo('a', 'a'), slo('b', 'b')];
    const r = run(specs, 60_000, groups, { start: 0, end: 19 * MIN, alignment: 'start' });
    expect(r.fast.fallbacks).toEqual([]);
    expect(r.slow.timeline.length).toBeGreaterThan(0);
    expect(r.fast.timeline).toEqual(r.slow.timeline);
    expect(r.fastDump).toEqual(r.slowDump);
    expect(r.fastInfos).toEqual(r.slowInfos);

    // Without the label that tells them apart, the first group's reader also reads what the second
    // group writes later in the same step: the per-step path.
    const unlabeled = groups.map((g) => ({
      ...g,
      rules: g.rules.map((rule) => ({ ...rule, labels: undefined, expr: rule.expr.replace(/\{slo="\w"\}/, '') })),
    }));
    const u = run(specs, 60_000, unlabeled, { start: 0, end: 19 * MIN, alignment: 'start' });
    expect(u.fast.fallbacks).toEqual([
      {
        scope: 'evaluation',
        reason: 'rule slo:ratio:max5m reads slo:ratio:rate2m, written by the later rule slo:ratio:rate2m',
      },
    ]);
    expect(u.fastDump).toEqual(u.slowDump);
  });

  it('replays an alert whose annotation queries the storage step by step (sees its own ALERTS as live)', () => {
    const specs: SeriesSpec[] = [
      {
        metric: 'g',
        job: 'a',
        instance: '1',
        steps: Array.from({ length: 15 }, (_, i) => ({ kind: 'v' as const, d: i % 6 })),
      },
    ];
    const groups: RuleGroupInput[] = [
      { name: 'rec', rules: [{ record: 'gg', expr: 'g + 1' }] },
      {
        name: 'alerts',
        rules: [
          {
            alert: 'Q',
            expr: 'gg > 3',
            annotations: { n: '{{ with query "count(ALERTS) + sum(gg)" }}{{ . | first | value }}{{ end }}' },
          },
        ],
      },
    ];
    const r = run(specs, 60_000, groups, { start: 0, end: 14 * MIN, alignment: 'start' });
    expect(r.fast.fallbacks).toEqual([]);
    expect(r.slow.timeline.length).toBeGreaterThan(1);
    expect(r.fast.timeline).toEqual(r.slow.timeline);
    expect(r.fastDump).toEqual(r.slowDump);
    expect(r.fastInfos).toEqual(r.slowInfos);
  });
  it('keeps the per-step order of alerts activated at the same evaluation (range series order differs)', () => {
    const flat = (n: number) => Array.from({ length: n }, () => ({ kind: 'v' as const, d: 0 }));
    const late = (n: number) =>
      Array.from({ length: n }, (_, i) => (i < 6 ? { kind: 'gap' as const } : { kind: 'v' as const, d: 3 }));
    const specs: SeriesSpec[] = [
      { metric: 'c', job: 'a', instance: '1', steps: flat(4) },
      { metric: 'c', job: 'b', instance: '1', steps: late(12) },
      { metric: 'c', job: 'a', instance: '2', steps: late(12) },
    ];
    const groups: RuleGroupInput[] = [
      { name: 'g', rules: [{ alert: 'Moving', expr: 'sum by (job) (rate(c[2m])) > 0' }] },
    ];
    const r = run(specs, 60_000, groups, { start: 0, end: 11 * MIN, alignment: 'start' });
    // Per step, job b's group comes first at 7m (c{instance="1",job="a"} has no samples in the window any more).
    expect(r.slow.timeline.map((a) => [a.activeAt, a.labels.job])).toEqual([
      [7 * MIN, 'b'],
      [7 * MIN, 'a'],
    ]);
    expect(r.fast.fallbacks).toEqual([]);
    expect(r.fast.timeline).toEqual(r.slow.timeline);
    expect(r.fastInfos).toEqual(r.slowInfos);
  });
});
