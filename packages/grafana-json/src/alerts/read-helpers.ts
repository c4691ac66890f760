/**
 * Small typed readers used by the shape readers: each takes the JSON path of the value and throws
 * `GrafanaJsonError` naming it and what was expected.
 */
import { formatDuration, isDuration, parseDuration } from '@alertcraft/rule-dsl';
import { childPath, GrafanaJsonError } from '../errors.js';
import { EXEC_ERR_STATES, NO_DATA_STATES, type AlertQuery, type ExecErrState, type NoDataState } from './types.js';

export type Json = Record<string, unknown>;

export function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function expectObject(v: unknown, path: string): Json {
  if (!isObject(v)) throw new GrafanaJsonError('grafana/shape', path, `expected an object, got ${describe(v)}`);
  return v;
}

export function expectArray(v: unknown, path: string): unknown[] {
  if (!Array.isArray(v)) throw new GrafanaJsonError('grafana/shape', path, `expected an array, got ${describe(v)}`);
  return v;
}

export function expectString(o: Json, key: string, path: string): string {
  const v = o[key];
  if (typeof v !== 'string' || v === '') {
    throw new GrafanaJsonError(
      'grafana/shape',
      childPath(path, key),
      `expected a non-empty string, got ${describe(v)}`,
    );
  }
  return v;
}

export function optionalString(o: Json, key: string, path: string): string | undefined {
  if (o[key] === undefined) return undefined;
  return expectString(o, key, path);
}

export function optionalInteger(o: Json, key: string, path: string): number | undefined {
  const v = o[key];
  if (v === undefined) return undefined;
  if (typeof v !== 'number' || !Number.isSafeInteger(v)) {
    throw new GrafanaJsonError('grafana/shape', childPath(path, key), `expected an integer, got ${describe(v)}`);
  }
  return v;
}

export function optionalBoolean(o: Json, key: string, path: string): boolean | undefined {
  const v = o[key];
  if (v === undefined) return undefined;
  if (typeof v !== 'boolean')
    throw new GrafanaJsonError('grafana/shape', childPath(path, key), `expected true or false, got ${describe(v)}`);
  return v;
}

export function optionalStringMap(o: Json, key: string, path: string): Record<string, string> | undefined {
  const v = o[key];
  if (v === undefined) return undefined;
  const m = expectObject(v, childPath(path, key));
  for (const [k, val] of Object.entries(m)) {
    if (typeof val !== 'string') {
      throw new GrafanaJsonError(
        'grafana/shape',
        childPath(childPath(path, key), k),
        `expected a string value, got ${describe(val)}`,
      );
    }
  }
  return { ...(m as Record<string, string>) };
}

/** Whole seconds of a Prometheus duration string (`5m`); `0s` allowed. */
export function durationSeconds(v: unknown, path: string): number {
  if (typeof v !== 'string' || !isDuration(v)) {
    throw new GrafanaJsonError('grafana/duration', path, `expected a duration like 30s, 5m or 1h, got ${describe(v)}`);
  }
  const ms = parseDuration(v);
  if (ms % 1000 !== 0)
    throw new GrafanaJsonError('grafana/duration', path, `Grafana durations are whole seconds, got ${v}`);
  return ms / 1000;
}

/** Canonical duration string of whole seconds (`300` gives `5m`). */
export function secondsString(seconds: number): string {
  return formatDuration(seconds * 1000);
}

export function noDataState(o: Json, key: string, path: string): NoDataState {
  const v = o[key];
  if (typeof v === 'string' && (NO_DATA_STATES as readonly string[]).includes(v)) return v as NoDataState;
  throw new GrafanaJsonError(
    'grafana/no-data-state',
    childPath(path, key),
    `expected one of ${NO_DATA_STATES.join(', ')} (Grafana 11.2), got ${describe(v)}`,
  );
}

export function execErrState(o: Json, key: string, path: string): ExecErrState {
  const v = o[key];
  if (typeof v === 'string' && (EXEC_ERR_STATES as readonly string[]).includes(v)) return v as ExecErrState;
  throw new GrafanaJsonError(
    'grafana/exec-err-state',
    childPath(path, key),
    `expected one of ${EXEC_ERR_STATES.join(', ')} (Grafana 11.2), got ${describe(v)}`,
  );
}

/** One `data` entry; the same keys in all three shapes. */
export function readQuery(v: unknown, path: string): AlertQuery {
  const o = expectObject(v, path);
  const q: AlertQuery = {
    refId: expectString(o, 'refId', path),
    datasourceUid: expectString(o, 'datasourceUid', path),
    model: { ...expectObject(o.model, childPath(path, 'model')) },
  };
  const queryType = o.queryType;
  if (queryType !== undefined) {
    if (typeof queryType !== 'string')
      throw new GrafanaJsonError('grafana/shape', childPath(path, 'queryType'), 'expected a string');
    q.queryType = queryType;
  }
  if (o.relativeTimeRange !== undefined) {
    const rp = childPath(path, 'relativeTimeRange');
    const r = expectObject(o.relativeTimeRange, rp);
    q.relativeTimeRange = { from: optionalInteger(r, 'from', rp) ?? 0, to: optionalInteger(r, 'to', rp) ?? 0 };
  }
  return q;
}

export function writeQuery(q: AlertQuery): Json {
  const out: Json = { refId: q.refId };
  if (q.queryType !== undefined) out.queryType = q.queryType;
  if (q.relativeTimeRange !== undefined)
    out.relativeTimeRange = { from: q.relativeTimeRange.from, to: q.relativeTimeRange.to };
  out.datasourceUid = q.datasourceUid;
  out.model = structuredClone(q.model);
  return out;
}

export function describe(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'object') return 'an object';
  return `${typeof v} ${JSON.stringify(v)}`;
}
