/**
 * Pins the known difference `rate-zero-point-extrapolation` with a series where the 2.42 and the
 * 2.51+ extrapolation give different answers, computed by hand from both versions' algorithm:
 *
 * counter c = 10, 20, …, 810 every 15 s for 20 min from T (81 samples); increase(c[1h]) at T+20m.
 * Raw increase 800 over a sampled interval of 1200 s; average spacing 15 s, threshold 16.5 s; the
 * range starts 2400 s before the first sample; the zero point is 1200 × 10/800 = 15 s before it.
 * - 2.42: durationToStart = min(2400, 15) = 15 < 16.5 → extend by 15 s → 800 × 1215/1200 = 810.
 * - 2.54: 2400 ≥ 16.5 → half a spacing, 7.5 s; the zero point (15 s) is not closer → 800 × 1207.5/1200 = 805.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createStorage, runInstantQuery } from '@alertcraft/promql';
import { needBinary, PROMTOOL_HINT } from '../../../test-support/requirements.js';
import { writeOpenMetricsBlocks } from '../../src/openmetrics/write-openmetrics.js';
import { PrometheusProcess, type StartedPrometheusProcess } from '../../src/runtime/prometheus-process.js';
import { createBlocksFromOpenMetrics } from '../../src/runtime/promtool.js';

const prometheus = needBinary('local', ['prometheus'], PROMTOOL_HINT);
const promtool = needBinary('local', ['promtool'], PROMTOOL_HINT);
const available = prometheus.ok && promtool.ok;
if (!available) console.log(`skipping rate zero-point pin: ${prometheus.reason ?? promtool.reason}`);

const T = Date.UTC(2026, 0, 1, 4);
const series = [
  {
    labels: { __name__: 'c' },
    timestamps: Float64Array.from({ length: 81 }, (_, i) => T + i * 15_000),
    values: Float64Array.from({ length: 81 }, (_, i) => 10 * (i + 1)),
  },
];

describe.skipIf(!available)('rate()/increase() zero-point extrapolation: 2.42 vs 2.51+', () => {
  let dir: string | undefined;
  let server: StartedPrometheusProcess | undefined;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'alertcraft-zero-point-'));
    const data = join(dir, 'tsdb');
    await mkdir(data);
    const om = await writeOpenMetricsBlocks(series, (b) => join(dir!, `c-${b}.om`));
    for (const f of om.files) await createBlocksFromOpenMetrics(promtool.value!, f, data);
    server = await new PrometheusProcess().withBinary(prometheus.value!).withDataDir(data).start();
  });
  afterAll(async () => {
    await server?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('Prometheus 2.42 extends to the zero point (810), the engine (2.54) by half a spacing (805)', async () => {
    const at = T + 20 * 60_000;
    const theirs = await server!.client.query('increase(c[1h])', at);
    const storage = createStorage();
    for (const s of series) storage.appendSeries(s.labels, s.timestamps, s.values);
    const ours = runInstantQuery(storage, 'increase(c[1h])', at).value;
    const v = (x: typeof ours): number[] => (x.type === 'vector' ? x.samples.map((s) => s.v) : []);
    expect(v(theirs)).toHaveLength(1);
    expect(v(theirs)[0]).toBeCloseTo(810, 9);
    expect(v(ours)).toHaveLength(1);
    expect(v(ours)[0]).toBeCloseTo(805, 9);
  });
});
