import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SloInputError } from '../errors.js';
import { readSloFile } from './read-spec.js';

const fixture = (n: string): string => readFileSync(join(__dirname, '..', '..', 'test', 'fixtures', n), 'utf8');

describe('Sloth prometheus/v1', () => {
  const slos = readSloFile(fixture('sloth-checkout.yml'), 'sloth-checkout.yml');
  it('reads events and raw SLIs, labels and page/ticket alerting', () => {
    expect(slos.map((s) => [s.name, s.objective, s.period, s.service])).toEqual([
      ['requests-availability', 99.9, '30d', 'checkout'],
      ['requests-ratio', 99.5, '30d', 'checkout'],
    ]);
    expect(slos[0]!.labels).toEqual({ owner: 'payments' });
    expect(slos[0]!.tiers.map((t) => [t.name, t.labels])).toEqual([
      ['page-fast', { route: 'pager' }],
      ['page-slow', { route: 'pager' }],
      ['ticket-fast', { route: 'tickets' }],
      ['ticket-slow', { route: 'tickets' }],
    ]);
    expect(slos[1]!.tiers.map((t) => t.name)).toEqual(['page-fast', 'page-slow']);
    expect(slos[1]!.sli).toMatchObject({
      type: 'ratio',
      errorRatio: { query: expect.stringContaining('{{.window}}') },
    });
  });
  it('rejects an unknown version naming the field', () => {
    expect(() => readSloFile('version: prometheus/v2\nservice: a\nslos: []\n', 'x.yml')).toThrow(
      /x\.yml: version: unknown Sloth spec version/,
    );
  });
  it('names the field of a bad objective', () => {
    const text = fixture('sloth-checkout.yml').replace('objective: 99.9', 'objective: 100');
    expect(() => readSloFile(text, 's.yml')).toThrow(
      /s\.yml: slos\[0\]\.objective: the objective must be above 0 and below 100/,
    );
  });
});

describe('OpenSLO', () => {
  it('v1: indicatorRef ratio metrics, thresholdMetric latency, rolling windows', () => {
    const slos = readSloFile(fixture('openslo-v1-api.yaml'), 'o.yaml');
    expect(slos.map((s) => [s.name, s.objective, s.period, s.sli.type])).toEqual([
      ['api-availability', 99.9, '28d', 'ratio'],
      ['api-latency', 99, '7d', 'latency'],
    ]);
    expect(slos[1]!.sli).toMatchObject({ thresholdLe: 0.3 });
  });
  it('v1alpha: ratioMetrics with rate queries', () => {
    const [s] = readSloFile(fixture('openslo-v1alpha-web.yaml'), 'w.yaml');
    expect(s).toMatchObject({ name: 'web-success', objective: 99.5, period: '30d' });
    expect(s!.sli).toMatchObject({ good: { query: 'sum(rate(web_requests_total{code="200"}[{{.window}}]))' } });
  });
  it('rejects Timeslices budgeting with the field', () => {
    expect(() => readSloFile(fixture('openslo-timeslices.yaml'), 't.yaml')).toThrow(
      /t\.yaml: spec\.budgetingMethod: Timeslices budgeting is not supported/,
    );
  });
  it('rejects unknown versions and non-SLO files', () => {
    expect(() => readSloFile('apiVersion: openslo/v2\nkind: SLO\n', 'a.yaml')).toThrow(SloInputError);
    expect(() => readSloFile('groups: []\n', 'r.yaml')).toThrow(/r\.yaml: version: not an SLO spec/);
    expect(() => readSloFile('a: [\n', 'bad.yaml')).toThrow(/bad\.yaml:\d+:\d+: invalid YAML/);
  });
});
