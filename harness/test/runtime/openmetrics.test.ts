import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isStaleNaN, STALE_NAN_BITS } from '@alertcraft/promql';
import { needBinary, PROMTOOL_HINT } from '../../../test-support/requirements.js';
import { OpenMetricsError } from '../../src/openmetrics/errors.js';
import {
  PROMTOOL_BLOCK_MS,
  writeOpenMetricsBlocks,
  writeOpenMetricsFile,
} from '../../src/openmetrics/write-openmetrics.js';
import { PrometheusProcess } from '../../src/runtime/prometheus-process.js';
import { createBlocksFromOpenMetrics } from '../../src/runtime/promtool.js';

const promtool = needBinary('local', ['promtool'], PROMTOOL_HINT);
const prometheus = needBinary('local', ['prometheus'], PROMTOOL_HINT);
if (!promtool.ok || !prometheus.ok)
  console.log(`skipping OpenMetrics round trip: ${promtool.reason ?? prometheus.reason}`);

function staleNaN(): number {
  const b = new BigUint64Array([STALE_NAN_BITS]);
  return new Float64Array(b.buffer)[0]!;
}

describe('writeOpenMetricsFile', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'alertcraft-om-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes one line per sample, seconds timestamps, escaped labels, special values, # EOF', async () => {
    const file = join(dir, 'a.om');
    const stats = await writeOpenMetricsFile(
      [
        {
          labels: { __name__: 'm', z: 'last', a: 'q"u\\o\nte', empty: '' },
          timestamps: new Float64Array([1000, 2500]),
          values: new Float64Array([NaN, Infinity]),
        },
        { labels: { __name__: 'n' }, timestamps: new Float64Array([0]), values: new Float64Array([-Infinity]) },
      ],
      file,
    );
    expect(await readFile(file, 'utf8')).toBe(
      [
        'm{a="q\\"u\\\\o\\nte",z="last"} NaN 1',
        'm{a="q\\"u\\\\o\\nte",z="last"} +Inf 2.5',
        'n -Inf 0',
        '# EOF',
        '',
      ].join('\n'),
    );
    expect(stats).toMatchObject({ series: 2, samples: 3, droppedStale: 0, droppedOutOfOrder: 0, minT: 0, maxT: 2500 });
  });

  it('drops staleness markers and non-increasing timestamps, counting them', async () => {
    expect(isStaleNaN(staleNaN())).toBe(true);
    expect(isStaleNaN(NaN)).toBe(false);
    const values = new Float64Array([1, 2, 3, 4]);
    values[2] = staleNaN();
    const stats = await writeOpenMetricsFile(
      [{ labels: { __name__: 'x' }, timestamps: new Float64Array([10, 10, 20, 5]), values }],
      join(dir, 'b.om'),
    );
    expect(stats).toMatchObject({ samples: 1, droppedStale: 1, droppedOutOfOrder: 2 });
  });

  it('refuses a series without a valid metric name, saying which', async () => {
    const bad = [
      { labels: { __name__: 'ok' }, timestamps: new Float64Array(), values: new Float64Array() },
      { labels: { __name__: '1bad' }, timestamps: new Float64Array(), values: new Float64Array() },
    ];
    await expect(writeOpenMetricsFile(bad, join(dir, 'c.om'))).rejects.toThrow(OpenMetricsError);
    await expect(writeOpenMetricsFile(bad, join(dir, 'c.om'))).rejects.toThrow(
      'series[1]: series has an invalid metric name "1bad"',
    );
  });

  it.skipIf(!promtool.ok || !prometheus.ok)('round-trips through promtool blocks and Prometheus exactly', async () => {
    const t0 = Date.UTC(2026, 0, 1, 12);
    const ts = Float64Array.from({ length: 20 }, (_, i) => t0 + i * 15_000 + (i % 3)); // odd milliseconds too
    const values = Float64Array.from(ts, (_, i) => (i === 5 ? NaN : i === 6 ? -Infinity : i * 0.1 + 1e-9));
    const labels = { __name__: 'roundtrip_value', path: '/a "b"\\c', region: 'eu' };
    await writeOpenMetricsFile([{ labels, timestamps: ts, values }], join(dir, 'rt.om'));
    await createBlocksFromOpenMetrics(promtool.value!, join(dir, 'rt.om'), join(dir, 'tsdb'));
    await using prom = await new PrometheusProcess().withDataDir(join(dir, 'tsdb')).start();
    const v = await prom.client.query('roundtrip_value[10m]', t0 + 19 * 15_000 + 10);
    expect(v.type).toBe('matrix');
    if (v.type !== 'matrix') return;
    expect(v.series).toHaveLength(1);
    expect(v.series[0]!.labels).toEqual(labels);
    expect(Array.from(v.series[0]!.timestamps)).toEqual(Array.from(ts));
    expect(Array.from(v.series[0]!.values)).toEqual(Array.from(values));
  });

  it('splits samples into one file per 2 h block range, each ending with # EOF', async () => {
    const t0 = Date.UTC(2026, 0, 1, 1); // 01:00: the first block is [00:00, 02:00)
    const ts = Float64Array.from({ length: 10 }, (_, i) => t0 + i * 30 * 60_000); // 01:00 .. 05:30
    const res = await writeOpenMetricsBlocks(
      [
        { labels: { __name__: 'a' }, timestamps: ts, values: Float64Array.from(ts, (_, i) => i) },
        { labels: { __name__: 'b' }, timestamps: ts.subarray(8), values: new Float64Array([8, 9]) },
      ],
      (b) => join(dir, `blk-${b}.om`),
    );
    const first = Math.floor(t0 / PROMTOOL_BLOCK_MS);
    expect(res.files).toEqual([0, 1, 2].map((k) => join(dir, `blk-${first + k}.om`)));
    const texts = await Promise.all(res.files.map((f) => readFile(f, 'utf8')));
    // 01:00, 01:30 | 02:00 .. 03:30 | 04:00 .. 05:30 (a), plus b's 05:00 and 05:30.
    expect(texts.map((t) => t.split('\n').filter((l) => l && !l.startsWith('#')).length)).toEqual([2, 4, 6]);
    for (const t of texts) expect(t.endsWith('# EOF\n')).toBe(true);
    expect(res).toMatchObject({ series: 2, samples: 12 });
  });

  it.skipIf(!promtool.ok || !prometheus.ok)('block files built separately serve every sample', async () => {
    const t0 = Date.UTC(2026, 0, 2, 1);
    const ts = Float64Array.from({ length: 6 * 60 }, (_, i) => t0 + i * 60_000); // 6 h, 4 block ranges
    const res = await writeOpenMetricsBlocks(
      [{ labels: { __name__: 'split_value' }, timestamps: ts, values: Float64Array.from(ts, (_, i) => i) }],
      (b) => join(dir, `split-${b}.om`),
    );
    expect(res.files).toHaveLength(4);
    for (const f of res.files) await createBlocksFromOpenMetrics(promtool.value!, f, join(dir, 'tsdb-split'));
    await using prom = await new PrometheusProcess().withDataDir(join(dir, 'tsdb-split')).start();
    const m = await prom.client.queryRange('split_value', t0, t0 + (6 * 60 - 1) * 60_000, 60_000);
    expect(Array.from(m[0]!.values)).toEqual(Array.from(ts, (_, i) => i));
  });
});
