// `alertcraft grafana apply` against a STAND-IN Grafana HTTP API server (test-support/grafana-stand-in.ts):
// no Grafana exists here; the stand-in implements the documented semantics of the endpoints used.
import { afterEach, describe, expect, it } from 'vitest';
import { startGrafanaStandIn, type GrafanaStandIn } from '../../../../test-support/grafana-stand-in.js';
import type { CommandIO } from '../command.js';
import { main } from '../main.js';
import { fieldDiff } from './grafana-apply.js';

const TOKEN = 'glsa_Zk3xQ9secret';
const servers: GrafanaStandIn[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function run(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CommandIO = { stdout: (l) => out.push(l), stderr: (l) => err.push(l), isTTY: false, cwd: process.cwd() };
  const code = await main(argv, io);
  const all = [...out, ...err].join('\n');
  expect(all).not.toContain(TOKEN);
  return { code, out, err };
}

async function standIn() {
  const s = await startGrafanaStandIn({ token: TOKEN });
  servers.push(s);
  return s;
}

describe('alertcraft grafana apply (stand-in Grafana API, not Grafana)', () => {
  it('creates the DevDiag folder and rule group; a second run prints "no changes" and writes nothing', async () => {
    const s = await standIn();
    const first = await run(['grafana', 'apply', '--url', s.url, '--pack', 'devdiag', '--token', TOKEN]);
    expect(first.code).toBe(0);
    expect(first.out).toEqual([
      '+ created folder devdiag-alerts',
      '+ created rule-group devdiag-alerts/devdiag',
      '2 change(s) applied',
    ]);
    expect(s.writes()).toEqual([
      'POST /api/folders',
      'PUT /api/v1/provisioning/folder/devdiag-alerts/rule-groups/devdiag',
    ]);
    const stored = s.groups.get('devdiag-alerts/devdiag')!;
    expect(stored.provenance).toBe('');
    expect((stored.body.rules as unknown[]).length).toBe(5);

    const before = s.log.length;
    const second = await run(['grafana', 'apply', '--url', s.url, '--pack', 'devdiag', '--token', TOKEN]);
    expect(second.code).toBe(0);
    expect(second.out.at(-1)).toBe('no changes');
    expect(s.log.slice(before).length).toBeGreaterThan(0);
    expect(s.log.slice(before).filter((l) => !l.startsWith('GET '))).toEqual([]);
  });

  it('prints field-level diffs for an edited dashboard and folder; --dry-run writes nothing', async () => {
    const s = await standIn();
    expect((await run(['grafana', 'apply', '--url', s.url, '--pack', 'maestro', '--token', TOKEN])).code).toBe(0);
    expect(s.dashboards.size).toBe(2);
    // someone edits a dashboard title and the folder title in the UI
    const [uid, d] = [...s.dashboards.entries()][0]!;
    d.dashboard = { ...d.dashboard, title: 'edited in the UI', version: Number(d.dashboard.version) + 1 };
    s.folders.get('maestro')!.title = 'Renamed';
    const writes = s.writes().length;
    const dry = await run(['grafana', 'apply', '--url', s.url, '--pack', 'maestro', '--token', TOKEN, '--dry-run']);
    expect(dry.code).toBe(0);
    expect(dry.out).toContain('~ updated folder maestro');
    expect(dry.out).toContain(`~ updated dashboard ${uid}`);
    expect(dry.out).toContain('    $.title');
    expect(dry.out.at(-1)).toBe('2 change(s) (dry run: nothing written)');
    expect(s.writes().length).toBe(writes);

    const real = await run(['grafana', 'apply', '--url', s.url, '--pack', 'maestro', '--token', TOKEN]);
    expect(real.out.at(-1)).toBe('2 change(s) applied');
    expect(s.dashboards.get(uid)!.dashboard.version).toBe(3);
    expect(s.folders.get('maestro')!.title).toBe('Maestro');
    expect((await run(['grafana', 'apply', '--url', s.url, '--pack', 'maestro', '--token', TOKEN])).out.at(-1)).toBe(
      'no changes',
    );
  });

  it("errors are one exit-2 line with Grafana's message; the token is never printed", async () => {
    const s = await standIn();
    const bad = await run(['grafana', 'apply', '--url', s.url, '--pack', 'devdiag', '--token', `${TOKEN}-wrong`]);
    expect(bad.code).toBe(2);
    expect(bad.err).toHaveLength(1);
    expect(bad.err[0]).toContain('GET /api/folders/devdiag-alerts: HTTP 401: Invalid API key');
    expect(bad.err.join('')).not.toContain('-wrong');

    // a port nothing listens on: bind one, then close it
    const closed = await startGrafanaStandIn({ token: TOKEN });
    await closed.close();
    const down = await run(['grafana', 'apply', '--url', closed.url, '--pack', 'devdiag', '--token', TOKEN]);
    expect(down.code).toBe(2);
    expect(down.err).toHaveLength(1);
    expect(down.err[0]).toMatch(
      /GET \/api\/folders\/devdiag-alerts: request failed: fetch failed: ECONNREFUSED \(http:\/\/127\.0\.0\.1:\d+\)$/,
    );

    const userPw = await run(['grafana', 'apply', '--url', s.url, '--pack', 'devdiag', '--user', 'admin:hunter2-pw']);
    expect(userPw.code).toBe(2);
    expect(userPw.err.join('')).not.toContain('hunter2-pw');

    const noPack = await run(['grafana', 'apply', '--url', s.url, '--pack', 'nope', '--token', TOKEN]);
    expect(noPack.code).toBe(2);
    expect(noPack.err[0]).toContain("--pack 'nope' has no Grafana objects");
  });

  it("a concurrent dashboard save is a 412 version conflict reported with Grafana's message", async () => {
    const s = await standIn();
    await run(['grafana', 'apply', '--url', s.url, '--pack', 'aetherlink', '--token', TOKEN]);
    const [, d] = [...s.dashboards.entries()][0]!;
    d.dashboard = { ...d.dashboard, title: 'edited' };
    // reads 1-2 are apply's GETs; read 3 is the POST handler: a save lands just before ours
    const realSet = s.dashboards.get.bind(s.dashboards);
    let reads = 0;
    s.dashboards.get = (k: string) => {
      const v = realSet(k);
      if (v && ++reads === 3) v.dashboard = { ...v.dashboard, version: Number(v.dashboard.version) + 1 };
      return v;
    };
    const r = await run(['grafana', 'apply', '--url', s.url, '--pack', 'aetherlink', '--token', TOKEN]);
    expect(r.code).toBe(2);
    expect(r.err).toHaveLength(1);
    expect(r.err[0]).toContain('POST /api/dashboards/db: HTTP 412: The dashboard has been changed by someone else');
  });

  it('fieldDiff compares only the keys we set', () => {
    expect(fieldDiff({ a: 1, id: 9, b: [1, 2] }, { a: 1, b: [1, 2] })).toEqual([]);
    expect(fieldDiff({ a: 1, b: [1, 3] }, { a: 2, b: [1, 2] })).toEqual(['$.a', '$.b[1]']);
    expect(fieldDiff({ b: [1] }, { b: [1, 2] })).toEqual(['$.b (length 1 → 2)']);
  });
});
