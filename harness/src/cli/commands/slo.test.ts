import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { CommandIO } from '../command.js';
import { main } from '../main.js';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), '../../../../packages/slo-math/test/fixtures');
const tmp = mkdtempSync(join(tmpdir(), 'alertcraft-slo-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function capture(cwd = fixtures): { io: CommandIO; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { stdout: (l) => out.push(l), stderr: (l) => err.push(l), isTTY: false, cwd }, out, err };
}

describe('alertcraft slo table', () => {
  it('prints the workbook rows for 99.9 % over 30 days', async () => {
    const c = capture();
    expect(await main(['slo', 'table', '--objective', '99.9', '--window', '30d'], c.io)).toBe(0);
    expect(c.out[1]).toMatch(/^page-fast\s+page\s+1h\s+5m\s+14\.4\s+1\.44%\s+2%\s+51\.84s\s+1h\s+4m55\.7s$/);
    expect(c.out[4]).toMatch(/^ticket-slow\s+ticket\s+3d\s+6h\s+1\s+0\.1%\s+10%\s+4m19\.2s\s+3d/);
  });
  it('--json gives the rows as data', async () => {
    const c = capture();
    expect(await main(['slo', 'table', '--objective', '99.9', '--window', '28d', '--json'], c.io)).toBe(0);
    const t = JSON.parse(c.out.join('\n'));
    expect(t.period).toBe('4w');
    expect(
      t.tiers.map((r: { longMs: number; budgetConsumed: number }) => [r.longMs / 60_000, r.budgetConsumed]),
    ).toEqual([
      [56, 0.02],
      [336, 0.05],
      [1344, 0.1],
      [4032, 0.1],
    ]);
  });
  it.each([
    [['--objective', '100'], /--objective: the objective must be above 0 and below 100/],
    [['--objective', '0'], /--objective/],
    [['--objective', 'NaN'], /--objective: expected a number/],
    [['--objective', '99', '--window', '0s'], /--window: the duration must be positive/],
    [['--objective', '90'], /page-fast: burn factor 14\.4 × error budget 10% = 144% ≥ 100%/],
    [[], /--objective P is required/],
  ])('exits 2 for %j', async (args, msg) => {
    const c = capture();
    expect(await main(['slo', 'table', ...args], c.io)).toBe(2);
    expect(c.err.join('\n')).toMatch(msg);
  });
});

describe('alertcraft slo generate', () => {
  it('writes the rules and the unit tests of a Sloth spec', async () => {
    const c = capture();
    const out = join(tmp, 'sloth');
    expect(await main(['slo', 'generate', 'sloth-checkout.yml', '--out', out], c.io)).toBe(0);
    expect(readdirSync(out).sort()).toEqual([
      'sloth-checkout.fast.test.yaml',
      'sloth-checkout.rules.yaml',
      'sloth-checkout.slow.test.yaml',
    ]);
    expect(readFileSync(join(out, 'sloth-checkout.rules.yaml'), 'utf8')).toContain(
      'alert: CheckoutAvailabilityPageFast',
    );
    expect(c.err.join('\n')).toMatch(
      /requests-ratio: no unit tests generated \(requests-ratio\.sli\.errorRatio: cannot generate unit tests for an error-ratio query/,
    );
  });
  it('exits 2 naming the field for unsupported or bad specs', async () => {
    const c = capture();
    expect(await main(['slo', 'generate', 'openslo-timeslices.yaml', '--out', join(tmp, 'x')], c.io)).toBe(2);
    expect(c.err.join('\n')).toMatch(
      /openslo-timeslices\.yaml: spec\.budgetingMethod: Timeslices budgeting is not supported/,
    );
    const bad = join(tmp, 'bad.yml');
    writeFileSync(bad, 'version: prometheus/v1\nservice: a\nslos:\n  - name: x\n    objective: 99.9\n    sli: {}\n');
    const d = capture(tmp);
    expect(await main(['slo', 'generate', 'bad.yml', '--out', join(tmp, 'y')], d.io)).toBe(2);
    expect(d.err.join('\n')).toMatch(/bad\.yml: slos\[0\]\.sli\.events: expected a mapping/);
    expect(await main(['slo', 'generate', 'sloth-checkout.yml'], capture().io)).toBe(2);
  });
});

describe('alertcraft slo generate: bad input is exit 2 naming the field, and no file is written', () => {
  const sloth = readFileSync(join(fixtures, 'sloth-checkout.yml'), 'utf8');
  const openslo = readFileSync(join(fixtures, 'openslo-v1-api.yaml'), 'utf8');
  it.each([
    [
      'objective 100',
      sloth.replace('objective: 99.9', 'objective: 100'),
      /slos\[0\]\.objective: the objective must be above 0 and below 100/,
    ],
    [
      'objective 0',
      sloth.replace('objective: 99.9', 'objective: 0'),
      /slos\[0\]\.objective: the objective must be above 0 and below 100/,
    ],
    ['objective -5', sloth.replace('objective: 99.9', 'objective: -5'), /slos\[0\]\.objective/],
    ['objective .nan', sloth.replace('objective: 99.9', 'objective: .nan'), /slos\[0\]\.objective/],
    ['objective .inf', sloth.replace('objective: 99.9', 'objective: .inf'), /slos\[0\]\.objective/],
    [
      'unknown Sloth version',
      sloth.replace('version: "prometheus/v1"', 'version: "prometheus/v2"'),
      /: version: unknown Sloth spec version "prometheus\/v2"/,
    ],
    ['unknown OpenSLO version', openslo.replaceAll('openslo/v1', 'openslo/v9'), /apiVersion/],
    [
      'OpenSLO window 0d',
      openslo.replace('duration: 28d', 'duration: 0d'),
      /timeWindow\[0\]\.duration: the duration must be positive/,
    ],
    ['OpenSLO target 1', openslo.replace('target: 0.999', 'target: 1'), /target|objective/],
    [
      'OpenSLO latency without buckets',
      openslo.replace(
        'http_request_duration_seconds_bucket{job="api"}',
        'http_request_duration_seconds_sum{job="api"}',
      ),
      /thresholdMetric.*a thresholdMetric maps only to a histogram _bucket series/,
    ],
  ])('%s', async (name, text, msg) => {
    const file = `${name.replace(/[^a-z0-9]+/gi, '-')}.yaml`;
    writeFileSync(join(tmp, file), text);
    const out = join(tmp, `out-${file}`);
    const c = capture(tmp);
    expect(await main(['slo', 'generate', file, '--out', out], c.io)).toBe(2);
    const err = c.err.join('\n');
    expect(err).toContain(file);
    expect(err).toMatch(msg);
    expect(err).not.toMatch(/\n\s+at /);
    expect(() => readdirSync(out)).toThrow();
  });
});
