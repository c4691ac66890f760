/**
 * Alertmanager's webhook payload (version 4), as sent by Alertmanager 0.25 and 0.27, and a
 * validator that says which field is wrong instead of failing somewhere deeper.
 */
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

export class WebhookPayloadError extends Error {
  readonly code = 'ledger/payload';
  readonly path: string;
  constructor(path: string, message: string) {
    super(`${path}: ${message}`);
    this.name = 'WebhookPayloadError';
    this.path = path;
  }
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
  if (typeof v !== 'string') throw new WebhookPayloadError(`${path}.${key}`, `expected a string, got ${v === undefined ? 'nothing' : typeof v}`);
  return v;
}

function status(o: Record<string, unknown>, path: string): 'firing' | 'resolved' {
  const s = str(o, 'status', path);
  if (s !== 'firing' && s !== 'resolved') throw new WebhookPayloadError(`${path}.status`, `expected 'firing' or 'resolved', got '${s}'`);
  return s;
}

function time(o: Record<string, unknown>, key: string, path: string): string {
  const s = str(o, key, path);
  if (Number.isNaN(Date.parse(s))) throw new WebhookPayloadError(`${path}.${key}`, `not an RFC 3339 time: '${s}'`);
  return s;
}

/** Validates an unknown JSON value as a webhook payload; throws WebhookPayloadError with the JSON path. */
export function parseWebhookPayload(body: unknown): WebhookPayload {
  if (!isObject(body)) throw new WebhookPayloadError('$', 'expected a JSON object');
  const version = str(body, 'version', '$');
  if (version !== '4') throw new WebhookPayloadError('$.version', `unsupported webhook payload version '${version}' (expected '4')`);
  if (!Array.isArray(body.alerts)) throw new WebhookPayloadError('$.alerts', 'expected an array');
  const alerts = body.alerts.map((a: unknown, i: number): WebhookAlert => {
    const p = `$.alerts[${i}]`;
    if (!isObject(a)) throw new WebhookPayloadError(p, 'expected an object');
    return {
      status: status(a, p),
      labels: stringMap(a.labels, `${p}.labels`),
      annotations: stringMap(a.annotations ?? {}, `${p}.annotations`),
      startsAt: time(a, 'startsAt', p),
      endsAt: str(a, 'endsAt', p),
      generatorURL: typeof a.generatorURL === 'string' ? a.generatorURL : '',
      fingerprint: str(a, 'fingerprint', p),
    };
  });
  const truncated = body.truncatedAlerts ?? 0;
  if (typeof truncated !== 'number') throw new WebhookPayloadError('$.truncatedAlerts', 'expected a number');
  return {
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
}
