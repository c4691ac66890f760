/**
 * What a test needs from the machine, and what happens when it is absent.
 *
 * A test that needs a binary (promtool, prometheus, alertmanager, chromium), Postgres or a Docker
 * engine asks `need(...)`. When the thing is there, it gets its path or URL. When it is absent the
 * test is skipped with the reason, unless `ALERTCRAFT_REQUIRE` names its group (`local`, `docker`,
 * `browser`, comma-separated, or `all`), in which case it fails with the reason (CI sets `local`).
 */
import { accessSync, constants } from 'node:fs';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (this file lives in <root>/test-support). */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * The project's shared material (seeds, upstream conformance files): `ALERTCRAFT_SHARED`, else
 * `shared/` beside the repository, as on a developer machine and in CI.
 */
export const sharedDir = process.env.ALERTCRAFT_SHARED ?? resolve(repoRoot, '..', 'shared');

export type RequirementGroup = 'local' | 'docker' | 'browser';

export interface Availability {
  ok: boolean;
  /** Path of the binary, URL of the service, when ok. */
  value?: string;
  /** Why it is not available, when not ok. */
  reason?: string;
}

/** First of `names` found on PATH (or at an absolute path), else undefined. */
export function which(names: readonly string[]): string | undefined {
  const dirs = (process.env.PATH ?? '').split(delimiter).filter(Boolean);
  for (const name of names) {
    const candidates = name.includes('/') ? [name] : dirs.map((d) => join(d, name));
    for (const c of candidates) {
      try {
        accessSync(c, constants.X_OK);
        return c;
      } catch {
        // not here
      }
    }
  }
  return undefined;
}

/** True when ALERTCRAFT_REQUIRE says the group's absence must fail tests. */
export function required(group: RequirementGroup): boolean {
  const spec = (process.env.ALERTCRAFT_REQUIRE ?? '').split(',').map((s) => s.trim());
  // `local` means everything a CI machine installs from Debian: binaries, Postgres, Chromium and
  // a Docker engine (docker.io, started by scripts/docker/with-dockerd.sh).
  if ((group === 'browser' || group === 'docker') && spec.includes('local')) return true;
  return spec.includes(group) || spec.includes('all');
}

/**
 * Look a binary up for a test. Returns `{ ok, value }`; when absent and not required, `ok` is
 * false with a reason to pass to `it.skipIf`/`describe.skipIf`. When absent and required, throws
 * so that the test file fails loudly.
 */
export function needBinary(group: RequirementGroup, names: readonly string[], hint: string): Availability {
  const found = which(names);
  if (found) return { ok: true, value: found };
  const reason = `${names.join(' or ')} not found on PATH (${hint})`;
  if (required(group)) {
    throw new Error(`ALERTCRAFT_REQUIRE=${process.env.ALERTCRAFT_REQUIRE}: ${reason}`);
  }
  return { ok: false, reason };
}

export const PROMTOOL_HINT = 'apt-get install -y prometheus';
export const ALERTMANAGER_HINT = 'apt-get install -y prometheus-alertmanager';

/** Debian names the Alertmanager binary prometheus-alertmanager. */
export const ALERTMANAGER_NAMES = ['alertmanager', 'prometheus-alertmanager'] as const;

/**
 * Postgres for tests: DATABASE_URL, default postgres://postgres@127.0.0.1:5432/test. Probes the
 * server with a real connection; absent → skip with reason, or throw when `local` is required.
 */
export async function needPostgres(): Promise<Availability> {
  const url = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return { ok: true, value: url };
  } catch (err) {
    const reason = `Postgres not reachable at ${url.replace(/:[^:@/]+@/, ':***@')}: ${(err as Error).message}`;
    if (required('local')) throw new Error(`ALERTCRAFT_REQUIRE=${process.env.ALERTCRAFT_REQUIRE}: ${reason}`);
    return { ok: false, reason };
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * The one skip `ALERTCRAFT_REQUIRE=local` allows: the live Grafana test, when the Grafana image
 * (`grafana/grafana:11.2.0` or `ALERTCRAFT_GRAFANA_IMAGE`) is not in the local container engine's
 * images or no engine answers. No Grafana image can be built from Debian's packages, so CI cannot
 * provide it; the reason names the image. Only an explicit `ALERTCRAFT_REQUIRE=grafana` (or `all`)
 * turns the absence into a failure.
 */
export function grafanaImageAvailability(image: string, probe: { ok: boolean; reason?: string }): Availability {
  if (probe.ok) return { ok: true, value: image };
  const reason = `Grafana image ${image} unavailable: ${probe.reason}`;
  const spec = (process.env.ALERTCRAFT_REQUIRE ?? '').split(',').map((s) => s.trim());
  if (spec.includes('grafana') || spec.includes('all'))
    throw new Error(`ALERTCRAFT_REQUIRE=${process.env.ALERTCRAFT_REQUIRE}: ${reason}`);
  return { ok: false, reason };
}
