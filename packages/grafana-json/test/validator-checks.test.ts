/** Each cross-field check of the validator catches its mistake at the right JSON path, and only that. */
import { describe, expect, it } from 'vitest';
import {
  dashboard,
  datasourceIndex,
  devdiagAlertGroup,
  layout,
  row,
  stat,
  timeseries,
  validateDocument,
  writeAlertDocument,
  type Problem,
} from '../src/index.js';

const codes = (ps: Problem[]) => ps.map((p) => [p.code, p.path]);
const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v));

function base() {
  return dashboard({
    uid: 'checks',
    title: 'Checks',
    panels: [stat('A'), stat('B'), row('R', [stat('C'), stat('D')], { collapsed: true })],
  });
}

describe('dashboard checks', () => {
  it('starts clean', () => expect(validateDocument(base()).problems).toEqual([]));

  it('duplicate panel ids, inside collapsed rows too', () => {
    const d = clone(base()) as { panels: Array<{ id: number; panels?: Array<{ id: number }> }> };
    d.panels[2].panels![1].id = d.panels[0].id;
    expect(codes(validateDocument(d).problems)).toEqual([['grafana/duplicate-panel-id', '$.panels[2].panels[1].id']]);
  });

  it('overlapping grid positions', () => {
    const d = clone(base()) as { panels: Array<{ gridPos: { x: number } }> };
    d.panels[1].gridPos.x = 3;
    expect(codes(validateDocument(d).problems)).toEqual([['grafana/grid-overlap', '$.panels[1].gridPos']]);
  });

  it('uid longer than 40 or outside [A-Za-z0-9_-]', () => {
    expect(codes(validateDocument({ ...base(), uid: 'x'.repeat(41) }).problems)).toEqual([
      ['grafana/uid-length', '$.uid'],
    ]);
    expect(codes(validateDocument({ ...base(), uid: 'launch/exec' }).problems)).toEqual([
      ['grafana/uid-characters', '$.uid'],
    ]);
  });

  it('an expanded row holding panels, and a panel past the 24 columns', () => {
    const d = clone(base()) as unknown as { panels: Array<Record<string, unknown>> };
    d.panels[2].collapsed = false;
    (d.panels[0].gridPos as { x: number }).x = 20;
    expect(codes(validateDocument(d).problems)).toEqual([
      ['grafana/grid-overflow', '$.panels[0].gridPos'],
      ['grafana/expanded-row-panels', '$.panels[2].panels'],
    ]);
  });

  it('a datasource of another type than the datasources file says', () => {
    const d = dashboard({
      uid: 'ds',
      title: 'DS',
      panels: [timeseries('T', { datasource: { type: 'loki', uid: 'p1' }, targets: [{ expr: 'up' }] })],
    });
    const ps = validateDocument(d, { datasources: datasourceIndex([{ uid: 'p1', type: 'prometheus' }]) }).problems;
    expect(codes(ps)).toEqual([
      ['grafana/datasource-type', '$.panels[0].datasource.type'],
      ['grafana/datasource-type', '$.panels[0].targets[0].datasource.type'],
    ]);
  });

  it('layout never overlaps, whatever the sizes', () => {
    const sizes = [
      [24, 3],
      [5, 9],
      [19, 2],
      [12, 8],
      [13, 1],
      [1, 1],
      [24, 1],
      [7, 7],
    ];
    const panels = layout([
      ...sizes.map(([w, h], i) => stat(`p${i}`, { w, h })),
      row(
        'r',
        sizes.map(([w, h], i) => stat(`q${i}`, { w, h })),
      ),
    ]);
    expect(validateDocument({ ...base(), panels }).problems).toEqual([]);
  });

  it('an import body with an instance id, and a dashboard meant for an alert endpoint', () => {
    const ps = validateDocument({ dashboard: { ...base(), id: 12 }, overwrite: true }).problems;
    expect(codes(ps)).toEqual([['grafana/dashboard-id', '$.dashboard.id']]);
    expect(codes(validateDocument(base(), { kind: 'ruler' }).problems)).toEqual([['grafana/wrong-shape', '$']]);
  });
});

describe('alert checks', () => {
  const group = devdiagAlertGroup();
  const file = () =>
    clone(writeAlertDocument([group], 'file')) as {
      groups: Array<Record<string, unknown> & { rules: Array<Record<string, unknown>> }>;
    };
  const ruler = () =>
    clone(writeAlertDocument([group], 'ruler')) as {
      interval: unknown;
      rules: Array<{ grafana_alert: Record<string, unknown> }>;
    };
  const api = () =>
    clone(writeAlertDocument([group], 'provisioning-api')) as {
      interval: unknown;
      rules: Array<Record<string, unknown>>;
    };

  it("group interval 0 or not a multiple of 10 s, in each shape's spelling", () => {
    const f = file();
    f.groups[0].interval = '0s';
    expect(codes(validateDocument(f).problems)).toEqual([['grafana/interval-zero', '$.groups[0].interval']]);
    const r = ruler();
    r.interval = '45s';
    expect(codes(validateDocument(r).problems)).toEqual([['grafana/interval-tick', '$.interval']]);
    const a = api();
    a.interval = '1m';
    expect(codes(validateDocument(a).problems)).toEqual([['grafana/interval', '$.interval']]);
  });

  it('a group without a name, and a rule whose group differs from its group body', () => {
    const f = file();
    delete f.groups[0].name;
    expect(codes(validateDocument(f).problems)).toEqual([['grafana/missing-rule-group', '$.groups[0].name']]);
    const a = api();
    a.rules[1].ruleGroup = 'other';
    expect(codes(validateDocument(a).problems)).toEqual([['grafana/group-mismatch', '$.rules[1].ruleGroup']]);
  });

  it('a condition or an expression input naming no refId, duplicate refIds', () => {
    const r = ruler();
    r.rules[0].grafana_alert.condition = 'D';
    const data = r.rules[1].grafana_alert.data as Array<{ refId: string; model: Record<string, unknown> }>;
    data[2].model.expression = 'Z';
    const d3 = r.rules[2].grafana_alert.data as Array<{ refId: string }>;
    d3[1].refId = 'A';
    expect(codes(validateDocument(r).problems)).toEqual([
      ['grafana/condition-ref-id', '$.rules[0].grafana_alert.condition'],
      ['grafana/unknown-ref-id', '$.rules[1].grafana_alert.data[2].model'],
      ['grafana/duplicate-ref-id', '$.rules[2].grafana_alert.data[1].refId'],
      ['grafana/unknown-ref-id', '$.rules[2].grafana_alert.data[2].model'],
    ]);
  });

  it('snake_case keys outside the ruler, Grafana 12 keys, states 11.2 does not have', () => {
    const f = file();
    const r0 = f.groups[0].rules[0];
    r0.no_data_state = r0.noDataState;
    delete r0.noDataState;
    f.groups[0].rules[1].missing_series_evals_to_resolve = 2;
    f.groups[0].rules[2].noDataState = 'KeepLast';
    expect(codes(validateDocument(f).problems)).toEqual([
      ['grafana/snake-case', '$.groups[0].rules[0].no_data_state'],
      ['grafana/missing-state', '$.groups[0].rules[0].noDataState'],
      ['grafana/ignored-by-11.2', '$.groups[0].rules[1].missing_series_evals_to_resolve'],
      ['grafana/state', '$.groups[0].rules[2].noDataState'],
    ]);
  });

  it('a Prometheus rule in a ruler body, and an export meant for the ruler', () => {
    const r = ruler() as unknown as { rules: Array<Record<string, unknown>> };
    r.rules[0] = { alert: 'X', expr: 'up == 0', for: '5m' };
    expect(codes(validateDocument(r).problems)).toEqual([['grafana/not-grafana-rule', '$.rules[0].grafana_alert']]);
    expect(codes(validateDocument(file(), { kind: 'ruler' }).problems)).toEqual([['grafana/wrong-shape', '$']]);
  });
});
