/**
 * The notification ledger: every Alertmanager webhook notification, written to Postgres (or
 * PGlite) before the webhook answers 200, so a notification Alertmanager thinks delivered is
 * never lost. Idempotent: a notification delivered twice (retry, repeat_interval) is one row
 * whose `deliveries` counts the deliveries; an alert is one row per (fingerprint, startsAt)
 * whose status follows the latest notification.
 *
 * A body that cannot be stored as typed rows goes to the `quarantine` table byte for byte, with
 * the reason. Writes lock alert rows in (fingerprint, startsAt) order, so concurrent
 * notifications sharing alerts in any order do not deadlock; a serialization failure or deadlock
 * (from another writer) is retried.
 */
import { createHash } from 'node:crypto';
import { migrations, schemaIdent } from './migrations.js';
import type { SqlDatabase } from './sql.js';
import type { WebhookPayload } from './webhook-payload.js';

export interface LedgerNotification {
  id: number;
  receiver: string;
  status: 'firing' | 'resolved';
  groupKey: string;
  groupLabels: Record<string, string>;
  alertCount: number;
  deliveries: number;
  firstReceivedAt: Date;
  lastReceivedAt: Date;
}

export interface LedgerAlert {
  fingerprint: string;
  alertname: string;
  status: 'firing' | 'resolved';
  startsAt: Date;
  endsAt?: Date;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  notified: number;
}

/** Alertmanager sends `0001-01-01T00:00:00Z` as endsAt of an alert with no end yet. */
function endsAtOrNull(endsAt: string): string | null {
  const t = Date.parse(endsAt);
  return Number.isNaN(t) || t <= 0 ? null : endsAt;
}

/** The identity of one notification: same receiver, group, status and alert states. */
export function deliveryKey(p: WebhookPayload): string {
  const alerts = p.alerts
    .map((a) => [a.fingerprint, a.status, a.startsAt, endsAtOrNull(a.endsAt) ?? ''].join('|'))
    .sort();
  return createHash('sha256')
    .update(JSON.stringify([p.receiver, p.groupKey, p.status, alerts]))
    .digest('hex');
}

/** One webhook delivery: when it arrived and what it carried. */
export interface LedgerDelivery {
  notificationId: number;
  receivedAt: Date;
  payload: WebhookPayload;
}

export interface QuarantineEntry {
  /** The body as received (or its first bytes when `truncated`). */
  body: Uint8Array;
  /** Bytes received (more than `body.length` when truncated). */
  bodyBytes: number;
  truncated?: boolean;
  contentType?: string;
  requestPath: string;
  /** Stable code: `ledger/payload`, `ledger/not-json`, `ledger/unstorable`, `ledger/body-too-large`, `ledger/rejected-by-database`. */
  reasonCode: string;
  reason: string;
  jsonPath?: string;
  /** HTTP status the webhook answered. */
  httpStatus: number;
}

export interface QuarantinedPayload extends Omit<QuarantineEntry, 'body'> {
  id: number;
  body: Buffer;
  sha256: string;
  deliveries: number;
  firstReceivedAt: Date;
  lastReceivedAt: Date;
}

/** SQLSTATEs a retry cures: serialization failure, deadlock. */
const RETRYABLE = new Set(['40001', '40P01']);

/**
 * Whether a database error is permanent for this payload (retrying the same body fails again):
 * data exceptions (22xxx: bad text, time out of range...), integrity (23xxx), cardinality (21xxx),
 * program limits (54xxx).
 */
export function isPermanentDataError(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^(21|22|23|54)/.test(code);
}

export class NotificationLedger {
  readonly schema: string;
  private readonly s: string;

  constructor(
    private readonly db: SqlDatabase,
    options: { schema?: string } = {},
  ) {
    this.schema = options.schema ?? 'alertcraft_ledger';
    this.s = schemaIdent(this.schema);
  }

  /** Creates the schema and applies missing migrations. Returns the ids applied now. */
  async migrate(): Promise<number[]> {
    await this.db.exec(`CREATE SCHEMA IF NOT EXISTS ${this.s}`);
    await this.db.exec(
      `CREATE TABLE IF NOT EXISTS ${this.s}.alertcraft_migrations (id integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`,
    );
    const { rows } = await this.db.query<{ id: number }>(`SELECT id FROM ${this.s}.alertcraft_migrations`);
    const have = new Set(rows.map((r) => Number(r.id)));
    const applied: number[] = [];
    for (const m of migrations) {
      if (have.has(m.id)) continue;
      await this.db.transaction(async (tx) => {
        await tx.exec(m.sql(this.s));
        await tx.query(`INSERT INTO ${this.s}.alertcraft_migrations (id, name) VALUES ($1, $2)`, [m.id, m.name]);
      });
      applied.push(m.id);
    }
    return applied;
  }

  /**
   * Records one webhook delivery atomically. Returns whether it was new (false: a duplicate
   * delivery of a notification already recorded, counted in `deliveries`).
   */
  async record(payload: WebhookPayload, receivedAt: Date): Promise<{ id: number; duplicate: boolean }> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.recordOnce(payload, receivedAt);
      } catch (err) {
        const code = (err as { code?: unknown }).code;
        if (!(typeof code === 'string' && RETRYABLE.has(code)) || attempt >= 8) throw err;
        await new Promise((r) => setTimeout(r, attempt * 5));
      }
    }
  }

  private recordOnce(payload: WebhookPayload, receivedAt: Date): Promise<{ id: number; duplicate: boolean }> {
    const key = deliveryKey(payload);
    // One write per (fingerprint, startsAt), in that order: every writer locks alert rows in the
    // same order (no deadlock), and no statement touches a row twice (a payload listing an alert
    // twice keeps its last entry).
    const byKey = new Map<string, WebhookPayload['alerts'][number]>();
    for (const a of payload.alerts) byKey.set(`${a.fingerprint}\u0000${Date.parse(a.startsAt)}`, a);
    const alerts = [...byKey.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, a]) => a);
    return this.db.transaction(async (tx) => {
      const { rows } = await tx.query<{ id: number; deliveries: number }>(
        `INSERT INTO ${this.s}.notifications
           (delivery_key, receiver, status, group_key, group_labels, alert_count, truncated, first_received_at, last_received_at, payload)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8, $9)
         ON CONFLICT (delivery_key) DO UPDATE
           SET deliveries = ${this.s}.notifications.deliveries + 1, last_received_at = EXCLUDED.last_received_at
         RETURNING id, deliveries`,
        [
          key,
          payload.receiver,
          payload.status,
          payload.groupKey,
          JSON.stringify(payload.groupLabels),
          payload.alerts.length,
          payload.truncatedAlerts,
          receivedAt.toISOString(),
          JSON.stringify(payload),
        ],
      );
      const row = rows[0]!;
      await tx.query(`INSERT INTO ${this.s}.deliveries (notification_id, received_at) VALUES ($1, $2)`, [
        row.id,
        receivedAt.toISOString(),
      ]);
      for (const a of alerts) {
        await tx.query(
          `INSERT INTO ${this.s}.alerts
             (fingerprint, starts_at, alertname, status, ends_at, labels, annotations, first_notified_at, last_notified_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)
           ON CONFLICT (fingerprint, starts_at) DO UPDATE
             SET status = EXCLUDED.status, ends_at = EXCLUDED.ends_at, annotations = EXCLUDED.annotations,
                 notified = ${this.s}.alerts.notified + 1, last_notified_at = EXCLUDED.last_notified_at`,
          [
            a.fingerprint,
            a.startsAt,
            a.labels.alertname ?? '',
            a.status,
            endsAtOrNull(a.endsAt),
            JSON.stringify(a.labels),
            JSON.stringify(a.annotations),
            receivedAt.toISOString(),
          ],
        );
      }
      return { id: Number(row.id), duplicate: Number(row.deliveries) > 1 };
    });
  }

  async notifications(): Promise<LedgerNotification[]> {
    const { rows } = await this.db.query<Record<string, unknown>>(
      `SELECT id, receiver, status, group_key, group_labels, alert_count, deliveries, first_received_at, last_received_at
         FROM ${this.s}.notifications ORDER BY id`,
    );
    return rows.map((r) => ({
      id: Number(r.id),
      receiver: String(r.receiver),
      status: r.status as 'firing' | 'resolved',
      groupKey: String(r.group_key),
      groupLabels: r.group_labels as Record<string, string>,
      alertCount: Number(r.alert_count),
      deliveries: Number(r.deliveries),
      firstReceivedAt: new Date(r.first_received_at as string | Date),
      lastReceivedAt: new Date(r.last_received_at as string | Date),
    }));
  }

  async alerts(): Promise<LedgerAlert[]> {
    const { rows } = await this.db.query<Record<string, unknown>>(
      `SELECT fingerprint, alertname, status, starts_at, ends_at, labels, annotations, notified
         FROM ${this.s}.alerts ORDER BY starts_at, fingerprint`,
    );
    return rows.map((r) => ({
      fingerprint: String(r.fingerprint),
      alertname: String(r.alertname),
      status: r.status as 'firing' | 'resolved',
      startsAt: new Date(r.starts_at as string | Date),
      endsAt: r.ends_at ? new Date(r.ends_at as string | Date) : undefined,
      labels: r.labels as Record<string, string>,
      annotations: r.annotations as Record<string, string>,
      notified: Number(r.notified),
    }));
  }

  /**
   * Every delivery in the order received, with the payload Alertmanager sent: a notification
   * repeated after `repeat_interval` appears once per delivery.
   */
  async deliveries(): Promise<LedgerDelivery[]> {
    const { rows } = await this.db.query<Record<string, unknown>>(
      `SELECT d.notification_id, d.received_at, n.payload
         FROM ${this.s}.deliveries d JOIN ${this.s}.notifications n ON n.id = d.notification_id
        ORDER BY d.received_at, d.notification_id`,
    );
    return rows.map((r) => ({
      notificationId: Number(r.notification_id),
      receivedAt: new Date(r.received_at as string | Date),
      payload: (typeof r.payload === 'string' ? JSON.parse(r.payload) : r.payload) as WebhookPayload,
    }));
  }

  /** Total deliveries received: comparable with Alertmanager's `alertmanager_notifications_total{integration="webhook"}`. */
  async deliveryCount(): Promise<number> {
    const { rows } = await this.db.query<{ n: string | number | null }>(
      `SELECT COALESCE(SUM(deliveries), 0) AS n FROM ${this.s}.notifications`,
    );
    return Number(rows[0]?.n ?? 0);
  }

  /**
   * Keeps a body that cannot be stored as typed rows, byte for byte, with the reason. The same
   * body again is one row whose `deliveries` counts it.
   */
  async quarantine(entry: QuarantineEntry, receivedAt: Date): Promise<{ id: number; duplicate: boolean }> {
    const body = Buffer.from(entry.body.buffer, entry.body.byteOffset, entry.body.byteLength);
    const sha = createHash('sha256').update(body).digest('hex');
    const { rows } = await this.db.query<{ id: number; deliveries: number }>(
      `INSERT INTO ${this.s}.quarantine
         (body_sha256, body, body_bytes, body_truncated, content_type, request_path, reason_code, reason, json_path, http_status, first_received_at, last_received_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11)
       ON CONFLICT (body_sha256) DO UPDATE
         SET deliveries = ${this.s}.quarantine.deliveries + 1, last_received_at = EXCLUDED.last_received_at
       RETURNING id, deliveries`,
      [
        sha,
        body,
        entry.bodyBytes,
        entry.truncated ?? false,
        entry.contentType ?? null,
        entry.requestPath,
        entry.reasonCode,
        entry.reason,
        entry.jsonPath ?? null,
        entry.httpStatus,
        receivedAt.toISOString(),
      ],
    );
    return { id: Number(rows[0]!.id), duplicate: Number(rows[0]!.deliveries) > 1 };
  }

  /** Quarantined bodies, oldest first. */
  async quarantined(): Promise<QuarantinedPayload[]> {
    const { rows } = await this.db.query<Record<string, unknown>>(
      `SELECT id, body_sha256, body, body_bytes, body_truncated, content_type, request_path, reason_code, reason, json_path, http_status, deliveries, first_received_at, last_received_at
         FROM ${this.s}.quarantine ORDER BY id`,
    );
    return rows.map((r) => ({
      id: Number(r.id),
      sha256: String(r.body_sha256),
      body: Buffer.from(r.body as Uint8Array),
      bodyBytes: Number(r.body_bytes),
      truncated: Boolean(r.body_truncated),
      ...(r.content_type != null ? { contentType: String(r.content_type) } : {}),
      requestPath: String(r.request_path),
      reasonCode: String(r.reason_code),
      reason: String(r.reason),
      ...(r.json_path != null ? { jsonPath: String(r.json_path) } : {}),
      httpStatus: Number(r.http_status),
      deliveries: Number(r.deliveries),
      firstReceivedAt: new Date(r.first_received_at as string | Date),
      lastReceivedAt: new Date(r.last_received_at as string | Date),
    }));
  }

  /** Quarantined deliveries (Σ deliveries), split by whether the webhook answered 2xx. */
  async quarantineCounts(): Promise<{ accepted: number; rejected: number }> {
    const { rows } = await this.db.query<{ accepted: string | number | null; rejected: string | number | null }>(
      `SELECT COALESCE(SUM(deliveries) FILTER (WHERE http_status < 300), 0) AS accepted,
              COALESCE(SUM(deliveries) FILTER (WHERE http_status >= 300), 0) AS rejected
         FROM ${this.s}.quarantine`,
    );
    return { accepted: Number(rows[0]?.accepted ?? 0), rejected: Number(rows[0]?.rejected ?? 0) };
  }

  /** Drops the ledger's schema and everything in it (test clean-up). */
  async drop(): Promise<void> {
    await this.db.exec(`DROP SCHEMA IF EXISTS ${this.s} CASCADE`);
  }
}
