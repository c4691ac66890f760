/**
 * `alertcraft grafana backup` / `restore`: a Grafana 11.2's folders, dashboards, Grafana-managed
 * alert rule groups and contact points, as files in a directory with a manifest.json (versions and
 * counts), and back into a Grafana (an empty one included: folders first, then dashboards, rule
 * groups and contact points). Instance-specific fields (dashboard and rule ids, rule `updated`) are
 * not backed up; `provenance` and the dashboard `version` are dropped on restore.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { grafanaClient, type GrafanaClient } from '@alertcraft/grafana-json';
import { flagString, InputError, parseFlags, UsageError, type CommandIO } from '../command.js';
import { asGrafanaInputError, authFlags } from './grafana-apply.js';

type Json = Record<string, unknown>;

export interface BackupManifest {
  format: 'alertcraft-grafana-backup/1';
  grafanaVersion: string;
  counts: { folders: number; dashboards: number; ruleGroups: number; alertRules: number; contactPoints: number };
  /** Dashboard uid → the version backed up. */
  dashboards: Record<string, number>;
}

const fileSafe = (s: string) =>
  s.replace(/[^A-Za-z0-9_.-]/g, (c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
const json = (v: unknown) => `${JSON.stringify(v, null, 2)}\n`;

export async function backup(client: GrafanaClient, dir: string): Promise<BackupManifest> {
  const health = await client.health();
  const folders = await client.listFolders();
  mkdirSync(join(dir, 'dashboards'), { recursive: true });
  mkdirSync(join(dir, 'rule-groups'), { recursive: true });
  writeFileSync(join(dir, 'folders.json'), json(folders.map((f) => ({ uid: f.uid, title: f.title }))));
  const versions: Record<string, number> = {};
  const found = await client.listDashboards();
  for (const d of found) {
    const got = await client.getDashboard(d.uid);
    if (!got) continue;
    versions[d.uid] = Number(got.dashboard.version);
    const folderUid = typeof got.meta.folderUid === 'string' && got.meta.folderUid ? got.meta.folderUid : undefined;
    // `id` is the instance's own row id: it differs from one Grafana to another, so it is not kept
    const { id: _id, ...dashboard } = got.dashboard;
    writeFileSync(join(dir, 'dashboards', `${fileSafe(d.uid)}.json`), json({ dashboard, folderUid }));
  }
  const rules = await client.listAlertRules();
  const keys = [...new Set(rules.map((r) => JSON.stringify([String(r.folderUID), String(r.ruleGroup)])))].sort();
  for (const k of keys) {
    const [folderUid, group] = JSON.parse(k) as [string, string];
    const body = await client.getRuleGroup(folderUid, group);
    if (!body) continue;
    // rule ids are the instance's own; `updated` is when this instance last saved the rule
    const ruleList = ((body.rules as Json[] | undefined) ?? []).map((r) =>
      Object.fromEntries(Object.entries(r).filter(([k]) => k !== 'id' && k !== 'updated')),
    );
    writeFileSync(
      join(dir, 'rule-groups', `${fileSafe(folderUid)}__${fileSafe(group)}.json`),
      json({ ...body, rules: ruleList }),
    );
  }
  const contactPoints = await client.listContactPoints();
  writeFileSync(join(dir, 'contact-points.json'), json(contactPoints));
  const manifest: BackupManifest = {
    format: 'alertcraft-grafana-backup/1',
    grafanaVersion: health.version,
    counts: {
      folders: folders.length,
      dashboards: Object.keys(versions).length,
      ruleGroups: keys.length,
      alertRules: rules.length,
      contactPoints: contactPoints.length,
    },
    dashboards: Object.fromEntries(Object.entries(versions).sort(([a], [b]) => a.localeCompare(b))),
  };
  writeFileSync(join(dir, 'manifest.json'), json(manifest));
  return manifest;
}

function readJson(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new InputError(`cannot read backup file: ${(err as Error).message}`, { where: path, code: 'grafana/backup' });
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new InputError(`invalid JSON in backup: ${(err as Error).message}`, { where: path, code: 'grafana/backup' });
  }
}

const RULE_OWN_FIELDS = ['id', 'updated', 'provenance'];

export async function restore(client: GrafanaClient, dir: string): Promise<BackupManifest['counts']> {
  const manifest = readJson(join(dir, 'manifest.json')) as Partial<BackupManifest>;
  if (manifest?.format !== 'alertcraft-grafana-backup/1')
    throw new InputError(
      "not an alertcraft Grafana backup (manifest.json has no format 'alertcraft-grafana-backup/1')",
      {
        where: join(dir, 'manifest.json'),
        code: 'grafana/backup',
      },
    );
  const folders = readJson(join(dir, 'folders.json')) as Array<{ uid: string; title: string }>;
  for (const f of folders) await client.ensureFolder(f.uid, f.title);
  const dashFiles = readdirSync(join(dir, 'dashboards'))
    .filter((f) => f.endsWith('.json'))
    .sort();
  for (const f of dashFiles) {
    const { dashboard, folderUid } = readJson(join(dir, 'dashboards', f)) as { dashboard: Json; folderUid?: string };
    const { id: _id, version: _v, ...rest } = dashboard;
    await client.saveDashboard(rest, { ...(folderUid ? { folderUid } : {}), overwrite: true });
  }
  const groupFiles = readdirSync(join(dir, 'rule-groups'))
    .filter((f) => f.endsWith('.json'))
    .sort();
  let alertRules = 0;
  for (const f of groupFiles) {
    const g = readJson(join(dir, 'rule-groups', f)) as Json;
    const rules = ((g.rules as Json[] | undefined) ?? []).map((r) =>
      Object.fromEntries(Object.entries(r).filter(([k]) => !RULE_OWN_FIELDS.includes(k))),
    );
    alertRules += rules.length;
    await client.putRuleGroup(String(g.folderUid), String(g.title), { ...g, rules });
  }
  const contactPoints = readJson(join(dir, 'contact-points.json')) as Json[];
  const existing = new Set((await client.listContactPoints()).map((c) => String(c.uid)));
  for (const cp of contactPoints) if (!existing.has(String(cp.uid))) await client.createContactPoint(cp);
  return {
    folders: folders.length,
    dashboards: dashFiles.length,
    ruleGroups: groupFiles.length,
    alertRules,
    contactPoints: contactPoints.length,
  };
}

export const BACKUP_HELP = [
  'Usage: alertcraft grafana backup --url URL --out DIR [--token T | --user U:P]',
  '       alertcraft grafana restore --url URL --from DIR [--token T | --user U:P]',
  '',
  'backup writes folders.json, dashboards/UID.json, rule-groups/FOLDER__GROUP.json, contact-points.json and',
  'manifest.json (Grafana version, counts, dashboard versions); restore puts them into a Grafana (an empty',
  'one included), folders first; dashboards are saved with overwrite, rule groups with PUT.',
];

function clientFrom(parsed: ReturnType<typeof parseFlags>) {
  const url = flagString(parsed, 'url');
  if (url === undefined) throw new UsageError('--url is required (the Grafana base URL)');
  try {
    new URL(url);
  } catch {
    throw new UsageError(`--url '${url.replace(/\/\/[^@/]*@/, '//***@')}' is not a URL`);
  }
  return grafanaClient({
    url,
    auth: authFlags(flagString(parsed, 'token'), flagString(parsed, 'user')),
    disableProvenance: true,
    retries: 1,
  });
}

const countsLine = (c: BackupManifest['counts']) =>
  `${c.folders} folder(s), ${c.dashboards} dashboard(s), ${c.ruleGroups} rule group(s) (${c.alertRules} rule(s)), ${c.contactPoints} contact point(s)`;

export async function backupCommand(argv: string[], io: CommandIO): Promise<number> {
  const parsed = parseFlags(argv, { values: ['url', 'out', 'token', 'user'] });
  const client = clientFrom(parsed);
  const out = flagString(parsed, 'out');
  if (out === undefined) throw new UsageError('--out DIR is required');
  const m = await backup(client, resolve(io.cwd, out)).catch(asGrafanaInputError);
  io.stdout(`backed up ${countsLine(m.counts)} from Grafana ${m.grafanaVersion} to ${out}`);
  return 0;
}

export async function restoreCommand(argv: string[], io: CommandIO): Promise<number> {
  const parsed = parseFlags(argv, { values: ['url', 'from', 'token', 'user'] });
  const client = clientFrom(parsed);
  const from = flagString(parsed, 'from');
  if (from === undefined) throw new UsageError('--from DIR is required');
  const c = await restore(client, resolve(io.cwd, from)).catch(asGrafanaInputError);
  io.stdout(`restored ${countsLine(c)} from ${from}`);
  return 0;
}
