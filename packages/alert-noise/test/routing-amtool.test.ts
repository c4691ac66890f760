/**
 * Differential test of the in-process routing tree against Alertmanager's own `amtool config
 * routes test`: same receivers, in the same order, for every label set.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emitAlertmanagerConfig, type AlertmanagerConfig } from '@alertcraft/rule-dsl';
import { mulberry32 } from '@alertcraft/promql/testing';
import { receiversFor, matchRoutes } from '../src/index.js';
import { ALERTMANAGER_HINT, needBinary } from '../../../test-support/requirements.js';

const run = promisify(execFile);
const amtool = needBinary('local', ['amtool'], ALERTMANAGER_HINT);

/** A tree exercising continue, inheritance, legacy match/match_re, negative and regex matchers. */
const config: AlertmanagerConfig = {
  route: {
    receiver: 'default',
    group_by: ['alertname'],
    routes: [
      { matchers: ['severity="critical"', 'impact="revenue"'], receiver: 'premium-support', group_wait: '10s' },
      { matchers: ['type="predictive"'], receiver: 'capacity-planning', continue: true },
      {
        matchers: ['severity=~"page|critical"'],
        receiver: 'pager',
        routes: [
          { matchers: ['team!="sre"'], receiver: 'dev-pager', continue: true },
          { match_re: { region: 'eu-.*' }, receiver: 'eu-pager' },
        ],
      },
      { match: { severity: 'ticket' }, receiver: 'tickets' },
      { matchers: ['tenant!~"vip-.*|acme"', 'severity="warning"'], receiver: 'slack' },
    ],
  },
  receivers: [
    'default',
    'premium-support',
    'capacity-planning',
    'pager',
    'dev-pager',
    'eu-pager',
    'tickets',
    'slack',
  ].map((name) => ({ name })),
};

function randomLabels(rng: () => number): Record<string, string> {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rng() * xs.length)]!;
  const labels: Record<string, string> = { alertname: pick(['A', 'B', 'MaestroErrorRateSpike']) };
  const maybe = (name: string, values: readonly string[]) => {
    if (rng() < 0.6) labels[name] = pick(values);
  };
  maybe('severity', ['critical', 'page', 'warning', 'ticket', 'info']);
  maybe('impact', ['revenue', 'none']);
  maybe('type', ['predictive', 'reactive']);
  maybe('team', ['sre', 'growth']);
  maybe('region', ['eu-west', 'us-east', 'eu-']);
  maybe('tenant', ['vip-customer-123', 'acme', 'globex', '']);
  return labels;
}

describe.skipIf(!amtool.ok)('routing tree vs amtool config routes test', () => {
  let dir: string;
  let file: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'alertcraft-routing-'));
    file = join(dir, 'alertmanager.yml');
    await writeFile(file, emitAlertmanagerConfig(config));
  });
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('agrees on 80 seeded random label sets', { timeout: 120_000 }, async () => {
    const rng = mulberry32(20261123);
    const cases = Array.from({ length: 80 }, () => randomLabels(rng));
    const amtoolSays = async (labels: Record<string, string>) => {
      const args = [
        'config',
        'routes',
        'test',
        `--config.file=${file}`,
        ...Object.entries(labels).map(([k, v]) => `${k}=${v}`),
      ];
      return (await run(amtool.value!, args)).stdout.trim();
    };
    // amtool in batches of 4 processes at a time.
    const expected: string[] = [];
    for (let i = 0; i < cases.length; i += 4)
      expected.push(...(await Promise.all(cases.slice(i, i + 4).map(amtoolSays))));
    let agree = 0;
    const distinct = new Set<string>();
    for (const [i, labels] of cases.entries()) {
      const got = receiversFor(config, labels).join(',');
      distinct.add(got);
      expect(got, `labels ${JSON.stringify(labels)}`).toBe(expected[i]);
      agree++;
    }
    console.log(
      `routing: ${agree}/${cases.length} label sets agree with amtool; ${distinct.size} distinct receiver lists`,
    );
    // The cases must reach most of the tree, or the comparison proves little.
    expect(distinct.size).toBeGreaterThanOrEqual(6);
  });
});

describe('routing tree semantics', () => {
  it('inherits options from the parent and gives the matched path', () => {
    const [r] = matchRoutes(config, { severity: 'page', team: 'sre', region: 'eu-west' });
    expect(r).toMatchObject({
      receiver: 'eu-pager',
      groupBy: ['alertname'],
      groupWait: '30s',
      repeatInterval: '4h',
      path: [2, 1],
    });
  });
  it('says which matcher cannot be parsed', () => {
    expect(() => receiversFor({ route: { receiver: 'x', routes: [{ matchers: ['sev=="x"'] }] } }, {})).toThrow(
      /route\.routes\[0\]\.matchers: cannot parse matcher/,
    );
  });
});
