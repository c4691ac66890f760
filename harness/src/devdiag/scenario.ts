/**
 * The `devdiag` scenario: synthetic DevDiag pipeline runs, problems and fix suggestions over a few
 * days, deterministic from a seed, with injected incidents as ground truth (runs stalled,
 * confidence drop, diversity surge, one problem dominating, time-to-resolution regression).
 *
 * Healthy behaviour: a run every 10 minutes (0–2 min jitter) over three environments; each run
 * finds one of 8 problems (a seeded shuffle per 8 runs, so each problem is ~1/8 of all); each
 * occurrence gets a fix suggestion a minute later with confidence 0.75–0.95 and is resolved 30–90
 * minutes after it was found. Rows are written to the database as simulated time passes
 * (`writeUntil`), so at each evaluation instant the database holds exactly what a real one would:
 * no run from the future, no resolution before it happened.
 */
import type { QueryFn } from '@alertcraft/health-score';
import { createRng } from '../scenario/prng.js';
import { DEVDIAG_SCHEMA as S } from './schema.js';

const MIN = 60_000;
const HOUR = 60 * MIN;

export const DEVDIAG_PROBLEMS = ['dns', 'tls', 'disk', 'oom', 'proxy', 'cache', 'auth', 'quota'] as const;
/** Problem kinds that only appear in a diversity surge. */
export const DEVDIAG_SURGE_PROBLEMS = Array.from({ length: 20 }, (_, i) => `surge-${String(i + 1).padStart(2, '0')}`);
const ENVS = ['ci', 'staging', 'prod'] as const;

export type DevdiagIncidentKind =
  | 'runs-stalled'
  | 'confidence-drop'
  | 'diversity-surge'
  | 'problem-dominates'
  | 'ttr-regression';

/** Which DevDiag alert (rule uid) each incident must fire. */
export const DEVDIAG_INCIDENT_ALERT: Record<DevdiagIncidentKind, string> = {
  'runs-stalled': 'devdiag-runs-stalled',
  'confidence-drop': 'devdiag-confidence-drop',
  'diversity-surge': 'devdiag-high-diversity',
  'problem-dominates': 'devdiag-top-problem-dominates',
  'ttr-regression': 'devdiag-ttr-regression',
};

export interface DevdiagIncident {
  kind: DevdiagIncidentKind;
  /** The injected fault is active in [startMs, endMs). */
  startMs: number;
  endMs: number;
}

export interface DevdiagRun {
  id: number;
  ts: number;
  env: string;
  durationMs: number;
}
export interface DevdiagOccurrence {
  runId: number;
  code: string;
  ts: number;
  resolvedAt: number;
}
export interface DevdiagSuggestion {
  code: string;
  ts: number;
  confidence: number;
}

export interface DevdiagScenario {
  seed: number | string;
  /** Data starts here (history before the first evaluation). */
  historyStartMs: number;
  /** Evaluations run over [evalStartMs, endMs]. */
  evalStartMs: number;
  endMs: number;
  incidents: DevdiagIncident[];
  runs: DevdiagRun[];
  occurrences: DevdiagOccurrence[];
  suggestions: DevdiagSuggestion[];
}

export interface DevdiagScenarioOptions {
  seed?: number | string;
  /** First evaluation (default 2026-03-02T00:00:00Z); history starts `historyDays` before. */
  evalStartMs?: number;
  historyDays?: number;
  evalDays?: number;
  /** Inject the five incidents (default true); false is the healthy variant. */
  incidents?: boolean;
}

/** The five incidents, at fixed offsets (hours) from the first evaluation. */
function defaultIncidents(t0: number): DevdiagIncident[] {
  const at = (h: number) => t0 + h * HOUR;
  return [
    { kind: 'runs-stalled', startMs: at(6), endMs: at(10) },
    { kind: 'confidence-drop', startMs: at(12), endMs: at(22) },
    { kind: 'diversity-surge', startMs: at(30), endMs: at(34) },
    { kind: 'problem-dominates', startMs: at(40), endMs: at(52) },
    // problems found in this window take 60 h to resolve
    { kind: 'ttr-regression', startMs: at(-12), endMs: at(60) },
  ];
}

export function devdiagScenario(options: DevdiagScenarioOptions = {}): DevdiagScenario {
  const seed = options.seed ?? 'devdiag';
  const evalStartMs = options.evalStartMs ?? Date.UTC(2026, 2, 2);
  const historyStartMs = evalStartMs - (options.historyDays ?? 3) * 24 * HOUR;
  const endMs = evalStartMs + (options.evalDays ?? 4) * 24 * HOUR;
  const incidents = options.incidents === false ? [] : defaultIncidents(evalStartMs);
  const active = (kind: DevdiagIncidentKind, t: number) =>
    incidents.some((i) => i.kind === kind && t >= i.startMs && t < i.endMs);
  const rng = createRng(seed);
  const runs: DevdiagRun[] = [];
  const occurrences: DevdiagOccurrence[] = [];
  const suggestions: DevdiagSuggestion[] = [];
  let order: string[] = [];
  let slot = 0;
  for (let t = historyStartMs; t < endMs; t += 10 * MIN, slot++) {
    const ts = t + Math.floor(rng.next() * 120) * 1000;
    if (order.length === 0) {
      order = [...DEVDIAG_PROBLEMS];
      for (let i = order.length - 1; i > 0; i--) {
        const j = rng.int(i + 1);
        [order[i], order[j]] = [order[j]!, order[i]!];
      }
    }
    const scheduled = order.shift()!;
    const durationMs = 800 + rng.int(1200);
    const ttrNoise = rng.next();
    const confNoise = rng.next();
    const surgePick = [rng.int(20), rng.int(20), rng.int(20)];
    if (active('runs-stalled', ts)) continue;
    const id = runs.length + 1;
    runs.push({ id, ts, env: ENVS[slot % 3]!, durationMs });
    const codes = [active('problem-dominates', ts) ? 'disk' : scheduled];
    if (active('diversity-surge', ts)) for (const k of surgePick) codes.push(DEVDIAG_SURGE_PROBLEMS[k]!);
    const slow = active('ttr-regression', ts);
    for (const code of [...new Set(codes)]) {
      const ttr = slow
        ? 60 * HOUR + Math.floor((ttrNoise - 0.5) * 2 * HOUR)
        : 30 * MIN + Math.floor(ttrNoise * 60 * MIN);
      occurrences.push({ runId: id, code, ts, resolvedAt: ts + ttr });
      const confidence = active('confidence-drop', ts + MIN) ? 0.2 + 0.2 * confNoise : 0.75 + 0.2 * confNoise;
      suggestions.push({ code, ts: ts + MIN, confidence: Math.round(confidence * 1000) / 1000 });
    }
  }
  return { seed, historyStartMs, evalStartMs, endMs, incidents, runs, occurrences, suggestions };
}

/**
 * Writes a scenario into a migrated DevDiag schema as time passes: each call writes what happened in
 * (previous call, `untilMs`]: the problem kinds once, then runs, occurrences and suggestions with a
 * timestamp in the interval, and the resolutions that happened in it. One statement per query.
 */
export function devdiagWriter(scenario: DevdiagScenario, query: QueryFn) {
  let done = Number.NEGATIVE_INFINITY;
  let started = false;
  const iso = (ms: number) => new Date(ms).toISOString();
  return async function writeUntil(untilMs: number): Promise<void> {
    if (!started) {
      started = true;
      const codes = [...DEVDIAG_PROBLEMS, ...DEVDIAG_SURGE_PROBLEMS];
      await query(
        `INSERT INTO ${S}.problem (code, title, first_seen)
         SELECT c, initcap(c) || ' problem', $2::timestamptz FROM unnest($1::text[]) AS c`,
        [codes, iso(scenario.historyStartMs)],
      );
    }
    const inWindow = (t: number) => t > done && t <= untilMs;
    const runs = scenario.runs.filter((r) => inWindow(r.ts));
    if (runs.length) {
      await query(
        `INSERT INTO ${S}.diag_run (id, ts, env, status, duration_ms)
         SELECT id, ts, env, 'problems', d FROM unnest($1::bigint[], $2::timestamptz[], $3::text[], $4::int[]) AS x(id, ts, env, d)`,
        [runs.map((r) => r.id), runs.map((r) => iso(r.ts)), runs.map((r) => r.env), runs.map((r) => r.durationMs)],
      );
    }
    const found = scenario.occurrences.filter((o) => inWindow(o.ts));
    if (found.length) {
      await query(
        `INSERT INTO ${S}.diag_problem (run_id, problem_code, ts)
         SELECT r, c, ts FROM unnest($1::bigint[], $2::text[], $3::timestamptz[]) AS x(r, c, ts)`,
        [found.map((o) => o.runId), found.map((o) => o.code), found.map((o) => iso(o.ts))],
      );
    }
    const resolved = scenario.occurrences.filter((o) => inWindow(o.resolvedAt));
    if (resolved.length) {
      await query(
        `UPDATE ${S}.diag_problem p SET resolved_at = x.at
         FROM unnest($1::bigint[], $2::text[], $3::timestamptz[]) AS x(r, c, at)
         WHERE p.run_id = x.r AND p.problem_code = x.c`,
        [resolved.map((o) => o.runId), resolved.map((o) => o.code), resolved.map((o) => iso(o.resolvedAt))],
      );
    }
    const sugg = scenario.suggestions.filter((s) => inWindow(s.ts));
    if (sugg.length) {
      await query(
        `INSERT INTO ${S}.fix_suggestion (problem_code, ts, fix, confidence, applied, succeeded)
         SELECT c, ts, 'fix ' || c, conf, true, true FROM unnest($1::text[], $2::timestamptz[], $3::float8[]) AS x(c, ts, conf)`,
        [sugg.map((s) => s.code), sugg.map((s) => iso(s.ts)), sugg.map((s) => s.confidence)],
      );
    }
    done = untilMs;
  };
}
