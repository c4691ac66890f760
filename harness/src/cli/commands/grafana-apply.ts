/**
 * `alertcraft grafana apply`: pushes a pack's Grafana objects (its folder, generated dashboards and
 * Grafana-managed alert rule groups) to a Grafana 11.2 over its HTTP API, and prints what changes:
 * per object created / updated / unchanged, and for an update the JSON paths that differ. A run
 * that finds nothing to change prints "no changes" and writes nothing (it only reads).
 */
import {
  aetherlinkDashboard,
  DEVDIAG_FOLDER,
  devdiagAlertGroup,
  GrafanaApiError,
  grafanaClient,
  maestroCapacityDashboard,
  maestroExecutiveDashboard,
  writeAlertDocument,
  type GrafanaAuth,
  type GrafanaClient,
} from '@alertcraft/grafana-json';
import { flagString, InputError, parseFlags, UsageError, type CommandIO } from '../command.js';

type Json = Record<string, unknown>;

/** What a pack puts into Grafana: one folder, its dashboards, its rule groups (provisioning-API bodies). */
export interface PackGrafanaObjects {
  folder: { uid: string; title: string };
  dashboards: Json[];
  ruleGroups: Json[];
}

export const GRAFANA_PACKS = ['devdiag', 'maestro', 'aetherlink'] as const;

export function packGrafanaObjects(pack: string): PackGrafanaObjects {
  if (pack === 'devdiag') {
    const body = writeAlertDocument([devdiagAlertGroup()], 'provisioning-api');
    return {
      folder: { ...DEVDIAG_FOLDER },
      dashboards: [],
      ruleGroups: (Array.isArray(body) ? body : [body]) as Json[],
    };
  }
  if (pack === 'maestro')
    return {
      folder: { uid: 'maestro', title: 'Maestro' },
      dashboards: [maestroExecutiveDashboard(), maestroCapacityDashboard()] as unknown as Json[],
      ruleGroups: [],
    };
  if (pack === 'aetherlink')
    return {
      folder: { uid: 'aetherlink', title: 'AetherLink' },
      dashboards: [aetherlinkDashboard()] as unknown as Json[],
      ruleGroups: [],
    };
  throw new UsageError(`--pack '${pack}' has no Grafana objects: one of ${GRAFANA_PACKS.join(', ')}`);
}

/**
 * The JSON paths where `want` differs from `have`, over the keys `want` sets (Grafana adds its own
 * fields, such as ids, versions, `updated`, `provenance`, which are not ours to compare).
 */
export function fieldDiff(have: unknown, want: unknown, path = '$'): string[] {
  if (want !== null && typeof want === 'object' && !Array.isArray(want)) {
    if (have === null || typeof have !== 'object' || Array.isArray(have)) return [path];
    const h = have as Json;
    return Object.keys(want as Json)
      .sort()
      .flatMap((k) => fieldDiff(h[k], (want as Json)[k], `${path}.${k}`));
  }
  if (Array.isArray(want)) {
    if (!Array.isArray(have)) return [path];
    if (have.length !== want.length) return [`${path} (length ${have.length} → ${want.length})`];
    return want.flatMap((w, i) => fieldDiff(have[i], w, `${path}[${i}]`));
  }
  return JSON.stringify(have) === JSON.stringify(want) ? [] : [path];
}

export interface Change {
  kind: 'folder' | 'dashboard' | 'rule-group';
  uid: string;
  outcome: 'created' | 'updated' | 'unchanged';
  fields: string[];
}

const DASHBOARD_OWN_FIELDS = new Set(['id', 'version']);

export async function planAndApply(
  client: GrafanaClient,
  objects: PackGrafanaObjects,
  dryRun: boolean,
): Promise<Change[]> {
  const changes: Change[] = [];
  const folder = await client.getFolder(objects.folder.uid);
  const folderFields = folder ? fieldDiff(folder, { title: objects.folder.title }) : [];
  changes.push({
    kind: 'folder',
    uid: objects.folder.uid,
    outcome: !folder ? 'created' : folderFields.length ? 'updated' : 'unchanged',
    fields: folderFields,
  });
  if (!dryRun && changes[0]!.outcome !== 'unchanged')
    await client.ensureFolder(objects.folder.uid, objects.folder.title);

  for (const d of objects.dashboards) {
    const uid = String(d.uid);
    const want = Object.fromEntries(Object.entries(d).filter(([k]) => !DASHBOARD_OWN_FIELDS.has(k)));
    const got = await client.getDashboard(uid);
    const fields = got ? fieldDiff(got.dashboard, want) : [];
    const inFolder = !got || got.meta.folderUid === objects.folder.uid;
    if (!inFolder) fields.push('meta.folderUid');
    const outcome = !got ? 'created' : fields.length ? 'updated' : 'unchanged';
    changes.push({ kind: 'dashboard', uid, outcome, fields });
    if (!dryRun && outcome !== 'unchanged')
      await client.saveDashboard(want, { folderUid: objects.folder.uid, overwrite: false });
  }

  for (const g of objects.ruleGroups) {
    const title = String(g.title);
    const body = { ...g, folderUid: objects.folder.uid };
    const got = await client.getRuleGroup(objects.folder.uid, title);
    const fields = got ? fieldDiff(got, body) : [];
    const outcome = !got ? 'created' : fields.length ? 'updated' : 'unchanged';
    changes.push({ kind: 'rule-group', uid: `${objects.folder.uid}/${title}`, outcome, fields });
    if (!dryRun && outcome !== 'unchanged') await client.putRuleGroup(objects.folder.uid, title, body);
  }
  return changes;
}

export function formatChanges(changes: readonly Change[], dryRun: boolean): string[] {
  const lines: string[] = [];
  for (const c of changes) {
    if (c.outcome === 'unchanged') lines.push(`  unchanged ${c.kind} ${c.uid}`);
    else {
      lines.push(`${c.outcome === 'created' ? '+' : '~'} ${c.outcome} ${c.kind} ${c.uid}`);
      for (const f of c.fields.slice(0, 20)) lines.push(`    ${f}`);
      if (c.fields.length > 20) lines.push(`    ... ${c.fields.length - 20} more field(s)`);
    }
  }
  const n = changes.filter((c) => c.outcome !== 'unchanged').length;
  lines.push(n === 0 ? 'no changes' : `${n} change(s)${dryRun ? ' (dry run: nothing written)' : ' applied'}`);
  return lines;
}

/** `--token T` or `--user U:P` (or neither: credentials in the URL, or none). */
export function authFlags(token: string | undefined, user: string | undefined): GrafanaAuth | undefined {
  if (token !== undefined && user !== undefined) throw new UsageError('give --token or --user, not both');
  if (token !== undefined) return { token };
  if (user === undefined) return undefined;
  const i = user.indexOf(':');
  if (i <= 0) throw new UsageError('--user must be USER:PASSWORD');
  return { username: user.slice(0, i), password: user.slice(i + 1) };
}

/** A Grafana API failure as one exit-2 line carrying Grafana's message (never the credentials). */
export function asGrafanaInputError(err: unknown): never {
  if (err instanceof GrafanaApiError) throw new InputError(err.message, { code: err.code, cause: err });
  throw err;
}

export const APPLY_HELP = [
  'Usage: alertcraft grafana apply --url URL --pack PACK [--token T | --user U:P] [--dry-run]',
  '',
  `apply pushes a pack's folder, dashboards and Grafana-managed alert rule groups (${GRAFANA_PACKS.join(', ')})`,
  'to Grafana 11.2 and prints one line per object: created, updated (with the JSON paths that differ)',
  'or unchanged. A second run prints "no changes" and only reads. --dry-run prints the same and writes',
  'nothing. Dashboards are saved over the version read (a concurrent edit is a 412 version conflict);',
  'rule groups go through PUT /api/v1/provisioning/folder/{uid}/rule-groups/{group} with',
  'X-Disable-Provenance, so they stay editable in the UI.',
];

export async function apply(argv: string[], io: CommandIO): Promise<number> {
  const parsed = parseFlags(argv, { values: ['url', 'pack', 'token', 'user'], booleans: ['dry-run'] });
  const url = flagString(parsed, 'url');
  const pack = flagString(parsed, 'pack');
  if (url === undefined) throw new UsageError('--url is required (the Grafana base URL)');
  if (pack === undefined) throw new UsageError(`--pack is required: ${GRAFANA_PACKS.join(', ')}`);
  try {
    new URL(url);
  } catch {
    throw new UsageError(`--url '${url.replace(/\/\/[^@/]*@/, '//***@')}' is not a URL`);
  }
  const objects = packGrafanaObjects(pack);
  const dryRun = parsed.flags['dry-run'] === true;
  const client = grafanaClient({
    url,
    auth: authFlags(flagString(parsed, 'token'), flagString(parsed, 'user')),
    disableProvenance: true,
    retries: 1,
  });
  const changes = await planAndApply(client, objects, dryRun).catch(asGrafanaInputError);
  for (const l of formatChanges(changes, dryRun)) io.stdout(l);
  return 0;
}
