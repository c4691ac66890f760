/**
 * Differential checks against the real promtool: what we emit is what Prometheus loads, and the
 * guards behave in the real engine as documented.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { needBinary, PROMTOOL_HINT } from '../../../test-support/requirements.js';
import {
  defineAlert,
  defineGroup,
  definePack,
  emitRuleFile,
  gt,
  metric,
  rate,
  render,
  renderAll,
  sum,
  trafficGuard,
  zeroTrafficAlert,
  absentAlert,
} from '../src/index.js';
import { maestroPack } from './fixtures/maestro-pack.js';

const promtool = needBinary('local', ['promtool'], PROMTOOL_HINT);
if (!promtool.ok) console.warn(`skipping promtool checks: ${promtool.reason}`);

const run = promisify(execFile);
let dir = '';

async function promtoolRun(args: string[]): Promise<{ ok: boolean; output: string }> {
  try {
    const r = await run(promtool.value!, args, { cwd: dir });
    return { ok: true, output: r.stdout + r.stderr };
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string };
    return { ok: false, output: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  }
}

describe.skipIf(!promtool.ok)('promtool accepts what rule-dsl emits', () => {
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'alertcraft-rule-dsl-'));
  });
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('promtool check rules passes on every rendered seed 000 phase', async () => {
    const all = renderAll(maestroPack, {
      baselines: maestroPack.exampleBaselines!,
      values: maestroPack.exampleValues!,
    });
    for (const [phase, file] of Object.entries(all)) {
      await writeFile(join(dir, `${phase}.yaml`), emitRuleFile(file));
      const r = await promtoolRun(['check', 'rules', `${phase}.yaml`]);
      expect(r.output).toContain(`SUCCESS: ${file.groups[0]!.rules.length} rules found`);
      expect(r.ok).toBe(true);
    }
  });

  it('promtool check rules rejects what loadRuleFile rejects (missing expr)', async () => {
    await writeFile(join(dir, 'bad.yaml'), 'groups:\n  - name: g\n    rules:\n      - alert: A\n        for: 5m\n');
    const r = await promtoolRun(['check', 'rules', 'bad.yaml']);
    expect(r.ok).toBe(false);
    expect(r.output).toMatch(/field 'expr' must be set in rule/);
  });

  it('trafficGuard with by: [tenant] fires per tenant; the seed-style bare `and sum(...) > 0` never does; zero-traffic/absent companions fire when traffic stops', async () => {
    const errors = metric('app_errors_total');
    const runs = metric('app_runs_total');
    const cond = gt(sum(rate(errors, '5m'), { by: ['tenant'] }), 0.1);
    const pack = definePack({
      name: 'guards',
      description: 'guards under promtool',
      scrapeInterval: '1m',
      evaluationInterval: '1m',
      phases: [{ id: 'p', days: [0, 0] }],
      groups: [
        defineGroup({
          name: 'guards',
          rules: [
            defineAlert({ alert: 'Guarded', expr: trafficGuard(cond, { metric: runs, by: ['tenant'] }), for: '2m' }),
            defineAlert({
              alert: 'SeedStyle',
              expr: `(${cond.text()}) and sum(rate(app_runs_total[5m])) > 0`,
              for: '2m',
            }),
            zeroTrafficAlert({ alert: 'NoTraffic', metric: metric('app_other_total'), window: '5m', for: '1m' }),
            absentAlert({ alert: 'RunsAbsent', selector: metric('app_other_total'), for: '1m' }),
            zeroTrafficAlert({ alert: 'RunsZero', metric: runs, window: '5m', for: '1m' }),
          ],
        }),
      ],
    });
    await writeFile(join(dir, 'guards-rules.yaml'), emitRuleFile(render(pack, 'p')));
    await writeFile(
      join(dir, 'guards-test.yaml'),
      `rule_files: [guards-rules.yaml]
evaluation_interval: 1m
tests:
  - interval: 1m
    input_series:
      - series: 'app_errors_total{tenant="a"}'
        values: '0+60x30'
      - series: 'app_runs_total{tenant="a"}'
        values: '0+120x30'
      - series: 'app_errors_total{tenant="b"}'
        values: '0+60x30'
    alert_rule_test:
      - eval_time: 20m
        alertname: Guarded
        exp_alerts:
          - exp_labels: { tenant: a }
      - eval_time: 20m
        alertname: SeedStyle
        exp_alerts: []
      - eval_time: 20m
        alertname: NoTraffic
        exp_alerts:
          - exp_annotations: { summary: 'No traffic on app_other_total for 5m' }
      - eval_time: 20m
        alertname: RunsZero
        exp_alerts: []
      - eval_time: 20m
        alertname: RunsAbsent
        exp_alerts:
          - exp_annotations: { summary: 'No series for app_other_total' }
`,
    );
    const r = await promtoolRun(['test', 'rules', 'guards-test.yaml']);
    expect(r.output).toContain('SUCCESS');
    expect(r.ok).toBe(true);
  });
});
