/** `alertcraft grafana validate` and `convert`, run in process with captured output. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { aetherlinkDashboard, devdiagAlertGroup, writeAlertDocument } from '@alertcraft/grafana-json';
import { main } from '../main.js';
import type { CommandIO } from '../command.js';

const fixtures = join(
  dirname(fileURLToPath(import.meta.url)),
  '../../../../packages/grafana-json/test/fixtures/seed-004',
);
const dir = mkdtempSync(join(tmpdir(), 'alertcraft-grafana-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function capture(cwd = dir): { io: CommandIO; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { stdout: (l) => out.push(l), stderr: (l) => err.push(l), isTTY: false, cwd }, out, err };
}

describe('alertcraft grafana validate', () => {
  it('exits 1 on the seed 004 files as posted to the provisioning API, one line per problem with its path', async () => {
    const c = capture(fixtures);
    expect(
      await main(
        ['grafana', 'validate', '--for', 'provisioning-api', 'runs-stalled.json', 'confidence-drop.json'],
        c.io,
      ),
    ).toBe(1);
    expect(c.out[0]).toMatch(
      /^runs-stalled\.json \$ error grafana\/export-posted-to-api .*\(fix: convert it: alertcraft grafana convert FILE --to provisioning-api --folder-uid UID\)$/,
    );
    expect(c.out.some((l) => l.startsWith('confidence-drop.json $.condition error grafana/condition-ref-id'))).toBe(
      true,
    );
    expect(c.err.at(-1)).toMatch(/2 file\(s\) .*: 3 error\(s\), 0 warning\(s\)$/);
  });

  it('exits 0 on what alertcraft emits, with the datasources it names, and prints JSON with --format json', async () => {
    writeFileSync(join(dir, 'dash.json'), JSON.stringify(aetherlinkDashboard()));
    writeFileSync(join(dir, 'rules.json'), JSON.stringify(writeAlertDocument([devdiagAlertGroup()], 'ruler')));
    writeFileSync(
      join(dir, 'ds.json'),
      JSON.stringify([{ uid: 'devdiag-postgres', type: 'grafana-postgresql-datasource' }]),
    );
    const c = capture();
    expect(
      await main(
        ['grafana', 'validate', 'dash.json', 'rules.json', '--datasources', 'ds.json', '--format', 'json'],
        c.io,
      ),
    ).toBe(0);
    expect(JSON.parse(c.out.join('\n'))).toEqual([
      { file: 'dash.json', kind: 'dashboard', problems: [] },
      { file: 'rules.json', kind: 'ruler', problems: [] },
    ]);
  });

  it('exits 1 naming an unknown datasource uid', async () => {
    writeFileSync(join(dir, 'ds-other.json'), JSON.stringify({ datasources: [{ uid: 'other' }] }));
    const c = capture();
    expect(await main(['grafana', 'validate', 'rules.json', '--datasources', 'ds-other.json'], c.io)).toBe(1);
    expect(c.out[0]).toMatch(
      /^rules\.json \$\.rules\[0\]\.grafana_alert\.data\[0\]\.datasourceUid error grafana\/unknown-datasource /,
    );
  });

  it('exits 2 on unreadable input and bad usage', async () => {
    writeFileSync(join(dir, 'bad.json'), '{\n  "title": x\n}');
    writeFileSync(join(dir, 'bad.yaml'), 'groups: [\n');
    for (const args of [['missing.json'], ['bad.json'], ['bad.yaml'], [], ['dash.json', '--for', 'nope']]) {
      const c = capture();
      expect(await main(['grafana', 'validate', ...args], c.io), args.join(' ')).toBe(2);
      expect(c.err.length).toBe(1);
    }
    const c = capture();
    expect(await main(['grafana', 'validate', 'bad.json'], c.io)).toBe(2);
    expect(c.err[0]).toBe("alertcraft grafana: bad.json:2:12: invalid JSON: Unexpected token 'x'");
  });
});

describe('alertcraft grafana convert', () => {
  it('converts the seed export to the provisioning API body, which then validates; back to a YAML file', async () => {
    const c = capture(fixtures);
    expect(
      await main(
        [
          'grafana',
          'convert',
          'runs-stalled.json',
          '--to',
          'provisioning-api',
          '--folder-uid',
          'devdiag-alerts',
          '--out',
          join(dir, 'api.json'),
        ],
        c.io,
      ),
    ).toBe(0);
    const api = JSON.parse(readFileSync(join(dir, 'api.json'), 'utf8'));
    expect(api).toMatchObject({ title: 'devdiag', folderUid: 'devdiag-alerts', interval: 300 });
    const v = capture();
    expect(await main(['grafana', 'validate', 'api.json', '--for', 'provisioning-api-group'], v.io)).toBe(0);
    const back = capture();
    expect(
      await main(['grafana', 'convert', 'api.json', '--to', 'file', '--folder-title', 'DevDiag Alerts'], back.io),
    ).toBe(0);
    const original = readFileSync(join(fixtures, 'runs-stalled.json'), 'utf8');
    // The file shape again; only isPaused (Grafana's default, now explicit) is added.
    expect(back.out.join('\n')).toMatch(
      /^apiVersion: 1\ngroups:\n {2}- orgId: 1\n {4}name: devdiag\n {4}folder: DevDiag Alerts\n {4}interval: 5m\n/,
    );
    expect(original).not.toContain('isPaused');
    expect(back.out.join('\n')).toContain('isPaused: false');
  });

  it('exits 2 with the JSON path when the source cannot be converted or the folder is unknown', async () => {
    const c = capture(fixtures);
    expect(await main(['grafana', 'convert', 'ttr-regression.json', '--to', 'ruler'], c.io)).toBe(2);
    expect(c.err[0]).toContain('ttr-regression.json $.keep_firing_for');
    const d = capture(fixtures);
    expect(await main(['grafana', 'convert', 'runs-stalled.json', '--to', 'provisioning-api'], d.io)).toBe(2);
    expect(d.err[0]).toContain('--folder-uid');
    const e = capture(fixtures);
    expect(await main(['grafana', 'convert', 'runs-stalled.json'], e.io)).toBe(2);
  });
});
