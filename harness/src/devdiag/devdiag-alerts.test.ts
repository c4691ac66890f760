// Seed 004's five DevDiag alerts evaluated in-process over the `devdiag` scenario, against the real
// Postgres (own databases, dropped after) and PGlite: Grafana's query → reduce → threshold → state
// machine (grafana-json's evaluator) over the SQL, checked against (1) the incidents' ground truth and
// (2) an independent reference: the same five metrics computed in TypeScript from the scenario's rows.
import { queryFunction, type QueryFn } from '@alertcraft/health-score';
import { devdiagAlertGroup, evaluationTimes, groupEvaluator, type StateTransition } from '@alertcraft/grafana-json';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { needPostgres } from '../../../test-support/requirements.js';
import { migrateDevdiag } from './migrate.js';
import { DEVDIAG_INCIDENT_ALERT, devdiagScenario, devdiagWriter, type DevdiagScenario } from './scenario.js';

const postgres = await needPostgres();
const ADMIN_URL = postgres.value ?? 'postgres://postgres@127.0.0.1:5432/test';
const TAG = `${process.pid}_${Date.now().toString(36)}`;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const group = devdiagAlertGroup();
const iso = (ms: number) => new Date(ms).toISOString();

interface Db {
  query: QueryFn;
  close: () => Promise<void>;
}

/** Replays the scenario: write what happened up to each evaluation, then evaluate the group. */
async function replay(db: Db, scenario: DevdiagScenario): Promise<StateTransition[]> {
  await migrateDevdiag(db.query);
  const write = devdiagWriter(scenario, db.query);
  const evaluator = groupEvaluator(group, { 'devdiag-postgres': (sql) => db.query(sql) });
  const out: StateTransition[] = [];
  for (const t of evaluationTimes(group, scenario.evalStartMs, scenario.endMs)) {
    await write(t);
    out.push(...(await evaluator.evaluate(t)));
  }
  return out;
}

// ---- the reference: each alert's metric at t from the scenario's rows, in TypeScript ----

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const k = (s.length - 1) / 2;
  return s[Math.floor(k)]! + (s[Math.ceil(k)]! - s[Math.floor(k)]!) * (k - Math.floor(k));
}

/** true: condition holds; false: it does not; null: no data. */
function referenceCondition(s: DevdiagScenario, uid: string, t: number): boolean | null {
  const within = (x: number, w: number) => x >= t - w && x <= t;
  switch (uid) {
    case 'devdiag-confidence-drop': {
      const c = s.suggestions.filter((x) => within(x.ts, DAY)).map((x) => x.confidence);
      return c.length ? c.reduce((a, b) => a + b, 0) / c.length < 0.7 : null;
    }
    case 'devdiag-high-diversity':
      return new Set(s.occurrences.filter((o) => within(o.ts, DAY)).map((o) => o.code)).size > 10;
    case 'devdiag-runs-stalled':
      return s.runs.some((r) => within(r.ts, 2 * HOUR)) ? false : null;
    case 'devdiag-top-problem-dominates': {
      const n = new Map<string, number>();
      for (const o of s.occurrences) if (within(o.ts, DAY)) n.set(o.code, (n.get(o.code) ?? 0) + 1);
      const total = [...n.values()].reduce((a, b) => a + b, 0);
      return total ? Math.max(...n.values()) / total > 0.2 : null;
    }
    case 'devdiag-ttr-regression': {
      const d = s.occurrences.filter((o) => within(o.resolvedAt, 3 * DAY)).map((o) => (o.resolvedAt - o.ts) / DAY);
      return d.length ? median(d) > 2 : null;
    }
    default:
      throw new Error(uid);
  }
}

/** Firing intervals [from, to) the reference expects: condition (or NoData → Alerting) held for `for`. */
function referenceFiring(s: DevdiagScenario, uid: string): Array<[number, number | null]> {
  const rule = group.rules.find((r) => r.uid === uid)!;
  const out: Array<[number, number | null]> = [];
  let since: number | null = null;
  let sinceNoData: boolean | null = null;
  let firing = false;
  for (const t of evaluationTimes(group, s.evalStartMs, s.endMs)) {
    const c = referenceCondition(s, uid, t);
    if (c === null && rule.noDataState !== 'Alerting') throw new Error(`${uid}: reference has no data at ${iso(t)}`);
    const breach = c !== false;
    if (!breach) {
      if (firing) out[out.length - 1]![1] = t;
      since = null;
      firing = false;
      continue;
    }
    const noData = c === null;
    if (since === null || sinceNoData !== noData) {
      // a new reason restarts the pending period
      since = t;
      sinceNoData = noData;
      if (firing) out[out.length - 1]![1] = t;
      firing = false;
    }
    if (!firing && t - since >= rule.forSeconds * 1000) {
      firing = true;
      out.push([t, null]);
    }
  }
  return out;
}

/** Alerting intervals [from, to) of each rule in the evaluator's transitions. */
function firingIntervals(transitions: readonly StateTransition[]): Record<string, Array<[number, number | null]>> {
  const out: Record<string, Array<[number, number | null]>> = {};
  for (const tr of transitions) {
    const list = (out[tr.ruleUid] ??= []);
    if (tr.from === 'Alerting') list[list.length - 1]![1] = tr.atMs;
    if (tr.to === 'Alerting') list.push([tr.atMs, null]);
  }
  return out;
}

const fmt = (xs: Array<[number, number | null]> | undefined) =>
  (xs ?? []).map(([a, b]) => `${iso(a)} .. ${b === null ? 'end' : iso(b)}`);

function suite(name: string, enabled: boolean, open: (label: string) => Promise<Db>) {
  describe.skipIf(!enabled)(`DevDiag alerts over the devdiag scenario on ${name}`, () => {
    const opened: Db[] = [];
    afterAll(async () => {
      for (const db of opened) await db.close();
    });
    const openDb = async (label: string) => {
      const db = await open(label);
      opened.push(db);
      return db;
    };

    it('healthy data fires nothing: no Pending, no NoData, no Error, in 4 days of evaluations', async () => {
      const scenario = devdiagScenario({ incidents: false });
      const transitions = await replay(await openDb('healthy'), scenario);
      expect(transitions.map((t) => `${iso(t.atMs)} ${t.ruleUid} ${t.from} -> ${t.to}`)).toEqual([]);
      for (const rule of group.rules) expect(referenceFiring(scenario, rule.uid!)).toEqual([]);
    }, 600_000);

    it('each injected incident fires its own alert, at the evaluation the reference computes', async () => {
      const scenario = devdiagScenario();
      const transitions = await replay(await openDb('incidents'), scenario);
      const firing = firingIntervals(transitions);
      for (const rule of group.rules) {
        expect({ rule: rule.uid, firing: fmt(firing[rule.uid!]) }).toEqual({
          rule: rule.uid,
          firing: fmt(referenceFiring(scenario, rule.uid!)),
        });
      }
      // ground truth: every alert fires, only while (or after) its own incident, within a day of its end
      for (const incident of scenario.incidents) {
        const uid = DEVDIAG_INCIDENT_ALERT[incident.kind];
        const list = firing[uid] ?? [];
        expect(list.length, `${incident.kind} fires ${uid}`).toBeGreaterThan(0);
        for (const [from] of list) {
          expect(from).toBeGreaterThanOrEqual(incident.startMs);
          expect(from).toBeLessThanOrEqual(incident.endMs + DAY);
        }
      }
      expect(Object.keys(firing).sort()).toEqual(Object.values(DEVDIAG_INCIDENT_ALERT).sort());
      // runs stalled: NoData → Pending → Alerting (reason NoData) 2 h after the last run plus `for`, and
      // back to Normal at the first evaluation after runs resume
      const stalled = scenario.incidents.find((i) => i.kind === 'runs-stalled')!;
      const lastRun = Math.max(...scenario.runs.filter((r) => r.ts < stalled.startMs).map((r) => r.ts));
      const firstNoData = evaluationTimes(group, lastRun + 2 * HOUR + 1, scenario.endMs)[0]!;
      const firstRun = Math.min(...scenario.runs.filter((r) => r.ts >= stalled.endMs).map((r) => r.ts));
      const resumed = evaluationTimes(group, firstRun, scenario.endMs)[0]!;
      expect(
        transitions
          .filter((t) => t.ruleUid === 'devdiag-runs-stalled')
          .map((t) => [
            iso(t.atMs),
            `${t.from}${t.fromReason ? ` (${t.fromReason})` : ''}`,
            `${t.to}${t.reason ? ` (${t.reason})` : ''}`,
          ]),
      ).toEqual([
        [iso(firstNoData), 'Normal', 'Pending (NoData)'],
        [iso(firstNoData + 300_000), 'Pending (NoData)', 'Alerting (NoData)'],
        [iso(resumed), 'Alerting (NoData)', 'Normal'],
      ]);
    }, 600_000);
  });
}

suite('Postgres', postgres.ok, async (label) => {
  const name = `devdiag_alerts_${label}_${TAG}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const u = new URL(ADMIN_URL);
  u.pathname = `/${name}`;
  const client = new pg.Client({ connectionString: u.toString() });
  await client.connect();
  return {
    query: queryFunction(client),
    close: async () => {
      await client.end().catch(() => undefined);
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => undefined);
      await admin.end();
    },
  };
});

suite('PGlite', true, async () => {
  const db = new PGlite();
  return { query: queryFunction(db), close: () => db.close() };
});
