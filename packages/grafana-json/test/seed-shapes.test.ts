/**
 * The validator rejects the seeds' original shapes: seed 000's four dashboards (parsed from the seed
 * text at test time) and seed 004's five alert files (reconstructed in fixtures/seed-004, see its README)
 * as the seed's import script posts them, each problem with its JSON path.
 */
import { describe, expect, it } from 'vitest';
import { validateDocument, type Problem } from '../src/index.js';
import { fixture, seedJsonBlocks } from './seeds.js';

const errors = (ps: Problem[]) => ps.filter((p) => p.severity === 'error');
const has = (ps: Problem[], code: string, path: string) => ps.some((p) => p.code === code && p.path === path);

describe('seed 000 dashboards', () => {
  const blocks = seedJsonBlocks('000');

  it('finds the four dashboards in the seed text', () => {
    expect([...blocks.keys()]).toEqual([
      'Maestro GA Launch - Executive View',
      'Maestro GA Launch - SRE Deep Dive',
      'Maestro Business Metrics - Week 1',
      'Maestro Capacity Planning - Week 2',
    ]);
  });

  it('rejects every one of them: required fields missing, as Grafana 11.2 saves dashboards', () => {
    for (const [title, d] of blocks) {
      const r = validateDocument(d);
      expect(r.kind, title).toBe('dashboard');
      expect(has(r.problems, 'grafana/schema-required', '$.schemaVersion'), title).toBe(true);
      expect(has(r.problems, 'grafana/no-uid', '$.uid'), title).toBe(true);
      expect(r.problems.filter((p) => p.code === 'grafana/no-grid-pos').length, title).toBe(
        (d.panels as unknown[]).length,
      );
    }
  });

  it('names the executive view defects by path: flat thresholds, per-minute legends on per-second rates', () => {
    const ps = validateDocument(blocks.get('Maestro GA Launch - Executive View')).problems;
    expect(has(ps, 'grafana/thresholds-array', '$.panels[0].fieldConfig.thresholds')).toBe(true);
    expect(has(ps, 'grafana/per-second-legend', '$.panels[2].targets[0].legendFormat')).toBe(true);
    expect(has(ps, 'grafana/per-second-legend', '$.panels[3].targets[0].legendFormat')).toBe(true);
    expect(has(ps, 'grafana/per-second-legend', '$.panels[3].targets[1].legendFormat')).toBe(true);
    // "Runs/sec" on a rate is right and not flagged.
    expect(ps.some((p) => p.path.startsWith('$.panels[1].targets'))).toBe(false);
    const fix = ps.find((p) => p.code === 'grafana/thresholds-array')?.fix ?? '';
    expect(fix).toContain('"mode": "absolute"');
    expect(fix).toContain('"value":null');
  });

  it('names the capacity heatmap over hour(timestamp())', () => {
    const ps = validateDocument(blocks.get('Maestro Capacity Planning - Week 2')).problems;
    expect(has(ps, 'grafana/heatmap-timestamp', '$.panels[1].targets[0].expr')).toBe(true);
  });

  it('rejects the bare dashboard the seed posts to /api/dashboards/db', () => {
    const ps = validateDocument(blocks.get('Maestro Capacity Planning - Week 2'), {
      kind: 'dashboard-import',
    }).problems;
    expect(ps.map((p) => [p.code, p.path])).toEqual([['grafana/raw-dashboard-posted', '$.dashboard']]);
  });
});

describe('seed 004 alert files (reconstructed), as posted to the provisioning API', () => {
  const post = (name: string) =>
    validateDocument(fixture(`seed-004/${name}.json`), { kind: 'provisioning-api' }).problems;

  it('runs-stalled: an export posted to the API', () => {
    const ps = post('runs-stalled');
    expect(ps.map((p) => [p.code, p.path])).toEqual([['grafana/export-posted-to-api', '$']]);
    expect(ps[0].fix).toContain('alertcraft grafana convert FILE --to provisioning-api');
  });

  it('confidence-drop: condition B not in data, no rule group', () => {
    const ps = errors(post('confidence-drop'));
    expect(has(ps, 'grafana/condition-ref-id', '$.condition')).toBe(true);
    expect(has(ps, 'grafana/missing-rule-group', '$.ruleGroup')).toBe(true);
    // The schema's own "required" at the same path is left out: one problem per path.
    expect(ps.filter((p) => p.path === '$.ruleGroup').length).toBe(1);
  });

  it('high-diversity: a ruler body posted to the provisioning API, and camelCase inside grafana_alert', () => {
    expect(post('high-diversity').map((p) => p.code)).toEqual(['grafana/wrong-shape']);
    const ps = validateDocument(fixture('seed-004/high-diversity.json')).problems;
    expect(has(ps, 'grafana/ruler-camel-case', '$.rules[0].grafana_alert.noDataState')).toBe(true);
    expect(has(ps, 'grafana/ruler-camel-case', '$.rules[0].grafana_alert.execErrState')).toBe(true);
    expect(has(ps, 'grafana/missing-state', '$.rules[0].grafana_alert.no_data_state')).toBe(true);
  });

  it('top-problem-dominates: a group body for the rule endpoint, and a 45 s interval', () => {
    expect(post('top-problem-dominates').map((p) => p.code)).toEqual(['grafana/wrong-shape']);
    const ps = validateDocument(fixture('seed-004/top-problem-dominates.json')).problems;
    expect(ps.map((p) => [p.code, p.path])).toEqual([['grafana/interval-tick', '$.interval']]);
  });

  it('ttr-regression: a GET posted back: provenance, read-only keys, a Grafana 12 key, a uid over 40 characters', () => {
    const ps = post('ttr-regression');
    expect(has(ps, 'grafana/provenance', '$.provenance')).toBe(true);
    expect(has(ps, 'grafana/read-only-key', '$.id')).toBe(true);
    expect(has(ps, 'grafana/read-only-key', '$.updated')).toBe(true);
    expect(has(ps, 'grafana/ignored-by-11.2', '$.keep_firing_for')).toBe(true);
    expect(has(ps, 'grafana/uid-length', '$.uid')).toBe(true);
    expect(errors(ps).length).toBeGreaterThan(0);
  });
});
