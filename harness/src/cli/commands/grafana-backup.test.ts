// `alertcraft grafana backup` / `restore` against STAND-IN Grafana API servers
// (test-support/grafana-stand-in.ts; no Grafana exists here): back up a populated one, restore into
// a fresh empty one, back that up, and compare the two backups file by file.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { grafanaClient } from '@alertcraft/grafana-json';
import { startGrafanaStandIn, type GrafanaStandIn } from '../../../../test-support/grafana-stand-in.js';
import type { CommandIO } from '../command.js';
import { main } from '../main.js';

const TOKEN = 'glsa_backupSecret42';
const dir = mkdtempSync(join(tmpdir(), 'alertcraft-grafana-backup-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const servers: GrafanaStandIn[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function run(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CommandIO = { stdout: (l) => out.push(l), stderr: (l) => err.push(l), isTTY: false, cwd: dir };
  const code = await main(argv, io);
  expect([...out, ...err].join('\n')).not.toContain(TOKEN);
  return { code, out, err };
}

function tree(root: string): Record<string, unknown> {
  const files: Record<string, unknown> = {};
  const walk = (d: string, rel: string) => {
    for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (e.isDirectory()) walk(join(d, e.name), `${rel}${e.name}/`);
      else files[`${rel}${e.name}`] = JSON.parse(readFileSync(join(d, e.name), 'utf8'));
    }
  };
  walk(root, '');
  return files;
}

describe('alertcraft grafana backup / restore (stand-in Grafana API, not Grafana)', () => {
  it('backs up a populated Grafana, restores into an empty one, and a second backup equals the first', async () => {
    const a = await startGrafanaStandIn({ token: TOKEN });
    const b = await startGrafanaStandIn({ token: TOKEN });
    servers.push(a, b);
    for (const pack of ['devdiag', 'maestro', 'aetherlink'])
      expect((await run(['grafana', 'apply', '--url', a.url, '--pack', pack, '--token', TOKEN])).code).toBe(0);
    await grafanaClient({ url: a.url, auth: { token: TOKEN } }).createContactPoint({
      uid: 'oncall',
      name: 'oncall',
      type: 'webhook',
      settings: { url: 'http://hook/x' },
    });

    const first = await run(['grafana', 'backup', '--url', a.url, '--out', 'one', '--token', TOKEN]);
    expect(first.code).toBe(0);
    expect(first.out).toEqual([
      'backed up 3 folder(s), 3 dashboard(s), 1 rule group(s) (5 rule(s)), 1 contact point(s) from Grafana 11.2.0 to one',
    ]);
    const manifest = JSON.parse(readFileSync(join(dir, 'one', 'manifest.json'), 'utf8'));
    expect(manifest.counts).toEqual({ folders: 3, dashboards: 3, ruleGroups: 1, alertRules: 5, contactPoints: 1 });
    expect(Object.values(manifest.dashboards)).toEqual([1, 1, 1]);

    expect(b.folders.size + b.dashboards.size + b.groups.size + b.contactPoints.size).toBe(0);
    const restored = await run(['grafana', 'restore', '--url', b.url, '--from', 'one', '--token', TOKEN]);
    expect(restored.code).toBe(0);
    expect(restored.out[0]).toBe(
      'restored 3 folder(s), 3 dashboard(s), 1 rule group(s) (5 rule(s)), 1 contact point(s) from one',
    );
    expect((await run(['grafana', 'backup', '--url', b.url, '--out', 'two', '--token', TOKEN])).code).toBe(0);
    const one = tree(join(dir, 'one'));
    const two = tree(join(dir, 'two'));
    expect(Object.keys(two)).toEqual(Object.keys(one));
    expect(two).toEqual(one);
    // and the restored Grafana is in the state apply produces: nothing to change
    expect((await run(['grafana', 'apply', '--url', b.url, '--pack', 'devdiag', '--token', TOKEN])).out.at(-1)).toBe(
      'no changes',
    );
  });

  it("errors are one exit-2 line: 401 with Grafana's message, a directory that is no backup", async () => {
    const a = await startGrafanaStandIn({ token: TOKEN });
    servers.push(a);
    const bad = await run(['grafana', 'backup', '--url', a.url, '--out', 'x', '--token', 'nope']);
    expect(bad.code).toBe(2);
    expect(bad.err).toEqual([expect.stringContaining('GET /api/health: HTTP 401: Invalid API key')]);
    const notBackup = await run(['grafana', 'restore', '--url', a.url, '--from', '.', '--token', TOKEN]);
    expect(notBackup.code).toBe(2);
    expect(notBackup.err).toHaveLength(1);
    expect(notBackup.err[0]).toContain('manifest.json');
  });
});
