/** Pieces the three shape readers and writers share. */
import { childPath, GrafanaJsonError } from '../../errors.js';
import { IGNORED_BY_11_2 } from '../keys.js';
import { describe, expectArray, expectObject, readQuery, type Json } from '../read-helpers.js';
import type { AlertQuery, GrafanaAlertRule } from '../types.js';

/** Throws for the first key not in `known` or `readOnly`; read-only keys are dropped by the caller. */
export function rejectUnknownKeys(o: Json, known: readonly string[], readOnly: readonly string[], path: string): void {
  for (const key of Object.keys(o)) {
    if (known.includes(key) || readOnly.includes(key)) continue;
    const why = IGNORED_BY_11_2[key];
    throw new GrafanaJsonError(
      'grafana/unknown-key',
      childPath(path, key),
      why ? `${why}; remove it` : `unknown key ${JSON.stringify(key)}; expected one of ${known.join(', ')}`,
    );
  }
}

export function readData(o: Json, path: string): AlertQuery[] {
  const p = childPath(path, 'data');
  const data = expectArray(o.data, p).map((q, i) => readQuery(q, childPath(p, i)));
  if (data.length === 0)
    throw new GrafanaJsonError('grafana/no-data', p, 'a rule needs at least one query or expression');
  return data;
}

export function readNotificationSettings(o: Json, key: string, path: string): GrafanaAlertRule['notificationSettings'] {
  const v = o[key];
  if (v === undefined) return undefined;
  const p = childPath(path, key);
  const ns = expectObject(v, p);
  if (typeof ns.receiver !== 'string' || ns.receiver === '') {
    throw new GrafanaJsonError(
      'grafana/shape',
      childPath(p, 'receiver'),
      `expected the contact point name, got ${describe(ns.receiver)}`,
    );
  }
  return structuredClone(ns) as GrafanaAlertRule['notificationSettings'];
}

/** Sets `key` on `out` only when `v` is defined, so absent stays absent. */
export function put(out: Json, key: string, v: unknown): void {
  if (v !== undefined) out[key] = structuredClone(v);
}
