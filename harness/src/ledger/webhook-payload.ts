/**
 * Alertmanager's webhook payload (version 4), as sent by Alertmanager 0.25 and 0.27, and a
 * validator that says which field is wrong (as a JSON path) instead of failing somewhere deeper.
 *
 * Two kinds of refusal, both quarantined by the receiver, neither retryable:
 * - `ledger/payload` (400): not an Alertmanager payload: wrong shape or version, a time that is
 *   not an RFC 3339 calendar time (`"1"`, `2026-02-30T00:00:00Z`), `truncatedAlerts` that is not
 *   a non-negative integer;
 * - `ledger/unstorable` (202): an Alertmanager payload the typed tables cannot hold: a string with
 *   U+0000 or a lone surrogate (Postgres text and jsonb reject both).
 */
import { WebhookPayloadError } from './errors.js';

export { WebhookPayloadError } from './errors.js';

export interface WebhookAlert {
  status: 'firing' | 'resolved';
  labels: Record<string, string>;
  annotations: Record<string, string>;
  startsAt: string;
  endsAt: string;
  generatorURL: string;
  fingerprint: string;
}

export interface WebhookPayload {
  version: string;
  groupKey: string;
  truncatedAlerts: number;
  status: 'firing' | 'resolved';
  receiver: string;
  groupLabels: Record<string, string>;
  commonLabels: Record<string, string>;
  commonAnnotations: Record<string, string>;
  externalURL: string;
  alerts: WebhookAlert[];
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function stringMap(v: unknown, path: string): Record<string, string> {
  if (!isObject(v)) throw new WebhookPayloadError(path, 'expected an object of strings');
  for (const [k, x] of Object.entries(v)) {
    if (typeof x !== 'string') throw new WebhookPayloadError(`${path}.${k}`, 'expected a string');
  }
  return v as Record<string, string>;
}

function str(o: Record<string, unknown>, key: string, path: string): string {
  const v = o[key];
  if (typeof v !== 'string')
    throw new WebhookPayloadError(`${path}.${key}`, `expected a string, got ${v === undefined ? 'nothing' : typeof v}`);
  return v;
}

function status(o: Record<string, unknown>, path: string): 'firing' | 'resolved' {
  const s = str(o, 'status', path);
  if (s !== 'firing' && s !== 'resolved')
    throw new WebhookPayloadError(`${path}.status`, `expected 'firing' or 'resolved', got '${s}'`);
  return s;
}

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.\d{1,9})?(?:[Zz]|([+-])(\d{2}):(\d{2}))$/;

/** Whether `s` is an RFC 3339 date-time naming a real calendar instant (no Feb 30, no hour 24). */
export function isRfc3339(s: string): boolean {
  const m = RFC3339.exec(s);
  if (!m) return false;
  const [y, mo, d, h, mi, se] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const daysInMonth =
    new Date(Date.UTC(2000, mo, 0)).getUTCDate() -
    (mo === 2 && !(y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0)) ? 1 : 0);
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth || h > 23 || mi > 59 || se > 59) return false;
  return m[8] === undefined || (Number(m[8]) <= 23 && Number(m[9]) <= 59);
}

function time(o: Record<string, unknown>, key: string, path: string): string {
  const s = str(o, key, path);
  if (!isRfc3339(s)) throw new WebhookPayloadError(`${path}.${key}`, `not an RFC 3339 time: ${JSON.stringify(s)}`);
  return s;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The first string (key or value) Postgres cannot store as text/jsonb, as a payload error. */
function checkStorable(v: unknown, path: string): void {
  const bad = (s: string) =>
    s.includes('\u0000')
      ? 'contains U+0000'
      : LONE_SURROGATE.test(s)
        ? 'contains a lone surrogate (not valid Unicode)'
        : undefined;
  if (typeof v === 'string') {
    const why = bad(v);
    if (why)
      throw new WebhookPayloadError(path, `${why}, which Postgres text and jsonb cannot store`, 'ledger/unstorable');
  } else if (Array.isArray(v)) {
    v.forEach((x, i) => {
      checkStorable(x, `${path}[${i}]`);
    });
  } else if (isObject(v)) {
    for (const [k, x] of Object.entries(v)) {
      const why = bad(k);
      if (why)
        throw new WebhookPayloadError(
          `${path}[${JSON.stringify(k)}]`,
          `key ${why}, which Postgres jsonb cannot store`,
          'ledger/unstorable',
        );
      checkStorable(x, `${path}.${k}`);
    }
  }
}

/** Validates an unknown JSON value as a webhook payload; throws WebhookPayloadError with the JSON path. */
export function parseWebhookPayload(body: unknown): WebhookPayload {
  if (!isObject(body)) throw new WebhookPayloadError('$', 'expected a JSON object');
  const version = str(body, 'version', '$');
  if (version !== '4')
    throw new WebhookPayloadError('$.version', `unsupported webhook payload version '${version}' (expected '4')`);
  if (!Array.isArray(body.alerts)) throw new WebhookPayloadError('$.alerts', 'expected an array');
  const alerts = body.alerts.map((a: unknown, i: number): WebhookAlert => {
    const p = `$.alerts[${i}]`;
    if (!isObject(a)) throw new WebhookPayloadError(p, 'expected an object');
    return {
      status: status(a, p),
      labels: stringMap(a.labels, `${p}.labels`),
      annotations: stringMap(a.annotations ?? {}, `${p}.annotations`),
      startsAt: time(a, 'startsAt', p),
      endsAt: time(a, 'endsAt', p),
      generatorURL: typeof a.generatorURL === 'string' ? a.generatorURL : '',
      fingerprint: str(a, 'fingerprint', p),
    };
  });
  const truncated = body.truncatedAlerts ?? 0;
  if (typeof truncated !== 'number' || !Number.isSafeInteger(truncated) || truncated < 0 || truncated > 2 ** 31 - 1) {
    throw new WebhookPayloadError(
      '$.truncatedAlerts',
      `expected a non-negative integer, got ${JSON.stringify(truncated)}`,
    );
  }
  const payload: WebhookPayload = {
    version,
    groupKey: str(body, 'groupKey', '$'),
    truncatedAlerts: truncated,
    status: status(body, '$'),
    receiver: str(body, 'receiver', '$'),
    groupLabels: stringMap(body.groupLabels ?? {}, '$.groupLabels'),
    commonLabels: stringMap(body.commonLabels ?? {}, '$.commonLabels'),
    commonAnnotations: stringMap(body.commonAnnotations ?? {}, '$.commonAnnotations'),
    externalURL: typeof body.externalURL === 'string' ? body.externalURL : '',
    alerts,
  };
  checkStorable(body, '$');
  return payload;
}
