/**
 * The notification ledger's schema, as ordered migrations. `migrate()` applies the ones a
 * database lacks inside one transaction per migration, recording each in
 * `<schema>.alertcraft_migrations`, so it is safe to run at every start.
 */
import { LedgerError } from './errors.js';

export interface Migration {
  id: number;
  name: string;
  sql: (schema: string) => string;
}

export const migrations: readonly Migration[] = [
  {
    id: 1,
    name: 'notifications and alerts',
    sql: (s) => `
      CREATE TABLE ${s}.notifications (
        id            bigserial PRIMARY KEY,
        delivery_key  text        NOT NULL UNIQUE,
        receiver      text        NOT NULL,
        status        text        NOT NULL CHECK (status IN ('firing', 'resolved')),
        group_key     text        NOT NULL,
        group_labels  jsonb       NOT NULL,
        alert_count   integer     NOT NULL,
        truncated     integer     NOT NULL DEFAULT 0,
        deliveries    integer     NOT NULL DEFAULT 1,
        first_received_at timestamptz NOT NULL,
        last_received_at  timestamptz NOT NULL,
        payload       jsonb       NOT NULL
      );
      CREATE TABLE ${s}.alerts (
        fingerprint   text        NOT NULL,
        starts_at     timestamptz NOT NULL,
        alertname     text        NOT NULL,
        status        text        NOT NULL CHECK (status IN ('firing', 'resolved')),
        ends_at       timestamptz,
        labels        jsonb       NOT NULL,
        annotations   jsonb       NOT NULL,
        notified      integer     NOT NULL DEFAULT 1,
        first_notified_at timestamptz NOT NULL,
        last_notified_at  timestamptz NOT NULL,
        PRIMARY KEY (fingerprint, starts_at)
      );
      CREATE INDEX alerts_alertname_idx ON ${s}.alerts (alertname, starts_at);
    `,
  },
  {
    id: 2,
    name: 'quarantine',
    // Bodies kept byte for byte (bytea): they may hold what text/jsonb cannot (U+0000, lone
    // surrogates, invalid UTF-8). One row per distinct body; `deliveries` counts repeats.
    sql: (s) => `
      CREATE TABLE ${s}.quarantine (
        id            bigserial   PRIMARY KEY,
        body_sha256   text        NOT NULL UNIQUE,
        body          bytea       NOT NULL,
        body_bytes    bigint      NOT NULL,
        body_truncated boolean    NOT NULL DEFAULT false,
        content_type  text,
        request_path  text        NOT NULL,
        reason_code   text        NOT NULL,
        reason        text        NOT NULL,
        json_path     text,
        http_status   integer     NOT NULL,
        deliveries    integer     NOT NULL DEFAULT 1,
        first_received_at timestamptz NOT NULL,
        last_received_at  timestamptz NOT NULL
      );
    `,
  },
  {
    id: 3,
    name: 'delivery times',
    // One row per delivery: a repeat (repeat_interval) of the same notification is one
    // `notifications` row, so its times live here. Rows from before this migration keep
    // their first delivery only.
    sql: (s) => `
      CREATE TABLE ${s}.deliveries (
        notification_id bigint      NOT NULL REFERENCES ${s}.notifications (id) ON DELETE CASCADE,
        received_at     timestamptz NOT NULL
      );
      CREATE INDEX deliveries_received_at_idx ON ${s}.deliveries (received_at);
      INSERT INTO ${s}.deliveries (notification_id, received_at) SELECT id, first_received_at FROM ${s}.notifications;
    `,
  },
];

/** A quoted SQL identifier for a schema name; rejects anything but [a-z0-9_]. */
export function schemaIdent(schema: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) {
    throw new LedgerError(
      'ledger/bad-schema-name',
      `invalid ledger schema name '${schema}': use lower-case letters, digits and _ (at most 63, not starting with a digit)`,
    );
  }
  return `"${schema}"`;
}
