/**
 * Differential checks against the real Alertmanager (Debian 0.25) and amtool: the config we emit
 * is what Alertmanager loads, the seed's routing is rejected as our validator says, and the v2
 * silence payloads we build are accepted while the seed's v1-shaped payload is refused.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALERTMANAGER_HINT, ALERTMANAGER_NAMES, needBinary } from '../../../test-support/requirements.js';
import {
  emitAlertmanagerConfig,
  parseAlertmanagerConfig,
  SILENCES_API_PATH,
  silence,
  silenceAll,
  validateAlertmanagerConfig,
  validateSilence,
  type TimeInterval,
} from '../src/index.js';
import { launchConfig } from './fixtures/launch-alertmanager.js';

const amtool = needBinary('local', ['amtool'], ALERTMANAGER_HINT);
const alertmanager = needBinary('local', ALERTMANAGER_NAMES, ALERTMANAGER_HINT);
if (!amtool.ok) console.warn(`skipping amtool checks: ${amtool.reason}`);
if (!alertmanager.ok) console.warn(`skipping Alertmanager silence checks: ${alertmanager.reason}`);

const run = promisify(execFile);

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

async function amtoolCheck(dir: string, name: string, text: string): Promise<{ ok: boolean; output: string }> {
  await writeFile(join(dir, name), text);
  try {
    const r = await run(amtool.value!, ['check-config', name], { cwd: dir });
    return { ok: true, output: r.stdout + r.stderr };
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string };
    return { ok: false, output: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  }
}

describe.skipIf(!amtool.ok)('amtool check-config', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'alertcraft-amtool-'));
  });
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('accepts the emitted launch config', async () => {
    const r = await amtoolCheck(dir, 'launch.yml', emitAlertmanagerConfig(launchConfig));
    expect(r.output).toContain('SUCCESS');
    expect(r.ok).toBe(true);
  });

  it('rejects seed 000 routing for the undefined receiver our validator reports', async () => {
    const seed = await readFile(new URL('./fixtures/seed-000-alertmanager.yml', import.meta.url), 'utf8');
    const ours = parseAlertmanagerConfig(seed)
      .diagnostics.filter((d) => d.severity === 'error')
      .map((d) => d.message);
    const r = await amtoolCheck(dir, 'seed.yml', seed);
    expect(r.ok).toBe(false);
    // amtool stops at the first problem; it must be one of ours, word for word.
    const theirs = /FAILED: (.*)/.exec(r.output)?.[1];
    expect(theirs).toMatch(/^undefined receiver ".*" used in route$/);
    expect(ours).toContain(theirs);
  });
});

describe.skipIf(!amtool.ok)('time intervals: amtool and validateAlertmanagerConfig agree', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'alertcraft-amtool-ti-'));
  });
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  // Debian's Alertmanager 0.25 also accepts `months: ['13']`, which can never match; we report it.
  const cases: TimeInterval[] = [
    { weekdays: ['monday:friday', 'Saturday'] },
    { weekdays: ['friday:monday'] },
    { weekdays: ['funday'] },
    { days_of_month: ['0'] },
    { days_of_month: ['-3:-1', '1:-1'] },
    { days_of_month: ['5:1'] },
    { months: ['March:may', '12'] },
    { months: ['may:march'] },
    { years: ['2020:2019'] },
    { times: [{ start_time: '09:00', end_time: '24:00' }] },
    { times: [{ start_time: '9:00', end_time: '10:00' }] },
    { times: [{ start_time: '10:00', end_time: '10:00' }] },
    { location: 'Europe/Paris' },
    { location: 'Mars/Base' },
  ];

  it('gives the same verdict on each interval', async () => {
    const verdicts = await Promise.all(
      cases.map(async (ti, i) => {
        const config = {
          route: { receiver: 'r' },
          receivers: [{ name: 'r' }],
          time_intervals: [{ name: 't', time_intervals: [ti] }],
        };
        const ours = validateAlertmanagerConfig(config).filter((d) => d.severity === 'error');
        const theirs = await amtoolCheck(dir, `ti-${i}.yml`, emitAlertmanagerConfig(config));
        return {
          ti: JSON.stringify(ti),
          ours: ours.length === 0,
          theirs: theirs.ok,
          why: ours[0]?.message ?? theirs.output,
        };
      }),
    );
    expect(verdicts.filter((v) => v.ours !== v.theirs)).toEqual([]);
    expect(verdicts.filter((v) => !v.ours)).toHaveLength(9);
  });
});

describe.skipIf(!alertmanager.ok)('Alertmanager API v2 silences', () => {
  let dir = '';
  let proc: ChildProcess | undefined;
  let base = '';
  let log = '';

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'alertcraft-am-'));
    await writeFile(join(dir, 'am.yml'), emitAlertmanagerConfig(launchConfig));
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    proc = spawn(
      alertmanager.value!,
      [
        `--config.file=${join(dir, 'am.yml')}`,
        `--storage.path=${join(dir, 'data')}`,
        `--web.listen-address=127.0.0.1:${port}`,
        '--cluster.listen-address=',
      ],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    proc.stdout?.on('data', (b) => (log += String(b)));
    proc.stderr?.on('data', (b) => (log += String(b)));
    const deadline = Date.now() + 20_000;
    for (;;) {
      try {
        const r = await fetch(`${base}/-/ready`);
        if (r.ok) break;
      } catch {
        // not up yet
      }
      if (Date.now() > deadline || proc.exitCode !== null)
        throw new Error(`Alertmanager did not become ready:\n${log}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  });
  afterAll(async () => {
    if (proc && proc.exitCode === null) {
      const exited = new Promise((r) => proc!.once('exit', r));
      proc.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      if (proc.exitCode === null) proc.kill('SIGKILL');
    }
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const post = (body: unknown) =>
    fetch(`${base}${SILENCES_API_PATH}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('accepts the maintenance-mode silence we build, with the times we gave', async () => {
    // Far-future window so the test does not depend on the machine clock.
    const payload = silenceAll()
      .from('2999-01-01T00:00:00Z')
      .for('60m')
      .by('sre-team')
      .comment('Rolling deploy v2.3.0')
      .build();
    expect(validateSilence(payload, { url: `${base}${SILENCES_API_PATH}` })).toEqual([]);
    const res = await post(payload);
    expect(res.status).toBe(200);
    const { silenceID } = (await res.json()) as { silenceID: string };
    const got = (await (await fetch(`${base}/api/v2/silence/${silenceID}`)).json()) as Record<string, unknown>;
    expect(got.matchers).toEqual([{ name: 'alertname', value: '.+', isRegex: true, isEqual: true }]);
    expect(Date.parse(got.startsAt as string)).toBe(Date.parse('2999-01-01T00:00:00Z'));
    expect(Date.parse(got.endsAt as string)).toBe(Date.parse('2999-01-01T01:00:00Z'));
    expect(got.createdBy).toBe('sre-team');
  });

  it('accepts a negative matcher (isEqual false)', async () => {
    const payload = silence({ alertname: 'MaestroMinorLatencyFluctuation', severity: { op: '!=', value: 'page' } })
      .from('2999-01-15T00:00:00Z')
      .until('2999-01-18T23:59:59Z')
      .by('sre-team')
      .comment('Day 0-3 launch window - snoozing minor alerts')
      .build();
    expect(validateSilence(payload)).toEqual([]);
    expect((await post(payload)).status).toBe(200);
  });

  it('refuses seed 000 v1-shaped payload (no isRegex) as our validator says', async () => {
    const seedPayload = {
      matchers: [
        { name: 'alertname', value: 'MaestroMinorLatencyFluctuation' },
        { name: 'severity', value: 'info' },
      ],
      startsAt: '2999-01-15T00:00:00Z',
      endsAt: '2999-01-18T23:59:59Z',
      createdBy: 'sre-team',
      comment: 'Day 0-3 launch window - snoozing minor alerts',
    };
    const diags = validateSilence(seedPayload, { url: '$ALERTMANAGER_URL/api/v1/silences' });
    expect(diags.filter((d) => d.severity === 'error').map((d) => `${d.code} ${d.path}`)).toEqual([
      'silence/v1-api url',
      'silence/missing-is-regex matchers[0].isRegex',
      'silence/missing-is-regex matchers[1].isRegex',
    ]);
    const res = await post(seedPayload);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(await res.text()).toMatch(/isRegex/);
  });

  it('refuses a silence whose matchers all match the empty string, as validateSilence reports', async () => {
    const payload = {
      matchers: [{ name: 'alertname', value: '.*', isRegex: true, isEqual: true }],
      startsAt: '2999-01-01T00:00:00Z',
      endsAt: '2999-01-02T00:00:00Z',
      createdBy: 'a',
      comment: 'b',
    };
    expect(validateSilence(payload).map((d) => d.code)).toEqual(['silence/matches-everything']);
    const res = await post(payload);
    expect(res.status).toBe(400);
  });
});
