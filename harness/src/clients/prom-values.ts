import type { Labels, QueryValue, SeriesData, VectorSample } from '@alertcraft/promql';

/** Prometheus' JSON sample value string → number (`"+Inf"`, `"-Inf"`, `"NaN"` included). */
export function parseSampleValue(v: string): number {
  if (v === '+Inf' || v === 'Inf') return Infinity;
  if (v === '-Inf') return -Infinity;
  return Number(v);
}

/** Unix ms → the seconds string Prometheus' API takes (`1700000000.123`). */
export function toApiTime(ms: number): string {
  return (ms / 1000).toString();
}

/** API seconds (float) → Unix ms, rounded to the millisecond like Prometheus' own timestamps. */
export function fromApiTime(seconds: number): number {
  return Math.round(seconds * 1000);
}

/** Milliseconds → the float seconds the API accepts for `step` (`15`, `0.5`). */
export function toApiDuration(ms: number): string {
  return (ms / 1000).toString();
}

type RawPoint = [number, string];
export interface RawQueryData {
  resultType: 'matrix' | 'vector' | 'scalar' | 'string';
  result: unknown;
}

export function matrixFromApi(result: Array<{ metric: Labels; values?: RawPoint[] }>): SeriesData[] {
  return result.map(({ metric, values = [] }) => {
    const timestamps = new Float64Array(values.length);
    const vals = new Float64Array(values.length);
    for (let i = 0; i < values.length; i++) {
      const p = values[i]!;
      timestamps[i] = fromApiTime(p[0]);
      vals[i] = parseSampleValue(p[1]);
    }
    return { labels: metric, timestamps, values: vals };
  });
}

export function queryValueFromApi(data: RawQueryData): QueryValue {
  switch (data.resultType) {
    case 'matrix':
      return { type: 'matrix', series: matrixFromApi(data.result as Array<{ metric: Labels; values: RawPoint[] }>) };
    case 'vector': {
      const samples: VectorSample[] = (data.result as Array<{ metric: Labels; value: RawPoint }>).map((s) => ({
        labels: s.metric,
        t: fromApiTime(s.value[0]),
        v: parseSampleValue(s.value[1]),
      }));
      return { type: 'vector', samples };
    }
    case 'scalar': {
      const [t, v] = data.result as RawPoint;
      return { type: 'scalar', t: fromApiTime(t), v: parseSampleValue(v) };
    }
    case 'string': {
      const [t, v] = data.result as RawPoint;
      return { type: 'string', t: fromApiTime(t), v };
    }
    default:
      throw new Error(`unknown resultType ${String((data as { resultType: unknown }).resultType)}`);
  }
}
