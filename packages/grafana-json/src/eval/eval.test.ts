// The in-process evaluator's semantics, case by case, as Grafana 11.2's ngalert eval/state tests
// pin them (pkg/services/ngalert/eval/eval_test.go, state/state_test.go): the macro expansion is
// Grafana's documented example for the Postgres datasource.
import { describe, expect, it } from 'vitest';
import { dataQuery, reduce, threshold } from '../alerts/expressions.js';
import type { GrafanaAlertRule } from '../alerts/types.js';
import { evaluateRule, rowsToSeries, type SqlQueryFn } from './evaluate-rule.js';
import { expandSqlMacros } from './sql-macros.js';
import { RuleStateMachine } from './state.js';

const DS = { type: 'grafana-postgresql-datasource', uid: 'pg' };

function rule(over: Partial<GrafanaAlertRule> = {}): GrafanaAlertRule {
  return {
    uid: 'r',
    title: 'r',
    condition: 'C',
    data: [
      dataQuery(
        'A',
        DS,
        { rawSql: 'SELECT value FROM t WHERE $__timeFilter(ts)', format: 'table' },
        { from: 300, to: 0 },
      ),
      reduce('B', 'A', 'last'),
      threshold('C', 'B', { type: 'gt', params: [10] }),
    ],
    forSeconds: 600,
    noDataState: 'NoData',
    execErrState: 'Error',
    isPaused: false,
    ...over,
  };
}

/** A datasource answering each evaluation from a list (rows, or an Error to throw). */
function scripted(answers: Array<Record<string, unknown>[] | Error>): { ds: SqlQueryFn; seen: string[] } {
  const seen: string[] = [];
  let i = 0;
  return {
    seen,
    ds: async (sql) => {
      seen.push(sql);
      const a = answers[i++];
      if (a instanceof Error) throw a;
      return { rows: a ?? [] };
    },
  };
}

const T0 = Date.UTC(2017, 3, 21, 5, 6, 17);

describe('SQL macros', () => {
  it("expands $__timeFilter as Grafana's docs show, and the other time macros", () => {
    const range = { fromMs: T0 - 300_000, toMs: T0 };
    expect(expandSqlMacros('WHERE $__timeFilter(dateColumn)', range)).toBe(
      "WHERE dateColumn BETWEEN '2017-04-21T05:01:17Z' AND '2017-04-21T05:06:17Z'",
    );
    expect(expandSqlMacros('$__timeFrom() $__timeTo() $__unixEpochFrom() $__unixEpochFilter(t)', range)).toBe(
      "'2017-04-21T05:01:17Z' '2017-04-21T05:06:17Z' 1492750877 t >= 1492750877 AND t <= 1492751177",
    );
    expect(() => expandSqlMacros('SELECT $__timeGroup(ts, 5m)', range)).toThrow(/undefined macro \$__timeGroup/);
  });
});

describe('one evaluation', () => {
  it('rows to series: numeric columns are values (pg bigint strings too), text columns labels, time orders', () => {
    expect(
      rowsToSeries([
        { time: new Date(2000), env: 'ci', value: '7' },
        { time: new Date(1000), env: 'ci', value: 3 },
        { time: new Date(1000), env: 'prod', value: null },
      ]),
    ).toEqual([
      { labels: { env: 'ci' }, values: [3, 7] },
      { labels: { env: 'prod' }, values: [null] },
    ]);
  });

  it('0 is Normal, non-zero Alerting, NaN (strict reduce over a null) Alerting, no rows NoData, a failing query Error', async () => {
    const { ds, seen } = scripted([
      [{ value: 5 }],
      [{ value: 11 }],
      [{ value: null }],
      [],
      new Error('relation "t" does not exist'),
    ]);
    const states = [];
    for (let i = 0; i < 5; i++) states.push((await evaluateRule(rule(), T0, { pg: ds })).results);
    expect(states.map((r) => r.map((x) => x.state))).toEqual([
      ['Normal'],
      ['Alerting'],
      ['Alerting'],
      ['NoData'],
      ['Error'],
    ]);
    expect(states[1]![0]!.values).toEqual({ B: 11, C: 1 });
    expect(states[3]![0]!.labels).toEqual({ datasource_uid: 'pg', ref_id: 'A' });
    expect(states[4]![0]!.error).toBe('A: query failed: relation "t" does not exist');
    expect(seen[0]).toBe("SELECT value FROM t WHERE ts BETWEEN '2017-04-21T05:01:17Z' AND '2017-04-21T05:06:17Z'");
  });

  it('a datasource that is not attached is an Error naming it', async () => {
    const r = await evaluateRule(rule(), T0, {});
    expect(r.error).toBe('A: no datasource with uid "pg" is attached');
  });
});

describe('state machine', () => {
  const run = async (r: GrafanaAlertRule, answers: Array<Record<string, unknown>[] | Error>) => {
    const { ds } = scripted(answers);
    const m = new RuleStateMachine(r, 60);
    const out: string[] = [];
    for (let i = 0; i < answers.length; i++) {
      for (const t of m.apply(await evaluateRule(r, T0 + i * 60_000, { pg: ds })))
        out.push(
          `${i}: ${t.from}${t.fromReason ? `(${t.fromReason})` : ''} -> ${t.to}${t.reason ? `(${t.reason})` : ''}`,
        );
    }
    return out;
  };
  const hi = [{ value: 20 }];
  const lo = [{ value: 1 }];

  it('Pending until `for` has elapsed, then Alerting; Normal resolves it', async () => {
    expect(await run(rule({ forSeconds: 120 }), [lo, hi, hi, hi, lo])).toEqual([
      '1: Normal -> Pending',
      '3: Pending -> Alerting',
      '4: Alerting -> Normal',
    ]);
    expect(await run(rule({ forSeconds: 0 }), [hi])).toEqual(['0: Normal -> Alerting']);
  });

  it('NoData with noDataState Alerting goes through Pending (NoData); real data restarts the pending period', async () => {
    expect(await run(rule({ forSeconds: 120, noDataState: 'Alerting' }), [lo, [], [], [], hi, hi, hi])).toEqual([
      '1: Normal -> Pending(NoData)',
      '3: Pending(NoData) -> Alerting(NoData)',
      '4: Alerting(NoData) -> Pending',
      '6: Pending -> Alerting',
    ]);
  });

  it('noDataState OK is Normal (NoData); NoData puts a NoData instance and the old one goes stale', async () => {
    expect(await run(rule({ noDataState: 'OK' }), [lo, []])).toEqual(['1: Normal -> Normal(NoData)']);
    // the {} instance (Normal) is dropped silently after two intervals; the NoData instance is new
    expect(await run(rule({ noDataState: 'NoData', forSeconds: 0 }), [hi, [], [], []])).toEqual([
      '0: Normal -> Alerting',
      '1: Normal -> NoData',
      '2: Alerting -> Normal(MissingSeries)',
    ]);
  });

  it('execErrState Error is an Error state; Alerting goes through Pending (Error)', async () => {
    const boom = new Error('boom');
    expect(await run(rule({ forSeconds: 0 }), [lo, boom, lo])).toEqual(['1: Normal -> Error', '2: Error -> Normal']);
    expect(await run(rule({ forSeconds: 60, execErrState: 'Alerting' }), [lo, boom, boom])).toEqual([
      '1: Normal -> Pending(Error)',
      '2: Pending(Error) -> Alerting(Error)',
    ]);
  });
});
