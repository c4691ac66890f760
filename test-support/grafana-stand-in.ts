/**
 * A STAND-IN for Grafana 11.2's HTTP API, for tests: no Grafana binary or image exists on this
 * machine, so this local HTTP server (free port, 127.0.0.1) implements the endpoints the client and
 * `alertcraft grafana apply` use, with the semantics Grafana's HTTP API docs give them: folders
 * addressed by uid (409 on a duplicate uid, 412 on a stale version), dashboards by uid saved through
 * POST /api/dashboards/db (version incremented on each save; 412 "version-mismatch" when the posted
 * version is not the stored one and overwrite is false), provisioning-API rule groups with PUT
 * (provenance `api` unless `X-Disable-Provenance`), errors as `{ message }`, 401 without valid
 * credentials. It is not Grafana. Every request is logged as "METHOD PATH" for assertions.
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

type Json = Record<string, unknown>;

export interface GrafanaStandIn {
  url: string;
  /** "METHOD /path" per request, in order. */
  log: string[];
  /** Requests other than GET. */
  writes(): string[];
  folders: Map<string, { uid: string; title: string; version: number }>;
  dashboards: Map<string, { dashboard: Json; folderUid?: string }>;
  groups: Map<string, { body: Json; provenance: string }>;
  contactPoints: Map<string, Json>;
  /** The next `n` requests to `path` answer 503 (Grafana's `{ message }`), to exercise retries. */
  failNext(path: string, n: number): void;
  close(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

export async function startGrafanaStandIn(credentials: {
  token: string;
  /** Basic-auth user also accepted. */
  basic?: { username: string; password: string };
}): Promise<GrafanaStandIn> {
  const failing = new Map<string, number>();
  const folders: GrafanaStandIn['folders'] = new Map();
  const dashboards: GrafanaStandIn['dashboards'] = new Map();
  const groups: GrafanaStandIn['groups'] = new Map();
  const contactPoints: GrafanaStandIn['contactPoints'] = new Map();
  const log: string[] = [];
  let nextId = 1;
  const readBody = (req: IncomingMessage) =>
    new Promise<Json>((resolve, reject) => {
      let s = '';
      req.on('data', (c) => {
        s += c;
      });
      req.on('end', () => {
        try {
          resolve(s ? JSON.parse(s) : {});
        } catch (e) {
          reject(e);
        }
      });
    });
  const server = createServer(async (req, res) => {
    const send = (status: number, b: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(b));
    };
    const p = new URL(req.url ?? '/', 'http://x').pathname;
    log.push(`${req.method} ${p}`);
    const authz = req.headers.authorization;
    const basic = credentials.basic && `Basic ${btoa(`${credentials.basic.username}:${credentials.basic.password}`)}`;
    if (authz !== `Bearer ${credentials.token}` && (basic === undefined || authz !== basic))
      return send(401, { message: 'Invalid API key' });
    const fails = failing.get(p) ?? 0;
    if (fails > 0) {
      failing.set(p, fails - 1);
      return send(503, { message: 'service unavailable' });
    }
    let b: Json = {};
    if (req.method !== 'GET') {
      try {
        b = await readBody(req);
      } catch {
        return send(400, { message: 'bad request data' });
      }
    }
    if (p === '/api/health') return send(200, { database: 'ok', version: '11.2.0', commit: 'stand-in' });
    if (p === '/api/folders' && req.method === 'POST') {
      const uid = String(b.uid);
      if (folders.has(uid)) return send(409, { message: 'a folder with the same uid already exists' });
      const f = { uid, title: String(b.title), version: 1 };
      folders.set(uid, f);
      return send(200, f);
    }
    if (p === '/api/datasources' && req.method === 'GET')
      return send(200, [{ uid: 'devdiag-postgres', type: 'grafana-postgresql-datasource', name: 'DevDiag' }]);
    if (p === '/api/folders' && req.method === 'GET')
      return send(
        200,
        [...folders.values()].map((f) => ({ uid: f.uid, title: f.title })),
      );
    if (p === '/api/search' && req.method === 'GET')
      return send(
        200,
        [...dashboards.values()].map((d) => ({
          uid: d.dashboard.uid,
          title: d.dashboard.title,
          type: 'dash-db',
          ...(d.folderUid ? { folderUid: d.folderUid } : {}),
        })),
      );
    if (p === '/api/v1/provisioning/alert-rules' && req.method === 'GET')
      return send(
        200,
        [...groups.values()].flatMap((g) => (g.body.rules as Json[]).map((r) => ({ ...r, ruleGroup: g.body.title }))),
      );
    if (p === '/api/v1/provisioning/contact-points') {
      if (req.method === 'GET') return send(200, [...contactPoints.values()]);
      if (req.method === 'POST') {
        if (typeof b.name !== 'string' || typeof b.type !== 'string')
          return send(400, { message: 'contact point name and type are required' });
        const uid = typeof b.uid === 'string' && b.uid ? b.uid : `cp${contactPoints.size + 1}`;
        if (contactPoints.has(uid)) return send(409, { message: 'contact point with this uid already exists' });
        const cp = { ...b, uid, disableResolveMessage: b.disableResolveMessage ?? false };
        contactPoints.set(uid, cp);
        return send(202, cp);
      }
    }
    const folder = /^\/api\/folders\/([^/]+)$/.exec(p);
    if (folder) {
      const f = folders.get(decodeURIComponent(folder[1]!));
      if (!f) return send(404, { message: 'folder not found' });
      if (req.method === 'GET') return send(200, f);
      if (req.method === 'PUT') {
        if (!b.overwrite && b.version !== f.version)
          return send(412, { message: 'the folder has been changed by someone else' });
        f.title = String(b.title);
        f.version++;
        return send(200, f);
      }
    }
    const dash = /^\/api\/dashboards\/uid\/([^/]+)$/.exec(p);
    if (dash && req.method === 'GET') {
      const d = dashboards.get(decodeURIComponent(dash[1]!));
      return d
        ? send(200, { dashboard: d.dashboard, meta: { folderUid: d.folderUid ?? '' } })
        : send(404, { message: 'Dashboard not found' });
    }
    if (p === '/api/dashboards/db' && req.method === 'POST') {
      const d = b.dashboard as Json | undefined;
      if (!d || typeof d.title !== 'string' || !d.title)
        return send(400, { message: 'Dashboard title cannot be empty' });
      if (b.folderUid && !folders.has(String(b.folderUid))) return send(400, { message: 'folder not found' });
      const uid = String(d.uid);
      const cur = dashboards.get(uid);
      if (cur && !b.overwrite && d.version !== cur.dashboard.version)
        return send(412, { message: 'The dashboard has been changed by someone else', status: 'version-mismatch' });
      const version = cur ? Number(cur.dashboard.version) + 1 : 1;
      const id = cur ? cur.dashboard.id : nextId++;
      dashboards.set(uid, {
        dashboard: { ...d, id, uid, version },
        ...(b.folderUid ? { folderUid: String(b.folderUid) } : {}),
      });
      return send(200, { id, uid, version, status: 'success' });
    }
    const group = /^\/api\/v1\/provisioning\/folder\/([^/]+)\/rule-groups\/([^/]+)$/.exec(p);
    if (group) {
      const folderUid = decodeURIComponent(group[1]!);
      const key = `${folderUid}/${decodeURIComponent(group[2]!)}`;
      if (req.method === 'GET') {
        const g = groups.get(key);
        return g ? send(200, g.body) : send(404, { message: 'rule group does not exist' });
      }
      if (req.method === 'PUT') {
        if (!folders.has(folderUid)) return send(404, { message: 'folder does not exist' });
        const provenance = req.headers['x-disable-provenance'] ? '' : 'api';
        const cur = groups.get(key);
        if (cur && cur.provenance !== provenance)
          return send(400, { message: `cannot change provenance from '${cur.provenance}' to '${provenance}'` });
        // Grafana returns rules with its own fields added (id, updated, provenance).
        const rules = ((b.rules as Json[] | undefined) ?? []).map((r, i) => ({
          ...r,
          id: i + 1,
          folderUID: folderUid,
          updated: '2026-01-01T00:00:00Z',
          provenance,
        }));
        const stored = { ...b, folderUid, rules };
        groups.set(key, { body: stored, provenance });
        return send(200, stored);
      }
    }
    return send(404, { message: 'Not found' });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const close = () => new Promise<void>((r) => server.close(() => r()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    log,
    writes: () => log.filter((l) => !l.startsWith('GET ')),
    folders,
    dashboards,
    groups,
    contactPoints,
    failNext: (path, n) => {
      failing.set(path, n);
    },
    close,
    [Symbol.asyncDispose]: close,
  };
}
