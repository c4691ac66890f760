/**
 * Lossless conversion between the three alert shapes, as property tests over generated rule groups:
 * model → shape → model is the model (so model → A → model → B equals model → B), shape → model → shape
 * is the same document, byte for byte as JSON; plus hand-written documents in each shape.
 */
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ALERT_SHAPES,
  classicCondition,
  dataQuery,
  math,
  readAlertDocument,
  reduce,
  threshold,
  validateDocument,
  writeAlertDocument,
  type AlertQuery,
  type AlertShape,
  type GrafanaAlertRule,
  type GrafanaAlertRuleGroup,
  type ShapeContext,
} from '../src/index.js';

const uid = fc.stringMatching(/^[A-Za-z0-9_-]{1,40}$/);
const text = fc.string({ minLength: 1, maxLength: 12 }).filter((s) => s !== '__proto__');
const jsonScalar = fc.oneof(
  fc.string({ maxLength: 8 }),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.double({ noNaN: true, noDefaultInfinity: true }).filter((n) => !Object.is(n, -0)),
);
const stringMap = fc.dictionary(text, fc.string({ maxLength: 16 }), { maxKeys: 3 });
const seconds = (max: number) => fc.integer({ min: 0, max });

const query = (refId: string): fc.Arbitrary<AlertQuery> =>
  fc
    .record({
      uid,
      type: fc.constantFrom('prometheus', 'grafana-postgresql-datasource', 'loki'),
      extra: fc.dictionary(
        text.filter((k) => !['refId', 'datasource', 'intervalMs', 'maxDataPoints'].includes(k)),
        jsonScalar,
        { maxKeys: 3 },
      ),
      from: seconds(86_400),
      to: seconds(600),
      queryType: fc.option(fc.constantFrom('', 'range', 'instant'), { nil: undefined }),
    })
    .map(({ uid: dsUid, type, extra, from, to, queryType }) => {
      const q = dataQuery(refId, { type, uid: dsUid }, extra, { from: from + to, to });
      if (queryType !== undefined) q.queryType = queryType;
      return q;
    });

type Expressions = (input: string) => AlertQuery[];
const expressionChoices: Expressions[] = [
  (a) => [reduce('B', a, 'last'), threshold('C', 'B', { type: 'gt', params: [1] })],
  (a) => [reduce('B', a, 'mean', 'replaceNN', 0), math('C', '$B > 10 && $B < 20')],
  (a) => [reduce('B', a, 'max', 'dropNN'), threshold('C', 'B', { type: 'within_range', params: [1, 5] })],
  (a) => [classicCondition('C', [{ refId: a, reducer: 'avg', evaluator: { type: 'lt', params: [0.7] } }])],
];
const expressions = fc.integer({ min: 0, max: expressionChoices.length - 1 }).map((i) => expressionChoices[i]);

const rule: fc.Arbitrary<GrafanaAlertRule> = fc
  .record({
    uid: fc.option(uid, { nil: undefined }),
    title: text,
    q: query('A'),
    expr: expressions,
    forSeconds: seconds(7 * 86_400),
    noDataState: fc.constantFrom('NoData', 'Alerting', 'OK' as const),
    execErrState: fc.constantFrom('Error', 'Alerting', 'OK' as const),
    isPaused: fc.boolean(),
    labels: fc.option(stringMap, { nil: undefined }),
    annotations: fc.option(stringMap, { nil: undefined }),
    receiver: fc.option(text, { nil: undefined }),
  })
  .map(({ q, expr, receiver, uid: u, labels, annotations, ...r }) => {
    const out: GrafanaAlertRule = { ...r, condition: 'C', data: [q, ...expr('A')] } as GrafanaAlertRule;
    if (u !== undefined) out.uid = u;
    if (labels !== undefined) out.labels = labels;
    if (annotations !== undefined) out.annotations = annotations;
    if (receiver !== undefined) out.notificationSettings = { receiver, group_by: ['alertname', 'grafana_folder'] };
    return out;
  });

const group: fc.Arbitrary<GrafanaAlertRuleGroup> = fc.record({
  name: text,
  folderUid: uid,
  folderTitle: text,
  orgId: fc.integer({ min: 1, max: 5 }),
  intervalSeconds: fc.integer({ min: 1, max: 360 }).map((n) => n * 10),
  rules: fc.array(rule, { minLength: 1, maxLength: 3 }),
});

/** One folder and org per document, as a request to one folder carries. */
const groups = fc
  .tuple(group, fc.array(group, { maxLength: 2 }))
  .map(([g, more]) => [
    g,
    ...more.map((m) => ({ ...m, folderUid: g.folderUid, folderTitle: g.folderTitle, orgId: g.orgId })),
  ])
  // A rule uid is unique within a document, as Grafana requires (the validator rejects a repeat).
  .filter((gs) => {
    const uids = gs.flatMap((g) => g.rules.flatMap((r) => (r.uid === undefined ? [] : [r.uid])));
    return new Set(uids).size === uids.length;
  })
  // Plain objects (fast-check builds records without a prototype).
  .map((gs) => JSON.parse(JSON.stringify(gs)) as GrafanaAlertRuleGroup[]);

const contextOf = (g: GrafanaAlertRuleGroup): ShapeContext => ({
  folderUid: g.folderUid,
  folderTitle: g.folderTitle,
  orgId: g.orgId,
});
const viaJson = (v: unknown): unknown => JSON.parse(JSON.stringify(v));
const read = (doc: unknown, ctx: ShapeContext) => readAlertDocument(viaJson(doc), undefined, ctx);

describe('alert shapes round trip', () => {
  it.each(ALERT_SHAPES)('model → %s → model is the model', (shape) => {
    fc.assert(
      fc.property(groups, (gs) => {
        expect(read(writeAlertDocument(gs, shape), contextOf(gs[0]))).toStrictEqual(gs);
      }),
      { numRuns: 80 },
    );
  });

  it.each(ALERT_SHAPES)('%s document → model → the same shape is the same JSON', (shape) => {
    fc.assert(
      fc.property(groups, (gs) => {
        const doc = viaJson(writeAlertDocument(gs, shape));
        const again = writeAlertDocument(readAlertDocument(doc, undefined, contextOf(gs[0])), shape);
        expect(JSON.stringify(again)).toBe(JSON.stringify(doc));
      }),
      { numRuns: 80 },
    );
  });

  it('model → A → model → B equals model → B for every pair of shapes', () => {
    const pairs: Array<[AlertShape, AlertShape]> = ALERT_SHAPES.flatMap((a) =>
      ALERT_SHAPES.map((b): [AlertShape, AlertShape] => [a, b]),
    );
    fc.assert(
      fc.property(groups, (gs) => {
        for (const [a, b] of pairs) {
          const through = writeAlertDocument(read(writeAlertDocument(gs, a), contextOf(gs[0])), b);
          if (!isDeepStrictEqual(viaJson(through), viaJson(writeAlertDocument(gs, b))))
            throw new Error(`${a} → ${b} differs`);
        }
      }),
      { numRuns: 60 },
    );
  });

  it.each(ALERT_SHAPES)('the validator accepts every generated %s document', (shape) => {
    fc.assert(
      fc.property(groups, (gs) => {
        expect(validateDocument(writeAlertDocument(gs, shape)).problems).toEqual([]);
      }),
      { numRuns: 40 },
    );
  });

  it('reads the provisioning API group that the ruler GET groups name', () => {
    // A ruler GET response: folder title → groups, with read-only keys Grafana adds.
    const get = {
      'DevDiag Alerts': [
        {
          name: 'devdiag',
          interval: '5m',
          rules: [
            {
              expr: '',
              for: '5m',
              labels: { severity: 'critical' },
              grafana_alert: {
                id: 7,
                orgId: 1,
                uid: 'r1',
                title: 'Stalled',
                condition: 'B',
                namespace_uid: 'devdiag-alerts',
                rule_group: 'devdiag',
                version: 3,
                updated: '2026-01-01T00:00:00Z',
                intervalSeconds: 300,
                provenance: '',
                is_paused: false,
                no_data_state: 'Alerting',
                exec_err_state: 'Error',
                data: [
                  {
                    refId: 'A',
                    datasourceUid: 'pg',
                    relativeTimeRange: { from: 7200, to: 0 },
                    model: { rawSql: 'SELECT 1' },
                  },
                  {
                    refId: 'B',
                    datasourceUid: '__expr__',
                    model: { type: 'reduce', expression: 'A', reducer: 'last' },
                  },
                ],
              },
            },
          ],
        },
      ],
    };
    const [g] = readAlertDocument(get);
    expect(g).toMatchObject({
      name: 'devdiag',
      folderUid: 'devdiag-alerts',
      folderTitle: 'DevDiag Alerts',
      intervalSeconds: 300,
    });
    expect(writeAlertDocument([g], 'provisioning-api')).toEqual({
      title: 'devdiag',
      folderUid: 'devdiag-alerts',
      interval: 300,
      rules: [
        {
          uid: 'r1',
          orgID: 1,
          folderUID: 'devdiag-alerts',
          ruleGroup: 'devdiag',
          title: 'Stalled',
          condition: 'B',
          data: get['DevDiag Alerts'][0].rules[0].grafana_alert.data,
          noDataState: 'Alerting',
          execErrState: 'Error',
          for: '5m',
          labels: { severity: 'critical' },
          isPaused: false,
        },
      ],
    });
  });

  it("single provisioning API rules are grouped by folder and group with Grafana's 60 s default", () => {
    const base = {
      folderUID: 'f',
      title: 't',
      condition: 'A',
      noDataState: 'OK',
      execErrState: 'OK',
      for: '1m',
      data: [{ refId: 'A', datasourceUid: 'p', model: {} }],
    };
    const gs = readAlertDocument([
      { ...base, ruleGroup: 'g1' },
      { ...base, ruleGroup: 'g2' },
      { ...base, ruleGroup: 'g1', title: 'u' },
    ]);
    expect(gs.map((g) => [g.name, g.intervalSeconds, g.rules.map((r) => r.title)])).toEqual([
      ['g1', 60, ['t', 'u']],
      ['g2', 60, ['t']],
    ]);
  });

  it('names the path and key of what it cannot convert', () => {
    const file = {
      apiVersion: 1,
      groups: [
        {
          orgId: 1,
          name: 'g',
          folder: 'F',
          interval: '1m',
          rules: [
            {
              title: 't',
              condition: 'A',
              noDataState: 'OK',
              execErrState: 'OK',
              data: [{ refId: 'A', datasourceUid: 'p', model: {} }],
              keep_firing_for: '5m',
            },
          ],
        },
      ],
    };
    expect(() => readAlertDocument(file)).toThrow(
      /^\$\.groups\[0\]\.rules\[0\]\.keep_firing_for: keep_firing_for exists .* remove it$/,
    );
    const { keep_firing_for: _dropped, ...plain } = file.groups[0].rules[0];
    const fine = { ...file, groups: [{ ...file.groups[0], rules: [plain] }] };
    expect(() => writeAlertDocument(readAlertDocument(fine), 'ruler')).not.toThrow();
    // A file names its folder by title only: the API needs the uid.
    expect(() => writeAlertDocument(readAlertDocument(fine), 'provisioning-api')).toThrow(/--folder-uid/);
    expect(writeAlertDocument(readAlertDocument(fine, 'file', { folderUid: 'f1' }), 'provisioning-api')).toMatchObject({
      folderUid: 'f1',
      interval: 60,
    });
    expect(() => readAlertDocument({ ...fine, groups: [{ ...fine.groups[0], interval: '90ms' }] })).toThrow(
      /^\$\.groups\[0\]\.interval: Grafana durations are whole seconds/,
    );
  });
});
