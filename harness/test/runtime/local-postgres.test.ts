import { describe, expect, it } from 'vitest';
import { needBinary, needPostgres, PROMTOOL_HINT } from '../../../test-support/requirements.js';
import { startLocalRuntime } from '../../src/runtime/local.js';
import { freePort } from '../../src/runtime/ports.js';

const binaries = [needBinary('local', ['prometheus'], PROMTOOL_HINT), needBinary('local', ['promtool'], PROMTOOL_HINT)];
const missing = binaries.find((b) => !b.ok);
if (missing) console.log(`skipping local runtime Postgres tests: ${missing.reason}`);
const postgres = await needPostgres();
if (!postgres.ok) console.log(`skipping local Postgres test: ${postgres.reason}`);

describe.skipIf(missing !== undefined)('local runtime Postgres', () => {
  it.skipIf(!postgres.ok)('hands out the configured server after checking it answers', async () => {
    await using rt = await startLocalRuntime({ databaseUrl: postgres.value });
    const pg = await rt.startPostgres();
    expect(pg.url).toBe(postgres.value);
  });

  it('says where it looked and what to do when Postgres does not answer', async () => {
    const port = await freePort();
    await using rt = await startLocalRuntime({ databaseUrl: `postgres://postgres:secret@127.0.0.1:${port}/test` });
    const err = await rt.startPostgres().then(
      () => undefined,
      (e: unknown) => e as Error & { code: string },
    );
    expect(err?.code).toBe('runtime/postgres-unreachable');
    expect(err?.message).toContain(`postgres://postgres:***@127.0.0.1:${port}/test`);
    expect(err?.message).not.toContain('secret');
    expect(err?.message).toContain('set DATABASE_URL');
  });
});
