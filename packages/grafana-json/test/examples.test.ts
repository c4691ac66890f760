/** The examples docs/packages/grafana-json.md embeds, run so the page shows code that works. */
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { group, rulerRoundTrip, shapes } from '../examples/convert-alert.js';
import { launchDashboard, launchDashboardProblems } from '../examples/launch-dashboard.js';
import { validateDocument } from '../src/index.js';

describe('grafana-json examples', () => {
  it('launch-dashboard: validates with no problem, the collapsed row holds its panel', () => {
    expect(launchDashboardProblems()).toEqual([]);
    const d = launchDashboard();
    expect(d.panels?.map((p) => [p.type, p.gridPos])).toEqual([
      ['stat', { x: 0, y: 0, w: 6, h: 4 }],
      ['timeseries', { x: 6, y: 0, w: 18, h: 8 }],
      ['row', { x: 0, y: 8, w: 24, h: 1 }],
    ]);
  });

  it('convert-alert: each shape validates, the ruler body reads back to the model', () => {
    for (const doc of Object.values(shapes)) expect(validateDocument(doc).problems).toEqual([]);
    expect(isDeepStrictEqual(rulerRoundTrip(), [group])).toBe(true);
    expect(shapes.ruler).toMatchObject({
      name: 'checkout',
      interval: '1m',
      rules: [{ for: '5m', grafana_alert: { no_data_state: 'NoData' } }],
    });
    expect(shapes.api).toMatchObject({
      interval: 60,
      rules: [{ folderUID: 'launch', ruleGroup: 'checkout', noDataState: 'NoData', for: '5m' }],
    });
  });
});
