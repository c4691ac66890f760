// Differential check of the scenario writers against the real Prometheus tools (Debian 2.42):
// `promtool tsdb create-blocks-from openmetrics` must ingest our OpenMetrics file and
// `promtool tsdb dump` must give back exactly our samples (resets and gaps included);
// `promtool check metrics` must parse our exposition text.
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { needBinary, PROMTOOL_HINT } from '../../../test-support/requirements.js';
import { exposition } from '../../src/scenario/exposition.js';
import { buildScenario } from '../../src/scenario/generate.js';
import { seriesKey } from '../../src/openmetrics/series-key.js';
import { writeOpenMetricsFile } from '../../src/openmetrics/write-openmetrics.js';
import { scenarios } from '../../src/scenario/registry.js';

const promtool = needBinary('local', ['promtool'], PROMTOOL_HINT);
if (!promtool.ok) console.log(`skipping promtool differential: ${promtool.reason}`);

function run(cmd: string, args: string[], stdin?: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    child.stdin.end(stdin ?? '');
  });
}

/** `{__name__="x", a="b"} 1 1000` → [key, value, ms] with our key format. */
function parseDumpLine(line: string): [string, number, number] {
  const close = line.lastIndexOf('}');
  const labels: Record<string, string> = {};
  for (const m of line.slice(1, close).matchAll(/([A-Za-z_][A-Za-z0-9_]*)="((?:[^"\\]|\\.)*)"/g))
    labels[m[1]!] = JSON.parse(`"${m[2]!}"`);
  const [v, t] = line.slice(close + 2).split(' ');
  return [seriesKey(labels), Number(v), Number(t)];
}

describe.skipIf(!promtool.ok)('scenario writers vs promtool', () => {
  // One pre-launch and one launch hour of every family at 30 s, with many restarts and scrape gaps.
  const spec = {
    ...scenarios.find((s) => s.name === 'maestro-smoke')!.spec,
    durationMs: 2 * 3_600_000,
    families: ['maestro', 'aether', 'api', 'business', 'node'] as const,
    restartsPerDay: 48,
    gapsPerDay: 48,
    defaultStepMs: 30_000,
  };
  const sc = buildScenario({ ...spec, families: [...spec.families] });
  let dir = '';

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'alertcraft-om-'));
  });
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('create-blocks-from openmetrics ingests the file and tsdb dump returns exactly our samples', async () => {
    const file = join(dir, 'scenario.om');
    const stats = await writeOpenMetricsFile(sc.series(), file);
    const blocks = join(dir, 'blocks');
    const created = await run(promtool.value!, ['tsdb', 'create-blocks-from', 'openmetrics', file, blocks]);
    expect(created.code, created.stderr + created.stdout).toBe(0);
    // promtool 2.42's dump opens the WAL too; an empty one is enough.
    await mkdir(join(blocks, 'wal'), { recursive: true });
    const dumped = await run(promtool.value!, ['tsdb', 'dump', blocks]);
    expect(dumped.code, dumped.stderr).toBe(0);
    const got = new Map<string, Map<number, number>>();
    let lines = 0;
    for (const line of dumped.stdout.split('\n')) {
      if (!line) continue;
      lines++;
      const [key, v, t] = parseDumpLine(line);
      let m = got.get(key);
      if (!m) got.set(key, (m = new Map()));
      m.set(t, v);
    }
    expect(lines).toBe(stats.samples);
    expect(got.size).toBe(stats.series);
    let compared = 0;
    for (const s of sc.series()) {
      const m = got.get(seriesKey(s.labels));
      expect(m, seriesKey(s.labels)).toBeDefined();
      expect(m!.size).toBe(s.values.length);
      for (let i = 0; i < s.values.length; i++) {
        expect(m!.get(s.timestamps[i]!)).toBe(s.values[i]!);
        compared++;
      }
    }
    expect(compared).toBe(stats.samples);
    expect(sc.plan.restarts.length + sc.plan.gaps.length).toBeGreaterThan(0);
  });

  it('check metrics parses the exposition at an instant (only naming lints remain)', async () => {
    const text = exposition(sc.series(), sc.launchAt + 3_600_000);
    expect(text.split('\n').length).toBeGreaterThan(200);
    const checked = await run(promtool.value!, ['check', 'metrics'], text);
    const problems = (checked.stdout + checked.stderr).split('\n').filter(Boolean);
    // Parsing errors would be reported as "error while linting: ..."; lint findings are one per line.
    expect(problems.filter((p) => /error/i.test(p))).toEqual([]);
    // The seed's recording-rule-style input name and node_exporter's real camelCase names are kept on purpose.
    expect(
      problems.every((p) =>
        /^business:revenue_per_minute metric names should not contain ':'$|^node_memory_Mem(Available|Total)_bytes metric names should be written in 'snake_case' not 'camelCase'$/.test(
          p,
        ),
      ),
      problems.join('\n'),
    ).toBe(true);
  });
});
