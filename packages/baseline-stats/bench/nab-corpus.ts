/**
 * Reads the NAB corpus from disk (`../shared/nab` by default, `ALERTCRAFT_SHARED` overrides the
 * shared directory): the 58 series, their windows and the published detectors' raw outputs.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { NabFile } from '../src/nab/scorer.js';

export interface NabSeries extends NabFile {
  category: string;
  /** Unix ms of each row (UTC). */
  times: Float64Array;
  values: Float64Array;
}

export function nabDir(): string {
  const shared = process.env.ALERTCRAFT_SHARED ?? resolve(import.meta.dirname, '..', '..', '..', '..', 'shared');
  return join(shared, 'nab');
}

/** NAB writes window bounds with microseconds ("2014-04-10 07:15:00.000000"); rows without. */
function normTs(t: string): string {
  return t.replace(/\.0+$/, '');
}

function parseCsv(path: string): { header: string[]; rows: string[][] } {
  const lines = readFileSync(path, 'utf8')
    .split(/\r?\n/)
    .filter((l) => l.length > 0);
  const header = lines[0]!.split(',');
  return { header, rows: lines.slice(1).map((l) => l.split(',')) };
}

export function loadNabCorpus(dir = nabDir()): NabSeries[] {
  if (!existsSync(join(dir, 'labels', 'combined_windows.json'))) {
    throw new Error(`NAB corpus not found at ${dir} (expected labels/combined_windows.json); set ALERTCRAFT_SHARED`);
  }
  const windows = JSON.parse(readFileSync(join(dir, 'labels', 'combined_windows.json'), 'utf8')) as Record<
    string,
    string[][]
  >;
  const out: NabSeries[] = [];
  for (const name of Object.keys(windows).sort()) {
    const path = join(dir, 'data', name);
    const { header, rows } = parseCsv(path);
    if (header[0] !== 'timestamp' || header[1] !== 'value')
      throw new Error(`${path}: expected columns timestamp,value, got ${header.join(',')}`);
    const timestamps = rows.map((r) => normTs(r[0]!));
    const times = Float64Array.from(timestamps, (t) => Date.parse(`${t.replace(' ', 'T')}Z`));
    const values = Float64Array.from(rows, (r) => Number(r[1]));
    rows.forEach((r, i) => {
      if (!Number.isFinite(values[i]!) || !Number.isFinite(times[i]!))
        throw new Error(`${path}:${i + 2}: bad row ${r.join(',')}`);
    });
    out.push({
      name,
      category: name.split('/')[0]!,
      timestamps,
      times,
      values,
      windows: windows[name]!.map((w) => [normTs(w[0]!), normTs(w[1]!)] as const),
    });
  }
  return out;
}

/** A published detector's raw anomaly scores per file (`results/<detector>/<cat>/<detector>_<file>.csv`). */
export function loadPublishedScores(
  detector: string,
  corpus: readonly NabSeries[],
  dir = nabDir(),
): Map<string, Float64Array> {
  const out = new Map<string, Float64Array>();
  for (const s of corpus) {
    const [cat, file] = s.name.split('/') as [string, string];
    const path = join(dir, 'results', detector, cat, `${detector}_${file}`);
    const { header, rows } = parseCsv(path);
    const col = header.indexOf('anomaly_score');
    if (col < 0) throw new Error(`${path}: no anomaly_score column`);
    if (rows.length !== s.timestamps.length)
      throw new Error(`${path}: ${rows.length} rows, the data file has ${s.timestamps.length}`);
    out.set(
      s.name,
      Float64Array.from(rows, (r) => Number(r[col])),
    );
  }
  return out;
}

/** The published final scores (`results/final_results.json`). */
export function loadPublishedFinal(dir = nabDir()): Record<string, Record<string, number>> {
  return JSON.parse(readFileSync(join(dir, 'results', 'final_results.json'), 'utf8'));
}

export function listDetectorsWithRawOutputs(dir = nabDir()): string[] {
  return readdirSync(join(dir, 'results'), { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name);
}
